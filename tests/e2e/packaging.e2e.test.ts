import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dotenv from 'dotenv';
import { readConfigFile } from '../../src/config/load';
import { environmentFor, secretsFrom } from '../../src/config/secrets';
import { ROOT } from '../helpers/schedule-lines';

const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const read = (f: string): string => fs.readFileSync(path.join(ROOT, f), 'utf8');

/** config.example.json and .env.example side by side, as they are installed in /etc/alloc-amazon. */
function installedExamples(envText = read('.env.example')): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-examples-'));
  made.push(dir);
  fs.copyFileSync(path.join(ROOT, 'config.example.json'), path.join(dir, 'config.json'));
  fs.writeFileSync(path.join(dir, '.env'), envText, { mode: 0o600 });
  return path.join(dir, 'config.json');
}

test('.env.example names every secret the example config needs, and holds no value', () => {
  const names = Object.keys(dotenv.parse(read('.env.example')));
  expect(Object.values(dotenv.parse(read('.env.example'))).filter((v) => v !== '')).toEqual([]);
  const config = installedExamples();
  const { missing } = secretsFrom(readConfigFile(config).config, environmentFor(config, {}));
  expect(missing.map((m) => m.split(' ')[0]).sort()).toEqual([...names].sort());
  // Filled in, it is all the tool needs.
  const filled = installedExamples(read('.env.example').replace(/^([A-Z_]+)=$/gm, '$1=invented-value'));
  expect(secretsFrom(readConfigFile(filled).config, environmentFor(filled, {})).missing).toEqual([]);
});

test('.env.example says what each secret is', () => {
  const lines = read('.env.example').split('\n');
  for (const [i, line] of lines.entries()) {
    if (!/^[A-Z_]+=/.test(line)) continue;
    // A comment above it, or above the variable it is paired with (key and secret).
    const above = lines
      .slice(0, i)
      .reverse()
      .find((l) => !/^[A-Z_]+=/.test(l));
    expect([line, above?.startsWith('# ')]).toEqual([line, true]);
  }
});

test('the example config keeps its state where a Linux service keeps state', () => {
  const { stateDbPath } = readConfigFile(installedExamples());
  expect(stateDbPath).toBe('/var/lib/alloc-amazon/state.sqlite');
});

test('MIT licensed, and package.json says so', () => {
  expect(read('LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
  expect(read('LICENSE')).toContain('Permission is hereby granted, free of charge');
  expect((JSON.parse(read('package.json')) as { license: string }).license).toBe('MIT');
});

test('the package carries the program, its examples and the systemd units', () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status).toBe(0);
  const files = ((JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]?.files ?? []).map((f) => f.path);
  const units = fs
    .readdirSync(path.join(ROOT, 'systemd'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(service|timer|conf)$/.test(f));
  expect(units.length).toBeGreaterThan(0);
  for (const f of [
    'LICENSE',
    'README.md',
    'package.json',
    'bin/alloc-amazon.js',
    'dist/src/index.js',
    'config.example.json',
    '.env.example',
    'crontab.example',
    ...units.map((u) => `systemd/${u}`),
  ]) {
    expect([f, files.includes(f)]).toEqual([f, true]);
  }
  expect(files.filter((f) => /(^|\/)\.env$|\.sqlite|^tests\//.test(f))).toEqual([]);
});
