import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWorld } from '../src/simulator/world';
import { measureCli, printRows } from './harness';

const LISTINGS = 50_000;

/**
 * The first pull-items over a 50,000-row listings report: CPU and peak memory of the CLI. The
 * listings plan is raised so the measurement is the tool's own work, not Amazon's 5 requests/s.
 */
export async function benchPullItems(): Promise<boolean> {
  const world = await startWorld({ seed: 11, orders: 0, listings: LISTINGS, rates: ['searchListingsItems=1000/1000'] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-bench-items-'));
  try {
    const config = world.writeConfig(dir);
    const run = await measureCli(['--config', config, '--quiet', '--json', 'pull-items']);
    const created = (JSON.parse(run.stdout || '{"runs":[{"totals":{}}]}') as { runs: Array<{ totals: Record<string, number> }> }).runs[0]?.totals.created ?? 0;
    printRows('first pull-items, 50,000-row report', [
      ['exit code', String(run.code)],
      ['items created', String(created)],
      ['CLI CPU time', `${run.cpuS.toFixed(2)} s`],
      ['CLI peak memory', `${run.maxRssMiB.toFixed(0)} MiB`],
      ['wall time', `${run.wallS.toFixed(1)} s`],
    ]);
    if (run.code !== 0) process.stdout.write(`${run.stderr.slice(0, 2000)}\n`);
    return run.code === 0;
  } finally {
    await world.close();
  }
}
