import { minutesAgo, worldsClosedAfterEach } from '../helpers/world-run';

const world = worldsClosedAfterEach();
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
/** A text that, printed raw, would end the line, forge a record of its own, clear the screen and reverse what follows. */
const FORGED = 'X\ninfo  forged\x1b[2J\u202e';

test('a SKU and a tracking number with line breaks and terminal controls: text logs, the dry-run plan and status print them escaped, one record per line', async () => {
  const w = await world({ seed: 71, orders: 0, fakeClock: true });
  const t = minutesAgo(30);
  const [good] = w.amazon.addOrders({
    orders: [
      { status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items: [{ sku: 'SKU-0001', quantity: 1 }] },
    ],
  });
  w.amazon.addOrders({
    orders: [
      { status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items: [{ sku: `EVIL-${FORGED}`, quantity: 1 }] },
    ],
  });

  const pulled = await w.run(['--log-format', 'text', 'pull-orders']);
  expect(pulled.code).toBe(1);
  const lines = pulled.err.trimEnd().split('\n');
  for (const line of lines) expect(line).not.toMatch(RAW);
  // The forged record shows inside the failure's line, never as a line of its own.
  expect(lines.filter((l) => l.startsWith('info  forged'))).toEqual([]);
  expect(lines.some((l) => l.includes('EVIL-X\\ninfo  forged\\x1b[2J\\u202e'))).toBe(true);

  w.allocadence.ship({
    orderNumber: good?.orderId ?? '',
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: `1Z${FORGED}`,
    lines: [{ sku: 'SKU-0001', quantity: 1 }],
  });
  const plan = await w.run(['--dry-run', '--log-format', 'text', 'push-shipments']);
  expect(plan.code).toBe(0);
  const planned = plan.out.trimEnd().split('\n');
  expect(planned).toHaveLength(2);
  for (const line of planned) expect(line).not.toMatch(RAW);
  expect(planned[1]).toContain('would-confirm');
  expect(planned[1]).toContain('1ZX\\ninfo');

  const status = await w.run(['status']);
  expect(status.code).toBe(0);
  for (const line of status.out.split('\n')) expect(line).not.toMatch(RAW);
  expect(status.out).toContain('EVIL-X\\ninfo');
  // --json output is the same value, with nothing raw in it either.
  const json = await w.run(['--json', 'status']);
  expect(json.out.trimEnd()).not.toMatch(RAW);
  expect(JSON.stringify(JSON.parse(json.out))).toContain('EVIL-X\\ninfo');
});
