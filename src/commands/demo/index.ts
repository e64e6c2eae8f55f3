import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../output/log';
import { SIM_SELLER, startWorld, type World } from '../../simulator/world';
import type { RunSummary } from '../../sync/types';
import type { Deps } from '../../deps';
import { syncRuns } from '../../sync/command';
import type { DirectionFactory } from '../../sync/direction';
import { iso } from '../../time';
import type { SyncFlags } from '../options';
import { pullItems } from '../pull-items';
import { pullOrders } from '../pull-orders';
import { pushShipments } from '../push-shipments';
import { pushStatus } from '../push-status';
import { pushStock } from '../push-stock';
import { status as showStatus } from '../status';

function countBy<T>(items: readonly T[], key: (t: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}

function describe(s: RunSummary): string {
  const t = s.totals;
  const parts = [`read ${s.marketplaces.reduce((n, m) => n + m.read, 0)} changed orders`];
  if (t.created) parts.push(`created ${t.created} Allocadence order${t.created === 1 ? '' : 's'}`);
  if (t.cancelled) parts.push(`cancelled ${t.cancelled}`);
  if (t['already-imported']) parts.push(`${t['already-imported']} already imported`);
  if (t['already-cancelled']) parts.push(`${t['already-cancelled']} already cancelled`);
  if (t.skipped) parts.push(`skipped ${t.skipped} (shipped, FBA, pending or never imported)`);
  if (s.failures.length) parts.push(`${s.failures.length} failed`);
  return `${parts.join('; ')} — ${s.http.requests} requests, ${s.http.throttled} throttled, outcome ${s.outcome}`;
}

/** One run of a direction against the demo's world, as cron would start it. */
type Step = (name: string, build: DirectionFactory, flags?: SyncFlags) => Promise<RunSummary>;

function stepsIn(world: World, dir: string, deps: Deps): Step {
  return async (name, build, flags = {}) => {
    const [summary] = await syncRuns(
      { ...deps, env: { ...world.env } },
      name,
      build,
      { config: path.join(dir, 'config.json'), dryRun: false },
      flags,
    );
    if (!summary) throw new Error('the demo ran for no seller');
    return summary;
  };
}

function counts(s: RunSummary, labels: Record<string, string>): string {
  const parts = Object.entries(labels)
    .filter(([action]) => s.totals[action])
    .map(([action, label]) => `${s.totals[action]} ${label}`);
  return `${parts.join(', ') || 'nothing to do'} — ${s.http.requests} requests, outcome ${s.outcome}`;
}

export interface DemoFlags {
  seed: number;
  orders: number;
  /** Leave the demo's folder (config, .env, state file) behind to look at; by default it is removed. */
  keep?: boolean;
}

/** Act one: orders come in, one is cancelled and one new arrives, and a run with nothing to do. */
async function orders(
  world: World,
  deps: Deps,
  say: (line?: string) => void,
  run: Step,
): Promise<{ summaries: RunSummary[]; fresh: string }> {
  const amazonOrders = world.amazon.orders();
  say(
    `Amazon has ${amazonOrders.length} orders from the last week: ${countBy(amazonOrders, (o) => `${o.fulfillment?.fulfilledBy ?? '?'} ${o.fulfillment?.fulfillmentStatus ?? '?'}`.toLowerCase())}.`,
  );
  say();
  const first = await run('pull-orders', pullOrders);
  say(`1. pull-orders (first run, last 7 days): ${describe(first)}`);
  const created = world.allocadence.orders();
  for (const o of created.slice(0, 3))
    say(`   e.g. ${o.orderNumber} → Allocadence order ${o.id}: ${o.items.map((i) => `${i.sku}×${i.quantity}`).join(', ')}`);

  // A buyer can cancel only what has not started shipping.
  const unshipped = new Set(
    world.amazon
      .orders()
      .filter((o) => o.fulfillment?.fulfillmentStatus === 'UNSHIPPED')
      .map((o) => o.orderId),
  );
  const victim = created.find((o) => !o.cancelled && unshipped.has(o.orderNumber));
  const threeMinutesAgo = iso(deps.clock() - 3 * 60_000);
  if (victim) world.amazon.updateOrder(victim.orderNumber, { status: 'CANCELLED', lastUpdatedTime: threeMinutesAgo });
  const [fresh] = world.amazon.addOrders({
    orders: [
      {
        status: 'UNSHIPPED',
        fulfilledBy: 'MERCHANT',
        createdTime: threeMinutesAgo,
        lastUpdatedTime: threeMinutesAgo,
        items: [{ sku: 'SKU-0001', quantity: 2 }],
      },
    ],
  });
  say();
  say(
    `   Meanwhile on Amazon: the buyer of ${victim?.orderNumber ?? '(none)'} cancels it, and a new order ${fresh?.orderId ?? ''} arrives.`,
  );
  const second = await run('pull-orders', pullOrders);
  say(`2. pull-orders (next cron run): ${describe(second)}`);
  const third = await run('pull-orders', pullOrders);
  say(`3. pull-orders (run again at once, nothing to do): ${describe(third)}`);
  return { summaries: [first, second, third], fresh: fresh?.orderId ?? '' };
}

/** Act two: listings become items, stock becomes their quantities, then one stock change. */
async function catalogue(world: World, say: (line?: string) => void, run: Step): Promise<RunSummary[]> {
  say();
  const items = await run('pull-items', pullItems);
  const parents = world.amazon.listings().filter((l) => l.isParent).length;
  say(
    `4. pull-items (first run: listings report + Listings API): ${counts(items, { created: 'items created', 'item-exists': 'already in the warehouse', parent: 'variation parents recorded (no item)', linked: 'children linked to their parent', 'quantity-imported': 'initial quantities imported' })}`,
  );
  const linked = world.allocadence.items().find((i) => i.userField1);
  say(
    `   ${world.amazon.listings().length} listings on Amazon, ${parents} of them variation parents; e.g. ${linked?.sku ?? '-'} → userField1 "${linked?.userField1 ?? ''}"`,
  );
  const stock = await run('push-stock', pushStock, { full: true });
  say(`5. push-stock --full (midnight run): ${counts(stock, { pushed: 'quantities pushed', unchanged: 'unchanged' })}`);
  const merchant = world.amazon.listings().filter((l) => l.fulfillment === 'MERCHANT' && !l.isParent);
  world.allocadence.setStock(merchant[0]?.sku ?? '', 'Main', 33);
  const again = await run('push-stock', pushStock);
  say(`6. push-stock after one stock change in the warehouse: ${counts(again, { pushed: 'quantity pushed', unchanged: 'unchanged' })}`);
  return [items, stock, again];
}

/** Act three: the new order ships in two packages, another is cancelled in the warehouse. */
async function fulfilment(world: World, say: (line?: string) => void, run: Step, shipped: string): Promise<RunSummary[]> {
  say();
  world.allocadence.ship({
    orderNumber: shipped,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZDEMO0000000001',
    lines: [{ sku: 'SKU-0001', quantity: 1 }],
  });
  world.allocadence.ship({
    orderNumber: shipped,
    carrier: 'USPS',
    service: 'Priority',
    trackingNumber: '9400100000000000000001',
    lines: [{ sku: 'SKU-0001', quantity: 1 }],
  });
  say(`   Meanwhile in the warehouse: ${shipped} ships in two packages (UPS and USPS).`);
  const shipments = await run('push-shipments', pushShipments);
  const onAmazon = world.amazon.orders().find((o) => o.orderId === shipped);
  say(`7. push-shipments: ${counts(shipments, { confirmed: 'packages confirmed' })}`);
  say(
    `   Amazon now shows ${shipped} ${onAmazon?.fulfillment?.fulfillmentStatus ?? '?'}: ${(onAmazon?.packages ?? []).map((p) => `${p.carrier} ${p.trackingNumber ?? ''}`).join(', ')}`,
  );
  const open = world.allocadence
    .orders()
    .find(
      (o) =>
        !o.cancelled &&
        !o.completed &&
        world.amazon.orders().some((a) => a.orderId === o.orderNumber && a.fulfillment?.fulfillmentStatus === 'UNSHIPPED'),
    );
  if (open) world.allocadence.cancelOrder(open.orderNumber, 'Out of stock');
  say(`   Meanwhile in the warehouse: ${open?.orderNumber ?? '(none)'} is cancelled (out of stock).`);
  const status = await run('push-status', pushStatus);
  say(
    `8. push-status: ${counts(status, { cancelled: 'order cancelled on Amazon (one feed)', 'marked-shipped': 'marked shipped' })}; Amazon shows it ${world.amazon.orders().find((a) => a.orderId === open?.orderNumber)?.fulfillment?.fulfillmentStatus ?? '?'}`,
  );
  return [shipments, status];
}

/** Shows the tool working end to end on simulated systems, in a few readable lines. */
export async function demo(deps: Deps, opts: DemoFlags, directions: readonly string[]): Promise<number> {
  const say = (line = ''): void => deps.out(`${line}\n`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-demo-'));
  const world = await startWorld({ seed: opts.seed, orders: opts.orders, listings: 40 });
  // The demo tells its own story on stdout; only problems go to the log.
  const quiet: Deps = {
    ...deps,
    logger: createLogger({
      format: 'text',
      color: false,
      minLevel: 'warn',
      redactor: deps.redactor,
      write: (l) => process.stderr.write(`${l}\n`),
      clock: deps.clock,
    }),
  };
  try {
    world.writeConfig(dir);
    const run = stepsIn(world, dir, quiet);
    say(
      `Simulated Amazon seller ${SIM_SELLER.name} (${SIM_SELLER.marketplaceId}) and Allocadence warehouse "${SIM_SELLER.warehouse}", seed ${opts.seed}.`,
    );
    const act1 = await orders(world, deps, say, run);
    const act2 = await catalogue(world, say, run);
    const act3 = await fulfilment(world, say, run, act1.fresh);
    const final = world.allocadence.orders();
    say();
    say(`Allocadence now holds ${final.length} orders (${final.filter((o) => o.cancelled).length} cancelled); every order exists once.`);
    say();
    say(`What \`alloc-amazon --config ${path.join(dir, 'config.json')} status\` shows now:`);
    say();
    showStatus(deps, { config: path.join(dir, 'config.json'), dryRun: false, json: false, quiet: false, color: false }, directions);
    say();
    say(
      opts.keep
        ? `The demo's folder is kept: ${dir} (config.json, .env, the state file); the simulators are gone, so status works there, the sync commands do not.`
        : `The demo's folder ${dir} is removed (--keep keeps it).`,
    );
    return [...act1.summaries, ...act2, ...act3].every((s) => s.outcome === 'ok') ? 0 : 1;
  } finally {
    await world.close();
    // Like any temporary folder: gone when the demo ends, even when it failed, unless asked to stay.
    if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
