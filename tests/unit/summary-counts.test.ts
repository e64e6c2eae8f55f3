import { newSummary, recordCounts, recordResults, summaryLine } from '../../src/sync/summary';
import type { MarketplaceSummary } from '../../src/sync/types';

describe('recordCounts', () => {
  it('adds counted actions to the marketplace and the totals as listed results would, listing nothing', () => {
    const summary = newSummary('push-stock', 's1', false, '2026-01-01T00:00:00.000Z');
    const mp: MarketplaceSummary = { marketplaceId: 'M', from: '', to: '', read: 3, actions: {}, failed: 0 };
    recordResults(summary, mp, [{ key: 'A', ok: true, action: 'pushed' }]);
    recordCounts(summary, mp, { pushed: 2, unchanged: 5, repushed: 0 });
    expect(mp.actions).toEqual({ pushed: 3, unchanged: 5 });
    expect(summary.totals).toEqual({ pushed: 3, unchanged: 5 });
    expect(summary.failures).toEqual([]);
    expect(summary.warnings).toEqual([]);
    expect(summaryLine(summary)).toContain('pushed=3 unchanged=5');
  });
});
