import { sellableBySku } from '../../allocadence/inventory';
import type { AllocadenceItem, AllocadenceItems } from '../../allocadence/items';
import type { AllocadenceClients } from '../../allocadence/client';
import { searchListings } from '../../amazon/listings-api';
import { parseListingsReport, type ReportRow } from '../../amazon/listings-report';
import type { ListingsItem } from '../../amazon/listings-types';
import type { PollDeps } from '../../amazon/poll';
import { fetchReport } from '../../amazon/reports-api';
import type { SellerConfig } from '../../config/schema';
import { RemoteError } from '../../errors';
import type { HttpClient } from '../../http/client';
import type { Logger } from '../../output/log';
import type { State } from '../../state';
import type { ListingRow } from '../../state/listings';
import { together } from '../../sync/concurrency';
import { runDirection } from '../../sync/run-direction';
import { withRun } from '../../sync/with-run';
import type { Direction, ItemResult, MarketplaceScope, RunSummary, Window } from '../../sync/types';
import type { CommandContext } from '../context';
import { fromReportOnly, toPulledListing, type PulledListing } from './listing';
import { initialQuantities } from './quantities';

interface PullItemsEnv {
  sp: HttpClient;
  docs: HttpClient;
  items: AllocadenceItems;
  allocadence: AllocadenceClients;
  state: State;
  poll: PollDeps;
  logger: Logger;
}

export function parentFieldValue(parentSku: string, theme: string | undefined): string {
  return theme ? `${parentSku} | ${theme}` : parentSku;
}

function failure(key: string, err: unknown): ItemResult {
  if (err instanceof RemoteError && err.kind === 'item') return { key, ok: false, reason: err.message, retriable: true };
  throw err;
}

/**
 * The listings of one window. A first run reads every listing: the report (for quantities) and
 * the listing pages (for types and variations) are fetched side by side, since the report is
 * minutes of Amazon's processing and the pages draw on another bucket. A first run is one slice
 * (the whole catalogue has no time to cut it by): at the deadline it stops between pages and
 * sets no checkpoint, so the next run is a first run again, a quicker one, as the items it
 * created exist and the quantities it imported are stock now.
 */
async function* readListings(env: PullItemsEnv, scope: MarketplaceScope, window: Window): AsyncGenerator<PulledListing[]> {
  const base = { sellerId: scope.seller.sellerId, marketplaceId: scope.marketplaceId };
  if (!window.initial) {
    for await (const page of searchListings(env.sp, { ...base, createdAfter: window.from, createdBefore: window.to })) yield page.map((item) => toPulledListing(item, scope.marketplaceId, undefined));
    return;
  }
  let report = new Map<string, ReportRow>();
  const pages: ListingsItem[][] = [];
  await together([
    async () => {
      const text = await fetchReport(env.sp, env.docs, env.poll, {
        reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
        marketplaceId: scope.marketplaceId,
        onWait: (status, waitedMs) => {
          env.logger.debug('waiting for the listings report', { status, waitedMs });
          env.logger.progress(`waiting for Amazon's listings report: ${status}, ${Math.round(waitedMs / 1000)} s`);
        },
      });
      report = parseListingsReport(text);
      env.logger.info('listings report read', { marketplace: scope.marketplaceId, rows: report.size });
    },
    async (failed) => {
      for await (const page of searchListings(env.sp, base)) {
        pages.push(page);
        if (failed()) return;
      }
    },
  ]);
  for (const page of pages) {
    yield page.map((item) => {
      const row = report.get(item.sku);
      report.delete(item.sku);
      return toPulledListing(item, scope.marketplaceId, row);
    });
  }
  const leftovers = [...report.values()].map(fromReportOnly);
  for (let i = 0; i < leftovers.length; i += 100) yield leftovers.slice(i, i + 100);
}

export function pullItemsDirection(env: PullItemsEnv, seller: SellerConfig): Direction<PulledListing> {
  const field = seller.items.parentField;
  const now = (): string => new Date(env.poll.clock()).toISOString();
  // Per run: a first run loads every item and the warehouse's stock once; later runs look SKUs up one by one.
  let itemCache: Map<string, AllocadenceItem> | undefined;
  let stock: Map<string, number> | undefined;
  let initial = false;
  const quantities = initialQuantities(env.allocadence, seller.warehouse, env.logger);

  async function findItem(sku: string): Promise<AllocadenceItem | undefined> {
    if (itemCache) return itemCache.get(sku);
    return env.items.findBySku(sku);
  }

  /** Writes "parent | theme" into the item's field, unless the field holds something else: never overwrite warehouse data. */
  async function link(sku: string, item: AllocadenceItem, value: string, scope: MarketplaceScope): Promise<ItemResult> {
    const current = item[field];
    if (current === value) return { key: sku, ok: true, action: 'already-linked' };
    if (current) return { key: sku, ok: true, action: 'not-linked', warning: `item ${sku} keeps its ${field} "${current}"; variation parent ${value} not written` };
    if (scope.dryRun) return { key: sku, ok: true, action: 'would-link', detail: value };
    await env.items.setField(item.id, field, value);
    item[field] = value;
    return { key: sku, ok: true, action: 'linked' };
  }

  async function handle(l: PulledListing, scope: MarketplaceScope): Promise<ItemResult[]> {
    const { state } = env;
    const known = state.listings.get(seller.name, scope.marketplaceId, l.sku);
    const row: ListingRow = {
      sku: l.sku,
      asin: l.asin ?? null,
      productType: l.productType ?? null,
      fulfillment: l.fulfillment,
      isParent: l.isParent,
      parentSku: l.parentSku ?? null,
      variationTheme: l.variationTheme ?? null,
      allocItemId: known?.allocItemId ?? null,
    };
    if (!scope.dryRun) state.listings.upsert(seller.name, scope.marketplaceId, row, now());
    if (l.isParent) return [{ key: l.sku, ok: true, action: 'parent' }, ...(await adoptChildren(l, scope))];

    const results: ItemResult[] = [];
    const parent = row.parentSku ?? known?.parentSku;
    const fieldValue = parent ? parentFieldValue(parent, row.variationTheme ?? known?.variationTheme ?? undefined) : undefined;
    // Only an item this program creates gets Amazon's quantity: one the warehouse has already holds its own count, even 0.
    const wantsQuantity = initial && seller.items.importQuantities && l.fulfillment === 'MERCHANT' && (l.quantity ?? 0) > 0;
    let ours = false;
    let item = await findItem(l.sku);
    if (item) {
      // Unless an interrupted run of ours created it (its intent row says so) before importing the quantity.
      ours = wantsQuantity && state.itemCreates.has(seller.name, scope.marketplaceId, l.sku);
      results.push({ key: l.sku, ok: true, action: 'item-exists', ...inactive(item) });
      if (fieldValue) results.push(await link(l.sku, item, fieldValue, scope));
    } else if (scope.dryRun) {
      ours = wantsQuantity;
      results.push({ key: l.sku, ok: true, action: 'would-create', detail: l.title });
    } else {
      if (wantsQuantity) state.itemCreates.start(seller.name, scope.marketplaceId, l.sku, l.quantity ?? 0, now());
      const created = await env.items
        .create({
          sku: l.sku,
          description: l.title,
          warehouse: seller.warehouse,
          ...(l.price !== undefined ? { price: l.price } : {}),
          ...(fieldValue ? { fields: { [field]: fieldValue } } : {}),
        })
        .catch((err: unknown) => {
          // Refused outright: nothing was created, so no intent may outlive it.
          if (err instanceof RemoteError && err.kind === 'item') state.itemCreates.finish(seller.name, scope.marketplaceId, l.sku);
          throw err;
        });
      item = created.item;
      itemCache?.set(l.sku, item);
      // Found instead of created (`existed`) means this very create took effect and its answer was
      // lost: the SKU was in no list a moment ago. It is ours, quantity and all.
      ours = wantsQuantity;
      results.push({ key: l.sku, ok: true, action: created.existed ? 'item-exists' : 'created', ...inactive(item) });
      // A create that found an existing item did not write the field.
      if (created.existed && fieldValue) results.push(await link(l.sku, item, fieldValue, scope));
    }
    if (item && !scope.dryRun) state.listings.upsert(seller.name, scope.marketplaceId, { ...row, allocItemId: item.id }, now());
    // A kit has no stock of its own to set: it is built from its components.
    if (ours && !item?.kit) {
      const settled = (): void => {
        if (!scope.dryRun) state.itemCreates.finish(seller.name, scope.marketplaceId, l.sku);
      };
      results.push(...(await quantities.importOnce(l.sku, l.quantity ?? 0, scope.dryRun, stock, settled)));
    }
    return results;
  }

  /** An existing item marked inactive: it is hidden from most of the warehouse's processes, orders for it may be refused. */
  function inactive(item: AllocadenceItem): { warning?: string } {
    return item.active === false ? { warning: `item ${item.sku} is inactive in Allocadence: activate it there, or its orders may be refused` } : {};
  }

  /** A parent that arrives after its children: children that did not name it get linked now. */
  async function adoptChildren(parent: PulledListing, scope: MarketplaceScope): Promise<ItemResult[]> {
    const out: ItemResult[] = [];
    for (const childSku of parent.childSkus) {
      const child = env.state.listings.get(seller.name, scope.marketplaceId, childSku);
      if (!child || child.parentSku) continue;
      if (!scope.dryRun) env.state.listings.upsert(seller.name, scope.marketplaceId, { ...child, parentSku: parent.sku, variationTheme: parent.variationTheme ?? null }, now());
      const item = await findItem(childSku);
      if (item) out.push(await link(childSku, item, parentFieldValue(parent.sku, parent.variationTheme), scope));
    }
    return out;
  }

  let prepared: Window | undefined;
  /** Once per window, before its first item: in a first run, items retried from an earlier try import quantities too. */
  async function prepare(window: Window | undefined): Promise<void> {
    if (window && window === prepared) return;
    prepared = window;
    initial = window?.initial ?? false;
    if (!initial) return;
    itemCache = await env.items.bySku();
    // Only initial quantities need the warehouse's stock (a SKU that has some keeps it).
    if (seller.items.importQuantities) stock = await sellableBySku(env.allocadence, seller.warehouse);
  }

  return {
    name: 'pull-items',
    lagMs: 0,
    initialLookbackMs: () => 0,
    lookbackMs: (s) => s.items.lookbackMinutes * 60_000,
    keyOf: (l) => l.sku,
    async *read(scope, window) {
      await prepare(window);
      yield* readListings(env, scope, window);
    },
    async *refetch(scope, keys, window) {
      await prepare(window);
      for (let i = 0; i < keys.length; i += 20) {
        const batch = keys.slice(i, i + 20);
        const items: PulledListing[] = [];
        for await (const page of searchListings(env.sp, { sellerId: seller.sellerId, marketplaceId: scope.marketplaceId, skus: batch })) {
          items.push(...page.map((it) => toPulledListing(it, scope.marketplaceId, undefined)));
        }
        const found = new Set(items.map((x) => x.sku));
        yield { items, missing: batch.filter((k) => !found.has(k)).map((key) => ({ key, ok: false as const, reason: 'Amazon no longer lists this SKU', retriable: false })) };
      }
    },
    async write(scope, listings) {
      const out: ItemResult[] = [];
      // In order: a parent and its children may share a page, and linking reads what earlier items wrote.
      for (const l of listings) {
        if (l.problem) {
          out.push({ key: l.sku, ok: false, reason: l.problem, retriable: true });
          continue;
        }
        try {
          out.push(...(await handle(l, scope)));
        } catch (err) {
          out.push(failure(l.sku, err));
        }
      }
      return out;
    },
  };
}

/** `pull-items`: Amazon listings (with variations) become Allocadence items; the first run imports quantities. */
export async function pullItems(ctx: CommandContext, opts: { since?: string }): Promise<RunSummary[]> {
  const summaries: RunSummary[] = [];
  for (const seller of ctx.sellers) {
    if (!seller.synchronizeItems) {
      summaries.push(
        await withRun(ctx.runEnv(seller), 'pull-items', seller, ctx.options.dryRun, async (run) => {
          run.summary.note = 'synchronizeItems is false for this seller: skipped';
          run.log.info(run.summary.note);
        }),
      );
      continue;
    }
    const direction = pullItemsDirection(
      { sp: ctx.spApi(seller), docs: ctx.documents, items: ctx.allocadenceItems, allocadence: ctx.allocadence, state: ctx.state, poll: { clock: ctx.deps.clock, sleep: ctx.deps.sleep }, logger: ctx.deps.logger.child({ command: 'pull-items', seller: seller.name }) },
      seller,
    );
    summaries.push(await runDirection(ctx.runEnv(seller), direction, seller, { dryRun: ctx.options.dryRun, ...(opts.since ? { since: opts.since } : {}) }));
  }
  return summaries;
}
