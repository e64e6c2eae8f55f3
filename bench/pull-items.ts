import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { basicAuthValue } from '../src/allocadence/client';
import { SP_API_RATE_LIMITS } from '../src/amazon/rate-limits';
import { startWorld } from '../src/simulator/world';
import { measureCli, type CliUsage } from './harness';
import { mib, seconds, type TableRow } from './table';

/**
 * The catalogue of the first run: 50,000 listings behind a warehouse slowed to SLOW_MS a call, at
 * Amazon's real listing rate, run twice, about nine minutes each. As shipped (initial quantities
 * off, evidence §2.12) a listing is one create, and the 2,500 pages at 5/s (500 s) bound the run.
 * With `items.importQuantities` on, most listings also need an adjustment: 88,000 warehouse calls
 * × 50 ms ÷ 8 = 550 s, about the pages' time, which is where writes that did not overlap reads
 * would show most. Waiting costs no CPU, so each run gives its CPU per listing and peak memory too.
 */
const LISTINGS = Number(process.env.BENCH_ITEMS_LISTINGS ?? 50_000);
const SLOW_MS = Number(process.env.BENCH_ITEMS_SLOW_MS ?? 50);
/** `concurrency.allocadenceRequests` as the config written by the world leaves it: the default. */
const WRITE_CONCURRENCY = 8;
const PAGE_SIZE = 20;
const CPU_TARGET_MS = 0.5;
const RSS_TARGET_MIB = 200;
/**
 * Wall over the bound: a first run also reads every item (and, importing quantities, the
 * warehouse's stock) and waits for the report before its first write, and the last batch is
 * written after the last page arrives.
 */
const WALL_TARGET = 1.25;
/** Bare exchanges timed for the CPU floor: enough for the JIT to have settled (~75 s at 50 ms ÷ 8). */
const FLOOR_REQUESTS = Number(process.env.BENCH_FLOOR_REQUESTS ?? 12_000);

interface ItemsRun {
  run: CliUsage;
  totals: Record<string, number>;
}

/** A first pull-items run; with `importQuantities`, an adjustment after the create of each merchant SKU with stock. */
async function firstRun(listings: number, opts: { slowMs?: number; rates: string[]; importQuantities: boolean }): Promise<ItemsRun> {
  const world = await startWorld({ seed: 11, orders: 0, listings, rates: opts.rates, ...(opts.slowMs ? { slowMs: opts.slowMs } : {}) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-bench-items-'));
  try {
    if (opts.importQuantities) world.allocadence.setBehaviour({ adjustments: true });
    // Every warehouse call slowed, none of Amazon's: the 'slow' fault on every request of the warehouse alone.
    if (opts.slowMs) world.allocadence.setFaults({ slow: 1 });
    const config = world.writeConfig(dir, (c) => {
      if (opts.importQuantities)
        ((c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>).items = { importQuantities: true };
    });
    const run = await measureCli(['--config', config, '--quiet', '--json', 'pull-items']);
    const totals =
      (JSON.parse(run.stdout || '{"runs":[{"totals":{}}]}') as { runs: { totals: Record<string, number> }[] }).runs[0]?.totals ?? {};
    process.stdout.write(
      `  ${listings} listings: exit code ${run.code}, ${totals.created ?? 0} items created, ${totals['quantity-imported'] ?? 0} quantities, wall ${seconds(run.wallS)}\n`,
    );
    if (run.code !== 0) process.stdout.write(`${run.stderr.slice(0, 2000)}\n`);
    return { run, totals };
  } finally {
    await world.close();
  }
}

/** The first run's shortest possible time: the warehouse calls its work needs at the declared concurrency, or Amazon's listing pages at their real rate. */
function bound(listings: number, totals: Record<string, number>): { s: number; text: string; calls: number } {
  const calls = (totals.created ?? 0) + (totals.linked ?? 0) + (totals['quantity-imported'] ?? 0);
  const warehouseS = (calls * SLOW_MS) / 1000 / WRITE_CONCURRENCY;
  const limit = SP_API_RATE_LIMITS.searchListingsItems ?? { rate: 5, burst: 5 };
  const pages = Math.ceil(listings / PAGE_SIZE);
  const amazonS = Math.max(0, pages - limit.burst) / limit.rate;
  return warehouseS >= amazonS
    ? { s: warehouseS, text: `${seconds(warehouseS)}: ${calls} calls × ${SLOW_MS} ms ÷ ${WRITE_CONCURRENCY}`, calls }
    : { s: amazonS, text: `${seconds(amazonS)}: ${pages} pages at ${limit.rate}/s`, calls };
}

/**
 * CPU ms per request of bare HTTP exchanges (bare-http.ts) against the same slowed warehouse, at
 * the same concurrency: what a request costs this machine before any of the tool's own work.
 */
async function bareExchangeMs(): Promise<number> {
  const world = await startWorld({ seed: 11, orders: 0, listings: 0, slowMs: SLOW_MS });
  try {
    world.allocadence.setFaults({ slow: 1 });
    const base = (world.config.allocadence as { baseUrl: string }).baseUrl;
    const auth = `Basic ${basicAuthValue({ allocadenceApiKey: world.env.ALLOCADENCE_API_KEY ?? '', allocadenceApiSecret: world.env.ALLOCADENCE_API_SECRET ?? '' })}`;
    const args = [
      path.join(__dirname, 'bare-http.js'),
      `${base}/items?page=1&perPage=1`,
      String(FLOOR_REQUESTS),
      String(WRITE_CONCURRENCY),
    ];
    const { stdout: out } = await promisify(execFile)(process.execPath, args, { env: { PATH: process.env.PATH, BARE_HTTP_AUTH: auth } });
    const { requests, cpuS } = JSON.parse(out) as { requests: number; cpuS: number };
    return (cpuS * 1000) / requests;
  } finally {
    await world.close();
  }
}

/** One first run's rows: wall time against its bound, CPU per listing against the bare exchanges its warehouse calls cost, peak memory. */
function runRows(label: string, first: ItemsRun, bareMs: number): TableRow[] {
  const b = bound(LISTINGS, first.totals);
  const ratio = first.run.wallS / b.s;
  const cpuMs = (first.run.cpuS * 1000) / LISTINGS;
  const floorMs = (bareMs * b.calls) / LISTINGS;
  const done = first.run.code === 0;
  const scenario = `pull-items, first run, ${LISTINGS.toLocaleString('en')} listings, ${label}, warehouse ${SLOW_MS} ms a call`;
  return [
    {
      scenario: `${scenario}, searchListingsItems 5/s: wall`,
      measured: seconds(first.run.wallS),
      bound: b.text,
      ratio,
      target: `≤ ${WALL_TARGET.toFixed(2)}`,
      ok: done && ratio <= WALL_TARGET,
    },
    {
      scenario: `${scenario}: CLI CPU time per listing`,
      measured: `${cpuMs.toFixed(3)} ms (${seconds(first.run.cpuS)})`,
      bound: `${floorMs.toFixed(3)} ms: ${b.calls} bare HTTP exchanges`,
      ratio: cpuMs / floorMs,
      target: `≤ ${CPU_TARGET_MS} ms`,
      ok: done && cpuMs <= CPU_TARGET_MS,
    },
    {
      scenario: `${scenario}: CLI peak memory`,
      measured: mib(first.run.maxRssMiB),
      target: `≤ ${RSS_TARGET_MIB} MiB`,
      ok: done && first.run.maxRssMiB <= RSS_TARGET_MIB,
    },
  ];
}

/** The first pull-items over the catalogue behind a slow warehouse, as shipped and with initial quantities. */
export async function benchPullItems(): Promise<TableRow[]> {
  const shipped = await firstRun(LISTINGS, { slowMs: SLOW_MS, rates: [], importQuantities: false });
  const quantities = await firstRun(LISTINGS, { slowMs: SLOW_MS, rates: [], importQuantities: true });
  const bareMs = await bareExchangeMs();
  return [...runRows('as shipped (no initial quantities)', shipped, bareMs), ...runRows('initial quantities on', quantities, bareMs)];
}
