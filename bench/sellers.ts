import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SP_API_RATE_LIMITS } from '../src/amazon/rate-limits';
import { startWorld, worldSeller } from '../src/simulator/world';
import { measureCli } from './harness';
import { RATE_SCALE, seedBacklog } from './pull-orders';
import { seconds, type TableRow } from './table';

/** Orders per seller: a little more than searchOrders' real burst (20 pages), so its rate sets each seller's time. */
export const PER_SELLER = Number(process.env.BENCH_SELLER_ORDERS ?? 2100);
const SELLERS = Number(process.env.BENCH_SELLERS ?? 20);
/**
 * Published rates are scaled up less here than in the pull-orders row (×178.6 there): the bench
 * process also plays both remote systems, and 20 sellers' order writes cost it minutes of CPU that
 * in production are a sliver of the hours searchOrders' rate imposes. At ×4.5 a page comes every
 * 40 s, so waiting on Amazon, not the bench's CPU, sets the time, as it does in production.
 */
const SCALE = Number(process.env.BENCH_SELLER_RATE_SCALE ?? RATE_SCALE / 40);

/** Every operation's published rate, scaled by SCALE; the bursts stay Amazon's own. */
function scaledRates(): string[] {
  return Object.entries(SP_API_RATE_LIMITS)
    .filter(([op]) => !op.includes(':'))
    .map(([op, l]) => `${op}=${l.rate * SCALE}/${l.burst}`);
}

interface SellersRun {
  wallS: number;
  throttled: number;
  /** searchOrders requests answered 200, all sellers together. */
  searches: number;
  complete: boolean;
}

const PAGE = 100;
const SEARCH = SP_API_RATE_LIMITS.searchOrders ?? { rate: NaN, burst: NaN };

/** pull-orders for `n` sellers, each with the same backlog, in one process; the world is fresh each time. */
async function pullOrdersFor(n: number): Promise<SellersRun> {
  const world = await startWorld({ seed: 42, orders: 0, sellers: n, rates: scaledRates() });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-bench-sellers-'));
  try {
    for (let k = 1; k <= n; k++) seedBacklog(world, 42, PER_SELLER, worldSeller(k).sellerId);
    const config = world.writeConfig(dir);
    // In a process of its own, as cron runs it: the simulators' work does not share its CPU.
    const { code, wallS, stderr } = await measureCli(['--config', config, '--quiet', 'pull-orders']);
    const throttled = world.amazon.requests.filter((r) => r.status === 429).length;
    const searches = world.amazon.requests.filter((r) => r.path === '/orders/2026-01-01/orders' && r.status === 200).length;
    const created = world.allocadence.orders().length;
    const complete = code === 0 && created === n * PER_SELLER;
    process.stdout.write(`  ${n} seller(s): exit code ${code}, ${created} / ${n * PER_SELLER} orders created in ${seconds(wallS)}\n`);
    if (!complete) process.stdout.write(stderr.slice(0, 2000));
    return { wallS, throttled, searches, complete };
  } finally {
    await world.close();
  }
}

/**
 * pull-orders, 20 sellers side by side vs 1 seller, each seller's Amazon and backlog the same. The
 * 1-seller run is shown against its own rate floor too, so the ratio's baseline is not taken on
 * trust: a first run reads its window in time slices, and the first slice (a day, sized before the
 * seller's density is known) costs a request beyond the pages, one whole wait at this rate.
 */
export async function benchSellers(): Promise<TableRow[]> {
  const one = await pullOrdersFor(1);
  const many = await pullOrdersFor(SELLERS);
  const ratio = many.wallS / one.wallS;
  // One seller's own floor: the pages its backlog needs, the first `burst` at once, then one per 1/rate.
  const pages = Math.ceil(PER_SELLER / PAGE);
  const floorS = Math.max(0, pages - SEARCH.burst) / (SEARCH.rate * SCALE);
  return [
    {
      scenario: `pull-orders, 1 seller alone (${PER_SELLER.toLocaleString('en')} orders: ${pages} pages, ${SEARCH.burst} at once, then 1 per ${seconds(1 / (SEARCH.rate * SCALE))})`,
      measured: seconds(one.wallS),
      bound: `${seconds(floorS)} minimum`,
      ratio: one.wallS / floorS,
      target: 'report',
    },
    {
      scenario: 'pull-orders, 1 seller alone: searchOrders requests (time slices for deadline checkpoints)',
      measured: String(one.searches),
      bound: `${pages} pages needed`,
      ratio: one.searches / pages,
      target: 'report',
    },
    {
      scenario: `pull-orders, ${SELLERS} sellers vs 1 seller (same world each: ${PER_SELLER.toLocaleString('en')} orders, searchOrders ${((SP_API_RATE_LIMITS.searchOrders?.rate ?? 0) * SCALE).toFixed(3)}/s, burst 20)`,
      measured: seconds(many.wallS),
      bound: `${seconds(one.wallS)} for 1 seller`,
      ratio,
      target: '≤ 1.50',
      ok: one.complete && many.complete && ratio <= 1.5,
    },
    {
      scenario: `pull-orders, ${SELLERS} sellers: 429 responses`,
      measured: String(many.throttled + one.throttled),
      target: '0',
      ok: many.throttled + one.throttled === 0,
    },
  ];
}
