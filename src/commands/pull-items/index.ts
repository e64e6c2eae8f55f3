import type { DirectionFactory, WindowDirection } from '../../sync/direction';
import { ListingWriter } from './items';
import type { PulledListing } from './listing';
import { readListings, refetchListings } from './read';

/**
 * `pull-items`: Amazon listings (with variations) become Allocadence items; the first run (the
 * runner's `initial` window: no checkpoint yet) reads every listing and imports quantities.
 * Later runs read listings created since the checkpoint.
 */
export const pullItems: DirectionFactory = (seller): WindowDirection<PulledListing> => {
  const writer = new ListingWriter(seller);
  return {
    kind: 'window',
    skip: (s) => (s.synchronizeItems ? undefined : 'synchronizeItems is false for this seller: skipped'),
    bounds: {
      lagMs: 0,
      // A first run reads the whole catalogue, not a time back.
      initialLookbackMs: () => 0,
      lookbackMs: (s) => s.items.lookbackMinutes * 60_000,
    },
    read: { kind: 'slices', read: readListings },
    keyOf: (l) => l.sku,
    setup: (ctx, window) => writer.prepare(ctx, window),
    refetch: (ctx, keys) => refetchListings(ctx, keys),
    write: (ctx, listings) => writer.write(ctx, listings),
  };
};
