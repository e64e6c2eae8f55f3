import { StockChanges, type StockChange } from '../../src/commands/push-stock/changes';
import { SkuIndex } from '../../src/commands/push-stock/sku-index';

const change = (i: number): StockChange => ({
  sku: `SKU-${i}`,
  productType: i % 3 === 0 ? 'SHIRT' : 'PANTS',
  quantity: i % 7,
  lastPushed: i % 5 === 0 ? undefined : i % 4,
});

describe('StockChanges', () => {
  it('gives back every change as it was added, past the first growth of its columns', () => {
    const input = Array.from({ length: 3000 }, (_, i) => change(i));
    const changes = StockChanges.of(input);
    expect(changes.length).toBe(3000);
    expect(changes.slice(0, changes.length)).toEqual(input);
    expect(changes.at(2999)).toEqual(input[2999]);
    expect([changes.sku(5), changes.quantity(5), changes.lastPushed(5), changes.lastPushed(6)]).toEqual(['SKU-5', 5, undefined, 2]);
  });

  it('keeps a last push of 0 apart from never pushed', () => {
    const changes = StockChanges.of([
      { sku: 'a', productType: 'T', quantity: 0, lastPushed: 0 },
      { sku: 'b', productType: 'T', quantity: 0, lastPushed: undefined },
    ]);
    expect([changes.lastPushed(0), changes.lastPushed(1)]).toEqual([0, undefined]);
  });

  it('selects by position without copying, and slices a view like an array', () => {
    const input = Array.from({ length: 50 }, (_, i) => change(i));
    const changes = StockChanges.of(input);
    const zeros = changes.where((i) => changes.quantity(i) === 0);
    const want = input.filter((c) => c.quantity === 0);
    expect(zeros.length).toBe(want.length);
    expect(zeros.slice(0, zeros.length)).toEqual(want);
    expect(zeros.slice(1, 3)).toEqual(want.slice(1, 3));
    expect(zeros.slice(want.length - 1, want.length + 10)).toEqual(want.slice(-1));
    expect([zeros.sku(1), zeros.quantity(1), zeros.lastPushed(1)]).toEqual([want[1]?.sku, 0, want[1]?.lastPushed]);
    expect(() => zeros.sku(want.length)).toThrow(RangeError);
  });

  it('is looked up by SKU through SkuIndex', () => {
    const changes = StockChanges.of([5, 3, 9, 1].map(change));
    const index = new SkuIndex(changes);
    expect(['SKU-1', 'SKU-5', 'SKU-9', 'SKU-4'].map((s) => index.find(s))).toEqual([3, 0, 2, -1]);
  });
});
