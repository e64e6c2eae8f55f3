import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../src/index';
import { buildCatalog } from '../src/simulator/catalog';
import { startWorld } from '../src/simulator/world';
import { printRows, type Row } from './harness';
import { benchPullItems } from './pull-items';
import { benchPushStock } from './push-stock';
import { benchStartup } from './startup';

/**
 * pull-orders over a 2,000-order backlog with searchOrders limited to 1 request/s, burst 5.
 * The floor is set by the rate alone: the first `burst` requests go at once, each later one a
 * second apart. The window is read in time slices, which costs a few requests more than its
 * pages (an empty slice, a slice's last page part full); they are counted, and shown.
 * Targets: wall time within 15% of that floor, and not a single 429.
 */
const ORDERS = 2000;
const PAGE = 100;
const RATE = 1;
const BURST = 5;

async function benchPullOrders(): Promise<boolean> {
  const world = await startWorld({ seed: 42, orders: 0, rates: [`searchOrders=${RATE}/${BURST}`] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-bench-'));
  try {
    const skus = buildCatalog(42).map((p) => p.sku);
    const start = Date.now() - 6 * 86_400_000;
    for (let i = 0; i < ORDERS; i += 200) {
      const batch = Array.from({ length: Math.min(200, ORDERS - i) }, (_, j) => {
        const t = new Date(start + (i + j) * 200_000).toISOString();
        return { status: 'UNSHIPPED' as const, fulfilledBy: 'MERCHANT' as const, createdTime: t, lastUpdatedTime: t, items: [{ sku: skus[(i + j) % skus.length] ?? 'SKU-0001', quantity: 1 + ((i + j) % 3) }] };
      });
      world.amazon.addOrders({ orders: batch });
    }
    const config = world.writeConfig(dir);
    const env = { ...process.env, ...world.env };
    const rssBefore = process.memoryUsage().rss;
    const t0 = process.hrtime.bigint();
    let stderr = '';
    const code = await main(['--config', config, '--quiet', 'pull-orders'], { env, out: () => undefined, err: (s) => (stderr += s), errIsTTY: false });
    const wallS = Number(process.hrtime.bigint() - t0) / 1e9;

    const pages = Math.ceil(ORDERS / PAGE);
    const requests = world.amazon.requests.filter((r) => r.path === '/orders/2026-01-01/orders').length;
    const floorS = Math.max(0, requests - BURST) / RATE;
    const throttled = world.amazon.requests.filter((r) => r.status === 429).length;
    const created = world.allocadence.orders().length;
    const ratio = wallS / floorS;
    const ok = code === 0 && created === ORDERS && ratio <= 1.15 && throttled === 0;
    const rows: Row[] = [
      ['orders created', `${created} / ${ORDERS}`],
      ['searchOrders requests', `${requests} at ${RATE}/s, burst ${BURST} (${pages} pages unsliced)`],
      ['theoretical minimum', `${floorS.toFixed(2)} s`],
      ['wall time', `${wallS.toFixed(2)} s`],
      ['wall ÷ minimum', `${ratio.toFixed(3)} (target ≤ 1.15)`],
      ['429 responses', `${throttled} (target 0)`],
      ['rss growth', `${((process.memoryUsage().rss - rssBefore) / 1048576).toFixed(1)} MiB`],
      ['exit code', String(code)],
    ];
    printRows('pull-orders, 2,000-order backlog', rows);
    if (!ok) process.stdout.write(stderr);
    return ok;
  } finally {
    await world.close();
  }
}

/** Every benchmark in turn; exit 1 when any target is missed. */
async function bench(): Promise<number> {
  const results = [benchStartup(), await benchPullOrders(), await benchPushStock(), await benchPullItems()];
  const ok = results.every(Boolean);
  process.stdout.write(ok ? '\nbench: targets met\n' : '\nbench: TARGETS MISSED\n');
  return ok ? 0 : 1;
}

bench().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
