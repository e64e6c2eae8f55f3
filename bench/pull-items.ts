import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWorld } from '../src/simulator/world';
import { measureCli } from './harness';
import { mib, seconds, type TableRow } from './table';

const LISTINGS = 50_000;

/**
 * The first pull-items over a 50,000-row listings report: CPU and peak memory of the CLI. The
 * listings plan is raised so the measurement is the tool's own work, not Amazon's 5 requests/s.
 */
export async function benchPullItems(): Promise<TableRow[]> {
  const world = await startWorld({ seed: 11, orders: 0, listings: LISTINGS, rates: ['searchListingsItems=1000/1000'] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-bench-items-'));
  try {
    const config = world.writeConfig(dir);
    const run = await measureCli(['--config', config, '--quiet', '--json', 'pull-items']);
    const created =
      (JSON.parse(run.stdout || '{"runs":[{"totals":{}}]}') as { runs: { totals: Record<string, number> }[] }).runs[0]?.totals.created ?? 0;
    process.stdout.write(`  exit code ${run.code}, ${created} items created, wall ${seconds(run.wallS)}\n`);
    if (run.code !== 0) process.stdout.write(`${run.stderr.slice(0, 2000)}\n`);
    // No targets: the figures are reported, and a failed run fails the row.
    const failed = run.code === 0 ? {} : { ok: false };
    const scenario = `pull-items, first run, ${LISTINGS.toLocaleString('en')}-row report`;
    return [
      { scenario: `${scenario}: CLI CPU time`, measured: seconds(run.cpuS), target: 'report', ...failed },
      { scenario: `${scenario}: CLI peak memory`, measured: mib(run.maxRssMiB), target: 'report', ...failed },
    ];
  } finally {
    await world.close();
  }
}
