import type { WarehouseShipment } from '../../../src/allocadence/shipments';
import { carrierFor, shipDateFor } from '../../../src/commands/push-shipments/package';

const NOW = Date.parse('2026-11-27T18:00:00Z');

function pkg(overrides: Partial<WarehouseShipment> = {}): WarehouseShipment {
  return {
    key: '501/7001',
    id: '7001',
    shippingOrderId: '501',
    orderNumber: '111-0000001-0000001',
    carrier: 'DHL eCommerce',
    carrierCode: 'DHLECS',
    service: 'Parcel Ground',
    trackingNumber: '202611270001',
    shippedDate: '2026-11-27T17:00:00.000Z',
    orderedDate: '2026-11-26T08:00:00.000Z',
    lines: [{ sku: 'A', quantity: 1 }],
    warnings: [],
    ...overrides,
  };
}

describe('the ship date Amazon gets', () => {
  test('as read when it lies between the order date and the run clock', () => {
    expect(shipDateFor(pkg(), NOW)).toEqual({ shipDate: '2026-11-27T17:00:00.000Z' });
    expect(shipDateFor(pkg({ orderedDate: undefined }), NOW)).toEqual({ shipDate: '2026-11-27T17:00:00.000Z' });
    expect(shipDateFor(pkg({ shippedDate: '2026-11-27T18:00:00.000Z' }), NOW)).toEqual({ shipDate: '2026-11-27T18:00:00.000Z' });
  });

  test('never after the run clock: moved to it, with a warning', () => {
    expect(shipDateFor(pkg({ shippedDate: '2026-11-28T01:00:00.000Z' }), NOW)).toEqual({
      shipDate: '2026-11-27T18:00:00.000Z',
      warning: expect.stringMatching(
        /ship date 2026-11-28T01:00:00.000Z is after this run's clock: sent as 2026-11-27T18:00:00.000Z; is allocadence.timeZone/,
      ),
    });
  });

  test('never before the order date: moved to it, with a warning', () => {
    expect(shipDateFor(pkg({ shippedDate: '2026-11-26T01:00:00.000Z' }), NOW)).toEqual({
      shipDate: '2026-11-26T08:00:00.000Z',
      warning: expect.stringMatching(
        /ship date 2026-11-26T01:00:00.000Z is before the order date 2026-11-26T08:00:00.000Z: sent as the order date/,
      ),
    });
    // An order date after the clock is itself suspect: the clock wins, never a future date.
    expect(shipDateFor(pkg({ shippedDate: '2026-11-26T01:00:00.000Z', orderedDate: '2026-11-28T00:00:00.000Z' }), NOW).shipDate).toBe(
      '2026-11-26T01:00:00.000Z',
    );
  });
});

describe('the carrier Amazon gets', () => {
  test('the seller map by carrier name (any case), else by the warehouse code, else Other with the name', () => {
    const carriers = { 'dhl ecommerce': { carrierCode: 'DHL eCommerce' }, USPS: { carrierCode: 'USPS', carrierName: 'USPS' } };
    expect(carrierFor(pkg(), carriers)).toEqual({ carrierCode: 'DHL eCommerce' });
    expect(carrierFor(pkg({ carrier: 'Stamps.com', carrierCode: 'USPS' }), carriers)).toEqual({ carrierCode: 'USPS', carrierName: 'USPS' });
    expect(carrierFor(pkg({ carrier: 'Speedy Post', carrierCode: 'SPEEDY' }), carriers)).toEqual({
      carrierCode: 'Other',
      carrierName: 'Speedy Post',
    });
  });

  test('a blank carrier goes as Other with a carrier name Amazon accepts', () => {
    expect(carrierFor(pkg({ carrier: '', carrierCode: '' }), { '': { carrierCode: 'UPS' } })).toEqual({
      carrierCode: 'Other',
      carrierName: 'Unknown carrier',
    });
  });
});
