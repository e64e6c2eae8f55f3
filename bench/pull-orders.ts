import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SP_API_RATE_LIMITS } from '../src/amazon/rate-limits';
import type { SimOrder } from '../src/simulator/amazon';
import { buildCatalog } from '../src/simulator/catalog';
import { startWorld, type World } from '../src/simulator/world';
import { runInProcess } from './harness';
import { seconds, type TableRow } from './table';

export const ORDERS = 2000;
const PAGE = 100;
const RATE = 1;
const BURST = 5;

/**
 * searchOrders' published rate (one page every 3 minutes) scaled up so the backlog takes seconds;
 * the peer baseline scales v0's rates by the same factor.
 */
export const RATE_SCALE = RATE / (SP_API_RATE_LIMITS.searchOrders?.rate ?? NaN);

/** A backlog of unshipped merchant orders, 200 s apart from six days ago (2,000 by default). */
export function seedBacklog(world: World, seed: number, count = ORDERS, sellerId?: string): SimOrder[] {
  const skus = buildCatalog(seed).map((p) => p.sku);
  const start = Date.now() - 6 * 86_400_000;
  const added: SimOrder[] = [];
  for (let i = 0; i < count; i += 200) {
    const batch = Array.from({ length: Math.min(200, count - i) }, (_, j) => {
      const t = new Date(start + (i + j) * 200_000).toISOString();
      return {
        status: 'UNSHIPPED' as const,
        fulfilledBy: 'MERCHANT' as const,
        createdTime: t,
        lastUpdatedTime: t,
        items: [{ sku: skus[(i + j) % skus.length] ?? 'SKU-0001', quantity: 1 + ((i + j) % 3) }],
      };
    });
    added.push(...world.amazon.addOrders({ orders: batch }, sellerId));
  }
  return added;
}

/** SP-API calls a world's Amazon received, leaving out LWA token requests. */
export function spApiRequests(world: World): number {
  return world.amazon.requests.filter((r) => r.path !== '/auth/o2/token').length;
}

export interface PullOrdersResult {
  rows: TableRow[];
  wallS: number;
  requestsPerOrder: number;
}

/**
 * pull-orders over the backlog with searchOrders at 1 request/s, burst 5. The floor is set by the
 * rate alone and the pages the backlog needs (not the requests the run made): the first `burst`
 * go at once, each later one a second apart. The window is read in time slices so a run cut short
 * by its deadline keeps a checkpoint per slice; a slice's last page is seldom full, so slicing
 * costs a few requests over the pages, counted in the second row against the pages needed.
 */
export async function benchPullOrders(): Promise<PullOrdersResult> {
  const world = await startWorld({ seed: 42, orders: 0, rates: [`searchOrders=${RATE}/${BURST}`] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-bench-'));
  try {
    seedBacklog(world, 42);
    const config = world.writeConfig(dir);
    const { code, wallS, stderr } = await runInProcess(world, ['--config', config, '--quiet', 'pull-orders']);

    const pages = Math.ceil(ORDERS / PAGE);
    const searches = world.amazon.requests.filter((r) => r.path === '/orders/2026-01-01/orders' && r.status === 200).length;
    const floorS = Math.max(0, pages - BURST) / RATE;
    const throttled = world.amazon.requests.filter((r) => r.status === 429).length;
    const created = world.allocadence.orders().length;
    const requests = spApiRequests(world);
    const complete = code === 0 && created === ORDERS;
    process.stdout.write(`  exit code ${code}, ${created} / ${ORDERS} orders created, ${pages} pages\n`);
    if (!complete) process.stdout.write(stderr.slice(0, 2000));
    const scenario = `pull-orders, ${ORDERS.toLocaleString('en')}-order backlog (searchOrders ${RATE}/s, burst ${BURST})`;
    return {
      wallS,
      requestsPerOrder: requests / ORDERS,
      rows: [
        {
          scenario,
          measured: seconds(wallS),
          bound: `${seconds(floorS)} minimum`,
          ratio: wallS / floorS,
          target: '≤ 1.10',
          ok: complete && wallS / floorS <= 1.1,
        },
        {
          scenario: 'pull-orders: searchOrders requests (time slices for deadline checkpoints)',
          measured: String(searches),
          bound: `${pages} pages needed`,
          ratio: searches / pages,
          target: '≤ 1.05',
          ok: complete && searches <= pages * 1.05,
        },
        { scenario: 'pull-orders: 429 responses', measured: String(throttled), target: '0', ok: throttled === 0 },
        {
          scenario: 'pull-orders: Amazon requests per order',
          measured: `${(requests / ORDERS).toFixed(3)} (${requests} requests)`,
          target: 'report',
        },
      ],
    };
  } finally {
    await world.close();
  }
}
