import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AnswerRewrite } from '../../src/simulator/answer-rewrites';
import { filesIn, leaks, piiIn, secretsOf } from '../helpers/secret-scan';
import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

/**
 * Every command, on its good path and on each way a remote system can refuse or fail: no secret
 * in stdout, stderr, the state file or anything else the tool writes; no buyer data in the state
 * file; the state file readable by its owner only.
 */
const world = worldsClosedAfterEach();
type Obj = Record<string, unknown>;
const COMMANDS = ['pull-items', 'pull-orders', 'push-stock', 'push-shipments', 'push-status', 'status'] as const;
type Command = (typeof COMMANDS)[number];

/** Buyer data as distinctive as can be, put into every order Amazon answers with. */
const BUYER = {
  name: 'Quintilla Zaborowska-Fenwick',
  email: 'q.zaborowska.fenwick@buyers.invalid',
  line1: '4471 Quillfeather Crescent',
  city: 'Vexhollow',
  phone: '+1 555-0142',
};
function buyerIn(prefix: string): AnswerRewrite {
  return {
    set: {
      [`${prefix}.buyer.buyerName`]: BUYER.name,
      [`${prefix}.buyer.buyerEmail`]: BUYER.email,
      [`${prefix}.recipient.deliveryAddress.name`]: BUYER.name,
      [`${prefix}.recipient.deliveryAddress.addressLine1`]: BUYER.line1,
      [`${prefix}.recipient.deliveryAddress.city`]: BUYER.city,
      [`${prefix}.recipient.deliveryAddress.phone`]: BUYER.phone,
    },
    times: 1000,
  };
}

function order(w: TestWorld, sku: string): string {
  const t = minutesAgo(20);
  return (
    w.amazon.addOrders({
      orders: [{ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items: [{ sku, quantity: 1 }] }],
    })[0]?.orderId ?? ''
  );
}

/** A world where every command has work for both systems: a new listing, changed stock, a new order, a shipment, two cancellations. */
async function busyWorld(): Promise<TestWorld> {
  const w = await world({ seed: 91, orders: 0, listings: 20, fakeClock: true }, (c) => {
    ((c.sellers as Obj[])[0] as Obj).stock = { patchThreshold: 5 };
  });
  w.amazon.rewriteNext('searchOrders', buyerIn('orders.*'));
  w.amazon.rewriteNext('getOrder', buyerIn('order'));
  const [shipped, cancelledHere, cancelledThere] = ['SKU-0001', 'SKU-0002', 'SKU-0003'].map((sku) => order(w, sku));
  for (const argv of [['pull-items'], ['push-stock', '--full'], ['pull-orders']]) expect((await w.run(argv)).code).toBe(0);
  w.amazon.addListings({ listings: [{ sku: 'NEW-AFTER-FIRST-RUN', title: 'New', quantity: 2, createdDate: minutesAgo(5) }] });
  const merchant = w.amazon.listings().find((l) => !l.isParent && l.fulfillment === 'MERCHANT');
  w.allocadence.setStock(merchant?.sku ?? '', 'Main', 321);
  order(w, 'SKU-0004');
  w.allocadence.ship({
    orderNumber: shipped ?? '',
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZSEC0001',
    lines: [{ sku: 'SKU-0001', quantity: 1 }],
  });
  w.allocadence.cancelOrder(cancelledHere ?? '', 'Out of stock');
  w.amazon.updateOrder(cancelledThere ?? '', { status: 'CANCELLED', lastUpdatedTime: minutesAgo(3) });
  return w;
}

const wrong = (prefix: string): string => `${prefix}${randomBytes(10).toString('hex')}`;

function setEnv(w: TestWorld, name: string, value: string): Record<string, string> {
  fs.writeFileSync(
    path.join(w.dir, '.env'),
    Object.entries({ ...w.env, [name]: value })
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
    { mode: 0o600 },
  );
  return { [`wrong ${name}`]: value };
}

function editConfig(w: TestWorld, edit: (c: Obj) => void): void {
  const c = JSON.parse(fs.readFileSync(w.configPath, 'utf8')) as Obj;
  edit(c);
  fs.writeFileSync(w.configPath, JSON.stringify(c));
}

function failEvery(w: TestWorld, rewrite: AnswerRewrite): void {
  for (const op of ['searchOrders', 'searchListingsItems', 'patchListingsItem', 'confirmShipment', 'getOrder', 'createFeedDocument'])
    w.amazon.rewriteNext(op, { ...rewrite, times: 1000 });
  for (const op of ['listInventory', 'listItems', 'listOrders', 'createOrder', 'createItem', 'listShippingOrders'])
    w.allocadence.rewriteNext(op, { ...rewrite, times: 1000 });
}

/** Each way things go wrong, and the exit code each command ends with. */
const SCENARIOS: [string, (w: TestWorld) => Record<string, string> | undefined, Record<Command, number>][] = [
  [
    'all in order',
    () => undefined,
    { 'pull-items': 0, 'pull-orders': 0, 'push-stock': 0, 'push-shipments': 0, 'push-status': 0, status: 0 },
  ],
  [
    'a wrong LWA client secret (invalid_client)',
    (w) => setEnv(w, 'LWA_CLIENT_SECRET', wrong('amzn1.oa2-cs.v1.wrong')),
    { 'pull-items': 3, 'pull-orders': 3, 'push-stock': 3, 'push-shipments': 3, 'push-status': 3, status: 0 },
  ],
  [
    'a revoked refresh token (invalid_grant)',
    (w) => setEnv(w, 'AMAZON_REFRESH_TOKEN_SIM_US', wrong('Atzr|revoked')),
    { 'pull-items': 3, 'pull-orders': 3, 'push-stock': 3, 'push-shipments': 3, 'push-status': 3, status: 0 },
  ],
  [
    'Allocadence refuses the API key (401)',
    (w) => setEnv(w, 'ALLOCADENCE_API_SECRET', wrong('wrongsecret-')),
    { 'pull-items': 3, 'pull-orders': 3, 'push-stock': 3, 'push-shipments': 0, 'push-status': 3, status: 0 },
  ],
  [
    'Allocadence refuses the SecureKey (401)',
    (w) => setEnv(w, 'ALLOCADENCE_SECURE_KEY', wrong('wrongsecure-')),
    // pull-orders: a refused cancel is that order's failure (retried), the other orders go on.
    { 'pull-items': 0, 'pull-orders': 1, 'push-stock': 0, 'push-shipments': 3, 'push-status': 3, status: 0 },
  ],
  [
    'an HTML error page instead of the API',
    (w) => {
      editConfig(
        w,
        (c) =>
          (c.allocadence = { baseUrl: `${w.allocadence.origin}/wrong/rest`, legacyBaseUrl: `${w.allocadence.origin}/wrong/services/rest` }),
      );
      return undefined;
    },
    { 'pull-items': 3, 'pull-orders': 3, 'push-stock': 3, 'push-shipments': 3, 'push-status': 3, status: 0 },
  ],
  [
    'a 500 after every retry',
    (w) => {
      failEvery(w, { status: 500, body: { errors: [{ code: 'InternalFailure', message: 'We encountered an internal error.' }] } });
      return undefined;
    },
    { 'pull-items': 3, 'pull-orders': 3, 'push-stock': 3, 'push-shipments': 3, 'push-status': 3, status: 0 },
  ],
  [
    'an error body that echoes the credentials back',
    (w) => {
      const basic = Buffer.from(`${w.env.ALLOCADENCE_API_KEY}:${w.env.ALLOCADENCE_API_SECRET}`).toString('base64');
      const echo = `request refused for key ${w.env.ALLOCADENCE_API_KEY} (Authorization: Basic ${basic}, SecureKey ${w.env.ALLOCADENCE_SECURE_KEY}, token Atza|echoed0token0value, client ${w.env.LWA_CLIENT_SECRET})`;
      failEvery(w, { status: 400, body: { code: 'invalid_parameter', message: echo, errors: [{ code: 'InvalidInput', message: echo }] } });
      return undefined;
    },
    { 'pull-items': 3, 'pull-orders': 1, 'push-stock': 3, 'push-shipments': 3, 'push-status': 3, status: 0 },
  ],
];

test.each(SCENARIOS)('%s', async (_name, breakIt, codes) => {
  const w = await busyWorld();
  const secrets = secretsOf(w.env, breakIt(w) ?? {});
  const said: Record<string, string> = {};
  const got: Record<string, number> = {};
  for (const command of COMMANDS) {
    const r = await w.run(['--json', command]);
    got[command] = r.code;
    said[`${command} stdout`] = r.out;
    said[`${command} stderr`] = r.err;
    // Whatever the tool wrote, looked at after each run: the state file, its -wal and -shm.
    for (const [file, bytes] of Object.entries(filesIn(w.dir))) said[`${file} after ${command}`] = bytes.toString('latin1');
  }
  expect(got).toEqual(codes);
  expect(leaks(said, secrets)).toEqual([]);
  const written = filesIn(w.dir);
  expect(Object.keys(written)).toContain('alloc-amazon.sqlite');
  expect(piiIn(written, Object.values(BUYER))).toEqual([]);
  for (const file of Object.keys(written)) expect([file, fs.statSync(path.join(w.dir, file)).mode & 0o777]).toEqual([file, 0o600]);
});

test('the buyer data really reached the tool: Allocadence got it, the state file did not', async () => {
  const w = await busyWorld();
  const co = w.allocadence.orders()[0];
  expect([
    co?.shippingAddress.name,
    `${co?.customer.name} ${co?.customer.surname}`,
    co?.shippingAddress.line1,
    co?.shippingAddress.city,
  ]).toEqual([BUYER.name, BUYER.name, BUYER.line1, BUYER.city]);
  expect(piiIn(filesIn(w.dir), Object.values(BUYER))).toEqual([]);
});

test('a .env others can read draws a warning on every command that reads it', async () => {
  const w = await world({ seed: 92, orders: 0, fakeClock: true });
  fs.chmodSync(path.join(w.dir, '.env'), 0o644);
  const r = await w.run(['pull-orders']);
  expect(r.code).toBe(0);
  expect(r.logs).toContainEqual(
    expect.objectContaining({
      level: 'warn',
      msg: expect.stringMatching(/\.env holds secrets and is readable by others \(mode 644\): chmod 600 /),
    }),
  );
  fs.chmodSync(path.join(w.dir, '.env'), 0o600);
  expect((await w.run(['pull-orders'])).logs.filter((l) => l.level === 'warn')).toEqual([]);
});
