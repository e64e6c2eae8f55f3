import { SkuIndex } from '../../src/commands/push-stock/sku-index';

/** A list read by position, as the index reads the changes of a push. */
function byPosition(items: readonly { sku: string }[]): { length: number; sku(i: number): string } {
  return { length: items.length, sku: (i) => items[i]?.sku ?? '' };
}

describe('SkuIndex', () => {
  it('finds every SKU at its position, whatever the input order, and nothing else', () => {
    const items = ['b-2', 'a-10', 'Z', 'a-1', 'b-10', ''].map((sku) => ({ sku }));
    const index = new SkuIndex(byPosition(items));
    for (const [i, item] of items.entries()) expect(index.find(item.sku)).toBe(i);
    for (const missing of ['a', 'a-2', 'zz', 'B-2']) expect(index.find(missing)).toBe(-1);
  });

  it('answers -1 on an empty list', () => {
    expect(new SkuIndex(byPosition([])).find('x')).toBe(-1);
  });

  it('finds each of many SKUs', () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ sku: `SKU-${(i * 7919) % 5000}` }));
    const index = new SkuIndex(byPosition(items));
    for (let i = 0; i < items.length; i += 37) expect(index.find(items[i]?.sku ?? '')).toBe(i);
  });
});
