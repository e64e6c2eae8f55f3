import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { TableRow } from './table';

// Compiled to dist/bench/: the CLI is two folders up.

function medianMs(args: string[], runs = 7): number {
  const times = Array.from({ length: runs }, () => {
    const t0 = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  }).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] ?? 0;
}

/** Cron starts the tool often: `--version` should cost little more than starting Node itself (target ≤ 3×). */
export function benchStartup(): TableRow[] {
  const bare = medianMs(['-e', '0']);
  const tool = medianMs([path.join(__dirname, '../../bin/alloc-amazon.js'), '--version']);
  return [
    {
      scenario: 'CLI start-up: `alloc-amazon --version` (median of 7)',
      measured: `${tool.toFixed(0)} ms`,
      bound: `${bare.toFixed(0)} ms \`node -e 0\``,
      ratio: tool / bare,
      target: '≤ 3',
      ok: tool / bare <= 3,
    },
  ];
}
