import { buildCatalog, type CatalogProduct } from '../catalog';
import { createRng, type Rng } from '../random';
import { SimInputError } from './errors';
import { newAsin, uuid } from './ids';
import { parseAddListings, type ParsedListing } from './listing-input';
import type { ListingStatus, SimListing } from './listing-types';
import { marketplaceInfo, money } from './marketplaces';
import type { StoreSeller } from './order-store';
import { floorSecond, iso } from './time';

/** The fields `view` shows exactly as the store keeps them. */
type ListingFacts = Pick<
  SimListing,
  'sellerId' | 'sku' | 'asin' | 'productType' | 'itemName' | 'marketplaceId' | 'fulfillment' | 'quantity' | 'parentSku' | 'isParent'
>;

/** One listing as the simulator keeps it; times in ms and money in integer minor units. */
export interface StoredListing extends ListingFacts {
  createdMs: number;
  lastUpdatedMs: number;
  priceMinor?: number;
  /** The listing's own theme; the view falls back to the parent's. */
  variationTheme?: string;
  /**
   * A merchant quantity Amazon accepted into the listing's attributes but did not apply: buyers
   * still see `quantity` (feed-quirks.ts). Cleared by the next change that applies.
   */
  submittedQuantity?: number;
}

interface BuildContext {
  sellerId: string;
  marketplaceId: string;
  nowMs: number;
  batch: ReadonlyMap<string, ParsedListing>;
  /** parentSku values named in the batch. */
  namedParents: ReadonlySet<string | undefined>;
}

export type ListingSortKey = 'sku' | 'createdDate' | 'lastUpdatedDate';

interface SellerListings {
  bySku: Map<string, StoredListing>;
  /** parent SKU -> child SKUs, kept even while the parent does not exist yet. */
  children: Map<string, string[]>;
  /** Bumped on every change, so derived views (sorted lists, counts) know when to rebuild. */
  version: number;
  sorted: Map<ListingSortKey, { version: number; list: StoredListing[] }>;
}

export function sortValue(l: StoredListing, key: ListingSortKey): number | string {
  return key === 'sku' ? l.sku : key === 'createdDate' ? l.createdMs : l.lastUpdatedMs;
}

/** Ascending by (sort value, sku): a total order, so keyset paging never skips or repeats. */
export function compareListings(a: StoredListing, b: StoredListing, key: ListingSortKey): number {
  const va = sortValue(a, key);
  const vb = sortValue(b, key);
  if (va !== vb) return va < vb ? -1 : 1;
  return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0;
}

export function listingStatus(l: StoredListing): ListingStatus[] {
  return l.isParent ? ['DISCOVERABLE'] : ['BUYABLE', 'DISCOVERABLE'];
}

/** Every listing of every simulated seller, indexed by SKU; the only place that changes them. */
export class ListingStore {
  private readonly sellers = new Map<string, SellerListings>();
  private readonly rejections = new Map<string, string>();
  private readonly catalog: ReadonlyMap<string, CatalogProduct>;
  private readonly asins = new Set<string>();
  private readonly rng: Rng;
  // Its own stream, so patches never shift the ASINs of listings added later.
  private readonly submissionRng: Rng;

  constructor(
    seed: number,
    readonly sellerList: readonly StoreSeller[],
  ) {
    this.catalog = new Map(buildCatalog(seed).map((p) => [p.sku, p]));
    this.rng = createRng((seed ^ 0x115e7) >>> 0);
    this.submissionRng = createRng((seed ^ 0x5b1d) >>> 0);
    for (const s of sellerList) this.sellers.set(s.sellerId, { bySku: new Map(), children: new Map(), version: 0, sorted: new Map() });
  }

  /** Validates the whole batch before storing any of it. */
  add(rawInput: unknown, nowMs: number): SimListing[] {
    const input = parseAddListings(rawInput);
    const seller = this.seller(input.sellerId);
    const marketplaceId = input.marketplaceId ?? seller.marketplaceIds[0];
    if (marketplaceId === undefined || !seller.marketplaceIds.includes(marketplaceId))
      throw new SimInputError(`marketplaceId: seller ${seller.sellerId} does not sell in ${marketplaceId ?? 'any marketplace'}`);
    const bucket = this.bucket(seller.sellerId);
    const batch = new Map<string, ParsedListing>();
    input.listings.forEach((l, i) => {
      if (bucket.bySku.has(l.sku) || batch.has(l.sku))
        throw new SimInputError(`listings.${i}.sku: ${l.sku} is already listed by ${seller.sellerId}`);
      batch.set(l.sku, l);
    });
    const namedParents = new Set(input.listings.map((l) => l.parentSku));
    const built = input.listings.map((l, i) =>
      this.build(l, `listings.${i}`, { sellerId: seller.sellerId, marketplaceId, nowMs, batch, namedParents }),
    );
    for (const l of built) {
      bucket.bySku.set(l.sku, l);
      if (l.parentSku) {
        const kids = bucket.children.get(l.parentSku);
        if (kids) kids.push(l.sku);
        else bucket.children.set(l.parentSku, [l.sku]);
      }
    }
    bucket.version++;
    return built.map((l) => this.view(l));
  }

  get(sellerId: string, sku: string): StoredListing | undefined {
    return this.sellers.get(sellerId)?.bySku.get(sku);
  }

  /** In insertion order. */
  forSeller(sellerId: string): IterableIterator<StoredListing> {
    return this.bucket(sellerId).bySku.values();
  }

  childSkus(sellerId: string, parentSku: string): readonly string[] {
    return this.sellers.get(sellerId)?.children.get(parentSku) ?? [];
  }

  /** A child names its own theme or shows its parent's. */
  theme(l: StoredListing): string | undefined {
    return l.variationTheme ?? (l.parentSku ? this.get(l.sellerId, l.parentSku)?.variationTheme : undefined);
  }

  setQuantity(l: StoredListing, quantity: number, nowMs: number): void {
    l.quantity = quantity;
    delete l.submittedQuantity;
    this.touch(l, nowMs);
  }

  /** The submission is kept in the attributes, the offer keeps its quantity (feed-quirks.ts). */
  submitQuantityOnly(l: StoredListing, quantity: number, nowMs: number): void {
    if (quantity === l.quantity) delete l.submittedQuantity;
    else l.submittedQuantity = quantity;
    this.touch(l, nowMs);
  }

  /** Marks an accepted change: Amazon moves lastUpdatedDate even when the values stay the same. */
  touch(l: StoredListing, nowMs: number): void {
    l.lastUpdatedMs = Math.max(l.createdMs, floorSecond(nowMs));
    this.bucket(l.sellerId).version++;
  }

  version(sellerId: string): number {
    return this.bucket(sellerId).version;
  }

  /** The seller's listings ascending by (key, sku), rebuilt only after a change. */
  sorted(sellerId: string, key: ListingSortKey): readonly StoredListing[] {
    const bucket = this.bucket(sellerId);
    const cached = bucket.sorted.get(key);
    if (cached?.version === bucket.version) return cached.list;
    const list = [...bucket.bySku.values()].sort((a, b) => compareListings(a, b, key));
    bucket.sorted.set(key, { version: bucket.version, list });
    return list;
  }

  /**
   * The seller deletes the listing (Listings Items 2021-08-01 `deleteListingsItem`, or in Seller
   * Central): gone from searches and from reports made after it. Its children stay, parentless.
   */
  remove(sellerId: string | undefined, sku: string): boolean {
    const bucket = this.bucket(this.seller(sellerId).sellerId);
    const l = bucket.bySku.get(sku);
    if (!l) return false;
    bucket.bySku.delete(sku);
    if (l.parentSku) {
      const siblings = bucket.children.get(l.parentSku) ?? [];
      bucket.children.set(
        l.parentSku,
        siblings.filter((s) => s !== sku),
      );
    }
    bucket.version++;
    return true;
  }

  /** While set, every change to the SKU (any seller) is refused with `message`. */
  reject(sku: string, message: string | null): void {
    if (message === null) this.rejections.delete(sku);
    else this.rejections.set(sku, message);
  }

  rejection(sku: string): string | undefined {
    return this.rejections.get(sku);
  }

  all(): SimListing[] {
    const out: SimListing[] = [];
    for (const bucket of this.sellers.values()) for (const l of bucket.bySku.values()) out.push(this.view(l));
    return out;
  }

  view(l: StoredListing): SimListing {
    const out: SimListing = {
      sellerId: l.sellerId,
      sku: l.sku,
      asin: l.asin,
      productType: l.productType,
      itemName: l.itemName,
      marketplaceId: l.marketplaceId,
      createdDate: iso(l.createdMs),
      lastUpdatedDate: iso(l.lastUpdatedMs),
      status: listingStatus(l),
      fulfillment: l.fulfillment,
      childSkus: [...this.childSkus(l.sellerId, l.sku)],
      isParent: l.isParent,
    };
    if (l.quantity !== undefined) out.quantity = l.quantity;
    if (l.submittedQuantity !== undefined) out.submittedQuantity = l.submittedQuantity;
    if (l.priceMinor !== undefined) out.price = money(l.priceMinor, l.marketplaceId).amount;
    if (l.parentSku !== undefined) out.parentSku = l.parentSku;
    const theme = this.theme(l);
    if (theme !== undefined) out.variationTheme = theme;
    return out;
  }

  private build(l: ParsedListing, where: string, ctx: BuildContext): StoredListing {
    const { sellerId, marketplaceId, nowMs } = ctx;
    const isParent = l.isParent ?? false;
    const fulfillment = l.fulfillment ?? 'MERCHANT';
    const fail = (msg: string): never => {
      throw new SimInputError(`${where}: ${msg}`);
    };
    if (isParent && l.quantity !== undefined) fail('a parent is not buyable and has no quantity');
    if (isParent && l.price !== undefined) fail('a parent is not buyable and has no price');
    if (isParent && fulfillment === 'AMAZON') fail('a parent has no offer, so no fulfillment channel');
    if (isParent && l.parentSku !== undefined) fail('a parent cannot itself have a parent');
    if (fulfillment === 'AMAZON' && l.quantity !== undefined) fail('Amazon-fulfilled listings have no merchant quantity');
    if (l.parentSku === l.sku) fail('a listing cannot be its own parent');
    if (l.parentSku !== undefined) {
      const parent = this.get(sellerId, l.parentSku) ?? ctx.batch.get(l.parentSku);
      if (parent && !parent.isParent) fail(`parentSku ${l.parentSku} is not a parent listing`);
    }
    if (!isParent && (ctx.namedParents.has(l.sku) || this.childSkus(sellerId, l.sku).length > 0)) {
      fail(`other listings name ${l.sku} as their parent, so it must be a parent (isParent: true)`);
    }
    const createdMs = floorSecond(l.createdMs ?? nowMs);
    const lastUpdatedMs = floorSecond(l.lastUpdatedMs ?? createdMs);
    if (lastUpdatedMs < createdMs) fail('lastUpdatedDate is before createdDate');
    const product = this.catalog.get(l.sku);
    const out: StoredListing = {
      sellerId,
      sku: l.sku,
      asin: l.asin ?? product?.asin ?? newAsin(this.rng, this.asins),
      productType: l.productType ?? 'HOME',
      itemName: l.title ?? product?.title ?? `Listing ${l.sku}`,
      marketplaceId,
      createdMs,
      lastUpdatedMs,
      fulfillment,
      isParent,
    };
    if (!isParent && fulfillment === 'MERCHANT') out.quantity = l.quantity ?? 0;
    if (!isParent) out.priceMinor = toMinor(l.price ?? product?.price ?? 19.99, marketplaceId);
    if (l.parentSku !== undefined) out.parentSku = l.parentSku;
    if (l.variationTheme !== undefined) out.variationTheme = l.variationTheme;
    return out;
  }

  /** A UUID-shaped submission id, like Amazon's. */
  newSubmissionId(): string {
    return uuid(this.submissionRng);
  }

  private bucket(sellerId: string): SellerListings {
    const bucket = this.sellers.get(sellerId);
    if (!bucket) throw new SimInputError(`sellerId: no simulated seller ${sellerId}`);
    return bucket;
  }

  private seller(sellerId: string | undefined): StoreSeller {
    if (sellerId === undefined) return this.sellerList[0] as StoreSeller;
    const seller = this.sellerList.find((s) => s.sellerId === sellerId);
    if (!seller) throw new SimInputError(`sellerId: no simulated seller ${sellerId}`);
    return seller;
  }
}

function toMinor(price: number | string, marketplaceId: string): number {
  return Math.round(Number(price) * 10 ** marketplaceInfo(marketplaceId).decimals);
}
