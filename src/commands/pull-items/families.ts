import type { PulledListing } from './listing';

/**
 * A batch of listings in groups that may be written side by side. A variation parent and its
 * children share a group, in the batch's order, since linking reads what the ones before it wrote:
 * a child that names its parent, and one the parent names (a child that does not name its parent
 * is adopted by it). A SKU that comes twice stays in the group it joined first, so two writes of
 * one SKU never overlap. Largest groups first: each is written one listing after another, so one
 * started last would keep the batch waiting alone.
 */
export function families(listings: readonly PulledListing[]): PulledListing[][] {
  const parentOf = new Map<string, string>();
  for (const l of listings) if (l.isParent) for (const child of l.childSkus) if (!parentOf.has(child)) parentOf.set(child, l.sku);
  const groupOfSku = new Map<string, PulledListing[]>();
  const groups = new Map<string, PulledListing[]>();
  for (const l of listings) {
    let group = groupOfSku.get(l.sku);
    if (!group) {
      const key = l.isParent ? l.sku : (l.parentSku ?? parentOf.get(l.sku) ?? l.sku);
      group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      groupOfSku.set(l.sku, group);
    }
    group.push(l);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length);
}
