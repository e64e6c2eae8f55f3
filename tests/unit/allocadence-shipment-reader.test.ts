import { createAllocadenceClients, type AllocadenceClients } from '../../src/allocadence/client';
import { ShippingOrderReader } from '../../src/allocadence/shipment-reader';
import { type WarehouseShipment } from '../../src/allocadence/shipments';
import type { Secrets } from '../../src/config/secrets';
import { newStats } from '../../src/http/client';
import { DEFAULT_RETRY } from '../../src/http/retry-policy';
import { startAllocadenceSimulator, type AllocadenceSimOptions, type AllocadenceSimulator } from '../../src/simulator/allocadence';
import { captureLogger } from '../helpers/capture-logger';
import { fakeTime } from '../helpers/fake-time';

const SECRETS: Secrets = {
  lwaClientId: 'unused-client-id',
  lwaClientSecret: 'unused-client-secret',
  refreshTokens: {},
  allocadenceApiKey: 'unit-api-key-0002',
  allocadenceApiSecret: 'unit-api-secret-0002',
  allocadenceSecureKey: 'unit-secure-key-0002',
};

describe('the reader, against the simulator', () => {
  const open: AllocadenceSimulator[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  async function setup(
    extra: Partial<AllocadenceSimOptions> = {},
  ): Promise<{ sim: AllocadenceSimulator; clients: AllocadenceClients; clock: { ms: number } }> {
    const clock = { ms: Date.parse('2026-11-27T17:15:00Z') };
    const sim = await startAllocadenceSimulator({
      apiKey: SECRETS.allocadenceApiKey,
      apiSecret: SECRETS.allocadenceApiSecret,
      secureKey: SECRETS.allocadenceSecureKey,
      now: () => clock.ms,
      ...extra,
    });
    open.push(sim);
    const time = fakeTime();
    const clients = createAllocadenceClients(
      { baseUrl: `${sim.origin}/rest`, timeoutMs: 5000 },
      SECRETS,
      DEFAULT_RETRY,
      { clock: time.clock, sleep: time.sleep, random: () => 0.5, logger: captureLogger().logger },
      newStats(),
    );
    return { sim, clients, clock };
  }

  /** An order of SKU-0001 ×2 placed through API 2.0. */
  async function placed(sim: AllocadenceSimulator, orderNumber: string): Promise<void> {
    const res = await fetch(`${sim.origin}/rest/customer-orders`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${SECRETS.allocadenceApiKey}:${SECRETS.allocadenceApiSecret}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        orderNumber,
        orderedDate: '2026-11-20T00:00:00Z',
        shipFromWarehouseName: 'Main',
        customer: { name: 'Ada', surname: 'Lovelace' },
        shippingAddress: { line1: '1 Main St', city: 'Springfield', countryCode: 'US' },
        items: [{ sku: 'SKU-0001', quantity: 2 }],
      }),
    });
    expect(res.status).toBe(201);
  }

  async function drain(it: AsyncIterable<WarehouseShipment[]>): Promise<WarehouseShipment[]> {
    const out: WarehouseShipment[] = [];
    for await (const page of it) out.push(...page);
    return out;
  }

  const listCalls = (sim: AllocadenceSimulator): Record<string, string>[] =>
    sim.requests.filter((r) => r.path === '/services/rest/shippingorders').map((r) => r.query);

  test.each([
    // West of UTC: midnight in Los Angeles is 08:00Z.
    ['America/Los_Angeles', '2026-11-28T07:59:59Z', '2026-11-28T08:00:00Z', '2026-11-27', '2026-11-28'],
    // East of UTC: midnight in Tokyo is 15:00Z the day before.
    ['Asia/Tokyo', '2026-11-27T14:59:59Z', '2026-11-27T15:00:00Z', '2026-11-27', '2026-11-28'],
  ])(
    "%s: packages just before and after the account's midnight go to the slice their instant is in, each day read once",
    async (timeZone, before, after, dayBefore, dayAfter) => {
      const { sim, clients } = await setup({ timeZone });
      await placed(sim, 'Z-1');
      await placed(sim, 'Z-2');
      sim.ship({
        orderNumber: 'Z-1',
        carrier: 'UPS',
        service: 'Ground',
        trackingNumber: 'T-BEFORE',
        shippedDate: before,
        lines: [{ sku: 'SKU-0001', quantity: 2 }],
      });
      sim.ship({
        orderNumber: 'Z-2',
        carrier: 'UPS',
        service: 'Ground',
        trackingNumber: 'T-AFTER',
        shippedDate: after,
        lines: [{ sku: 'SKU-0001', quantity: 2 }],
      });
      const reader = new ShippingOrderReader(clients, timeZone);
      const cut = Date.parse(after);
      const first = await drain(reader.shippedBetween(cut - 86_400_000, cut - 1000));
      const second = await drain(reader.shippedBetween(cut - 1000, cut + 3_600_000));
      expect(first.map((p) => [p.trackingNumber, p.shippedDate])).toEqual([['T-BEFORE', new Date(before).toISOString()]]);
      // The slices share their edge instant (inclusive both ends); the ledger keeps a package there from going twice.
      expect(second.map((p) => [p.trackingNumber, p.shippedDate])).toEqual([
        ['T-BEFORE', new Date(before).toISOString()],
        ['T-AFTER', new Date(after).toISOString()],
      ]);
      const calls = listCalls(sim);
      expect(calls[0]).toEqual({ shipped: 'true', include_shipments: 'true', start_date: expect.any(String), end_date: dayBefore });
      const days = calls.flatMap((q) => [q.start_date, q.end_date]);
      // Consecutive, never overlapping ranges, the last ending on the day after the cut.
      expect(days[days.length - 1]).toBe(dayAfter);
      for (let i = 2; i < days.length; i += 2) expect((days[i] ?? '') > (days[i - 1] ?? '')).toBe(true);
      expect(calls.every((q) => !('orderNumber' in q) && !('page' in q) && !('perPage' in q))).toBe(true);
    },
  );

  test.each([
    ['array', 'lower'],
    ['object', 'lower'],
    ['array', 'camel'],
    ['object', 'camel'],
  ] as const)('envelope %s, keys %s: the same packages with their lines', async (envelope, keys) => {
    const plain = await setup();
    const odd = await setup({ legacyShape: { envelope, keys } });
    const packages = [];
    for (const { sim, clients } of [plain, odd]) {
      await placed(sim, 'E-1');
      const so = sim.ship({
        orderNumber: 'E-1',
        carrier: 'UPS',
        service: 'Ground',
        trackingNumber: 'T1',
        lines: [{ sku: 'SKU-0001', quantity: 1 }],
      });
      sim.ship({
        orderNumber: 'E-1',
        shippingOrderId: so.shippingorderid,
        carrier: '',
        trackingNumber: '',
        lines: [{ sku: 'SKU-0001', quantity: 1 }],
      });
      const reader = new ShippingOrderReader(clients, sim.timeZone);
      packages.push(await drain(reader.shippedBetween(Date.parse('2026-11-27T00:00:00Z'), Date.parse('2026-11-27T18:00:00Z'))));
      packages.push(await reader.shippingOrder(String(so.shippingorderid)));
    }
    expect(packages[0]).toHaveLength(2);
    expect(packages[0]?.map((p) => [p.carrier, p.trackingNumber, p.lines])).toEqual([
      ['UPS', 'T1', [{ sku: 'SKU-0001', quantity: 1 }]],
      // A package with a blank carrier takes its shipping order's, as the production client reads it (§2.1).
      ['UPS', '', [{ sku: 'SKU-0001', quantity: 1 }]],
    ]);
    expect(packages[1]).toEqual(packages[0]);
    expect(packages[2]).toEqual(packages[0]);
    expect(packages[3]).toEqual(packages[0]);
  });

  test('an answer that says it has more pages is read to the end, rows kept once', async () => {
    const { sim, clients } = await setup({ legacyShape: { envelope: 'object' } });
    await placed(sim, 'P-1');
    sim.ship({ orderNumber: 'P-1', carrier: 'UPS', service: 'Ground', trackingNumber: 'T1', lines: [{ sku: 'SKU-0001', quantity: 2 }] });
    sim.rewriteNext('listShippingOrders', { set: { meta: { totalPages: 2 } } });
    const got = await drain(
      new ShippingOrderReader(clients, sim.timeZone).shippedBetween(Date.parse('2026-11-27T00:00:00Z'), Date.parse('2026-11-27T18:00:00Z')),
    );
    expect(got).toHaveLength(1);
    expect(listCalls(sim).map((q) => q.page)).toEqual([undefined, '2']);
  });

  test('hasShipments: one scan from the day before the earliest order date, no order-number filter; voided packages do not count', async () => {
    const { sim, clients, clock } = await setup();
    for (const n of ['H-1', 'H-2', 'H-3']) await placed(sim, n);
    sim.ship({ orderNumber: 'H-1', carrier: 'UPS', service: 'Ground', trackingNumber: 'T1', lines: [{ sku: 'SKU-0001', quantity: 2 }] });
    sim.voidShipment(
      sim.ship({ orderNumber: 'H-2', carrier: 'UPS', service: 'Ground', trackingNumber: 'T2', lines: [{ sku: 'SKU-0001', quantity: 2 }] })
        .shippingorderid,
    );
    const reader = new ShippingOrderReader(clients, sim.timeZone);
    const ordered = Date.parse('2026-11-20T00:00:00Z');
    await reader.coverSince(ordered, clock.ms);
    expect(await reader.hasShipments('H-1', ordered, clock.ms)).toBe(true);
    expect(await reader.hasShipments('H-2', ordered, clock.ms)).toBe(false);
    expect(await reader.hasShipments('H-3', ordered, clock.ms)).toBe(false);
    // 20 Nov 00:00Z is the 19th in Phoenix: the scan starts the day before that.
    expect(listCalls(sim)).toEqual([{ shipped: 'true', include_shipments: 'true', start_date: '2026-11-18', end_date: '2026-11-27' }]);
  });

  test('a long span is read in parts of at most 31 days, once', async () => {
    const { sim, clients, clock } = await setup();
    const reader = new ShippingOrderReader(clients, sim.timeZone);
    expect(await reader.hasShipments('NONE', Date.parse('2026-09-01T12:00:00Z'), clock.ms)).toBe(false);
    expect(await reader.hasShipments('NONE', undefined, clock.ms)).toBe(false);
    expect(listCalls(sim).map((q) => [q.start_date, q.end_date])).toEqual([
      ['2026-08-31', '2026-09-30'],
      ['2026-10-01', '2026-10-31'],
      ['2026-11-01', '2026-11-27'],
    ]);
  });
});
