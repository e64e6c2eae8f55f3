import { families } from '../../src/commands/pull-items/families';
import type { PulledListing } from '../../src/commands/pull-items/listing';

const listing = (sku: string, extra: Partial<PulledListing> = {}): PulledListing => ({
  sku,
  title: sku,
  fulfillment: 'MERCHANT',
  isParent: false,
  childSkus: [],
  ...extra,
});

const skus = (groups: PulledListing[][]): string[][] => groups.map((g) => g.map((l) => l.sku));

test("a parent and its children are one group in the batch's order; other listings each their own", () => {
  const groups = families([
    listing('KID-1', { parentSku: 'DAD' }),
    listing('SOLO'),
    listing('DAD', { isParent: true, childSkus: ['KID-1', 'KID-2', 'KID-3'] }),
    listing('KID-2', { parentSku: 'DAD' }),
    // Named by its parent only: still in the parent's group, so the parent's adoption sees it written.
    listing('KID-3'),
  ]);
  expect(skus(groups)).toEqual([['KID-1', 'DAD', 'KID-2', 'KID-3'], ['SOLO']]);
});

test('a SKU that comes twice stays in the group it joined first, so its two writes never overlap', () => {
  const groups = families([
    listing('KID', { parentSku: 'DAD-A' }),
    listing('OTHER'),
    listing('KID', { parentSku: 'DAD-B' }),
    listing('SOLO'),
    listing('SOLO'),
  ]);
  expect(skus(groups)).toEqual([['KID', 'KID'], ['SOLO', 'SOLO'], ['OTHER']]);
});

test('largest groups first, so a long family does not start last', () => {
  const groups = families([
    listing('A'),
    listing('B'),
    listing('K1', { parentSku: 'P' }),
    listing('K2', { parentSku: 'P' }),
    listing('K3', { parentSku: 'P' }),
  ]);
  expect(skus(groups)).toEqual([['K1', 'K2', 'K3'], ['A'], ['B']]);
});
