import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../src/index';
import type { World } from '../src/simulator/world';

export interface CliUsage {
  code: number | null;
  wallS: number;
  cpuS: number;
  maxRssMiB: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in its own process, so its CPU and memory are measured apart from the simulators'. */
export async function measureCli(args: string[]): Promise<CliUsage> {
  const usageFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-usage-')), 'usage.json');
  const started = process.hrtime.bigint();
  // BENCH_NODE_ARGS: V8 flags for the CLI only, to profile it (e.g. --heapsnapshot-near-heap-limit=1 --max-old-space-size=100).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(__dirname, 'cli-with-usage.js'), ...args], {
    env: { PATH: process.env.PATH, BENCH_USAGE_FILE: usageFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  const usage = JSON.parse(fs.readFileSync(usageFile, 'utf8')) as NodeJS.ResourceUsage & { ownPeakKiB?: number };
  // maxRSS only where the process image's own peak cannot be read (not Linux): there it may include the bench's own memory.
  const peakKiB = usage.ownPeakKiB ?? usage.maxRSS;
  return { code, wallS, cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMiB: peakKiB / 1024, stdout, stderr };
}

/** Runs the CLI inside this process, beside the simulators, with the world's secrets in its environment. */
export async function runInProcess(world: World, args: string[]): Promise<{ code: number; wallS: number; stderr: string }> {
  let stderr = '';
  const started = process.hrtime.bigint();
  const code = await main(args, {
    env: { ...process.env, ...world.env },
    out: () => undefined,
    err: (s) => (stderr += s),
    errIsTTY: false,
  });
  return { code, wallS: Number(process.hrtime.bigint() - started) / 1e9, stderr };
}
