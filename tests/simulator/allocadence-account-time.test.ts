import { startAllocadenceSimulator, type AllocadenceSimulator, type SimCustomerOrder } from '../../src/simulator/allocadence';
import { BASIC, CREDS, allocadenceCall, useAllocadenceSims } from '../helpers/allocadence-sim';

/** The account's clock: its IANA zone on the API 2.0 side, and how its date filters count. */
const start = useAllocadenceSims();
const call = allocadenceCall<{ customerOrders: SimCustomerOrder[]; parameter?: string }>();

async function create(sim: AllocadenceSimulator, orderNumber: string): Promise<SimCustomerOrder> {
  const res = await fetch(`${sim.origin}/rest/customer-orders`, {
    method: 'POST',
    headers: { authorization: BASIC, 'content-type': 'application/json' },
    body: JSON.stringify({
      orderNumber,
      shipFromWarehouseName: 'Main',
      customer: { name: 'Ada', surname: 'Lovelace' },
      shippingAddress: { line1: '1 Main St', city: 'Springfield', countryCode: 'US' },
      items: [{ sku: 'SKU-0001', quantity: 1 }],
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as SimCustomerOrder;
}

describe('customer-order modifiedDate filter', () => {
  it('reads modifiedDate as a whole day of the account by default: time and offset (even Z) ignored', async () => {
    const { sim, clock } = await start();
    await create(sim, 'D-1'); // 2026-11-27 10:15 in Phoenix
    clock.ms = Date.parse('2026-11-28T06:30:00Z'); // still the 27th in Phoenix (23:30)
    await create(sim, 'D-2');
    clock.ms = Date.parse('2026-11-28T07:30:00Z'); // the 28th in Phoenix (00:30)
    await create(sim, 'D-3');
    const numbers = async (modifiedDate: string, op?: string): Promise<string[]> => {
      const query = new URLSearchParams({ modifiedDate, ...(op ? { modifiedDateConditional: op } : {}) });
      return (await call(sim, 'GET', `/rest/customer-orders?${query.toString()}`))
        .json()
        .customerOrders.map((o: SimCustomerOrder) => o.orderNumber);
    };
    expect(await numbers('2026-11-27T23:00:00Z')).toEqual(['D-1', 'D-2', 'D-3']);
    // An instant after D-2's change, but written as the 28th: D-2, changed on the account's 27th, is not returned.
    expect(await numbers('2026-11-28T01:00:00Z')).toEqual(['D-3']);
    expect(await numbers('2026-11-28')).toEqual(['D-3']);
    expect(await numbers('2026-11-27')).toEqual(['D-1', 'D-2', 'D-3']);
    expect(await numbers('2026-11-27', 'on_or_before')).toEqual(['D-1', 'D-2']);
    expect((await call(sim, 'GET', '/rest/customer-orders?modifiedDate=2026-11-31')).json().parameter).toBe('modifiedDate');
  });
});

describe('account time zone', () => {
  it("renders API 2.0 dates with the zone's offset at each instant, summer time included", async () => {
    const { sim, clock } = await start({ timeZone: 'America/Denver' });
    clock.ms = Date.parse('2026-07-01T18:00:00Z');
    await create(sim, 'T-1');
    clock.ms = Date.parse('2026-12-01T18:00:00Z');
    await create(sim, 'T-2');
    expect(sim.orders().map((o) => o.createdDate)).toEqual(['2026-07-01T12:00:00-06:00', '2026-12-01T11:00:00-07:00']);
    const utc = await start({ timeZone: 'UTC' });
    expect((await create(utc.sim, 'T-3')).createdDate).toBe('2026-11-27T17:15:00+00:00');
    expect(utc.sim.timeZone).toBe('UTC');
  });

  it('refuses a zone it does not know at start', async () => {
    for (const timeZone of ['Mars/Olympus_Mons', '-07:00', '']) {
      const started = startAllocadenceSimulator({ ...CREDS, timeZone });
      await expect(started).rejects.toThrow('timeZone');
      // Closed should it start after all, so the test run still ends.
      await started.then((s) => s.close()).catch(() => undefined);
    }
  });
});
