import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const BIN = path.join(__dirname, '../../bin/alloc-amazon.js');

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(__dirname, '../../dist/src/index.js'))) {
    throw new Error('dist/ is missing: end-to-end tests run the built CLI; use `npm test`, which builds first');
  }
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A clean environment: the child sees only what the test gives it (secrets come from the .env beside the config). */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

export function spawnCli(args: string[], env: Record<string, string> = {}): { proc: ChildProcess; done: Promise<CliResult> } {
  const proc = spawn(process.execPath, [BIN, ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve) => proc.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { proc, done };
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return spawnCli(args, env).done;
}

export interface Simulation {
  amazon: string;
  allocadence: string;
  config: string;
  dir: string;
  stop(): Promise<CliResult>;
  output: () => string;
}

/** Starts `alloc-amazon simulate` and waits for its ready line. */
export async function startSimulation(dir: string, args: string[] = []): Promise<Simulation> {
  const { proc, done } = spawnCli(['simulate', '--dir', dir, ...args]);
  let buffered = '';
  const ready = await new Promise<{ amazon: string; allocadence: string; config: string }>((resolve, reject) => {
    proc.stdout?.on('data', (d: Buffer) => {
      buffered += d.toString();
      const line = buffered.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as { amazon: string; allocadence: string; config: string });
    });
    void done.then((r) => reject(new Error(`simulate exited early (${r.code}): ${r.stderr}`)));
  });
  return {
    ...ready,
    dir,
    output: () => buffered,
    stop: async () => {
      proc.kill('SIGTERM');
      return done;
    },
  };
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  return (await res.json()) as T;
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 30_000, everyMs = 20): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
