import { createRng, type Rng } from '../random';
import type { AmazonSimulator } from './simulator-types';
import type { NewListingInput, SimListing } from './listing-types';
import { DAY, iso, MINUTE } from './time';

export interface SeedListingsOptions {
  /** Total listings: parents + their children + standalone SKUs. */
  count: number;
  /** Variation parents (not buyable), each with `childrenPerParent` merchant-fulfilled children. */
  parents: number;
  childrenPerParent: number;
  /** Amazon-fulfilled standalone SKUs; the rest of the standalone SKUs are merchant-fulfilled. */
  fba: number;
  seed: number;
  /** The reference clock, ms: listings are created over the 60 days before it, all over 2 minutes ago. */
  now: number;
  /** Used first for standalone SKUs (e.g. the shared catalogue, so the warehouse stocks them too); then LST-00001… */
  skus?: string[];
  marketplaceId?: string;
  sellerId?: string;
}

const ADJECTIVES = ['Blue', 'Oak', 'Steel', 'Linen', 'Compact', 'Classic', 'Travel', 'Large', 'Mini', 'Deluxe'];
const NOUNS = ['Mug', 'Lamp', 'Kettle', 'Notebook', 'Backpack', 'Scarf', 'Candle', 'Planter', 'Bottle', 'Towel'];
const GARMENTS = ['Trail Jacket', 'Cotton Tee', 'Rain Poncho', 'Hoodie', 'Duffel Bag'];
const PRODUCT_TYPES = ['HOME', 'KITCHEN', 'LUGGAGE', 'OFFICE_PRODUCTS'];
const COLORS = ['RED', 'BLUE', 'GREEN', 'BLACK', 'WHITE', 'GREY', 'NAVY', 'OLIVE'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
// Names real catalogues hold: accents, a typographic dash, a trademark sign, a double quote, a comma.
// All of them exist in windows-1252, so a report in that charset keeps them.
const DECORATIONS: ((title: string) => string)[] = [
  (t) => `${t}, 2 Pack`,
  (t) => `${t} 12" Wide`,
  (t) => `Café ${t}`,
  (t) => `${t} – Größe L`,
  (t) => `Müller ${t}™`,
  (t) => `${t} "Crème" Édition`,
];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function title(rng: Rng, base: string): string {
  return rng.chance(0.5) ? base : rng.pick(DECORATIONS)(base);
}

function newAsin(rng: Rng, taken: Set<string>): string {
  let asin = '';
  while (!asin || taken.has(asin)) {
    asin = `B0${rng
      .int(0, 36 ** 4 - 1)
      .toString(36)
      .padStart(4, '0')}${rng
      .int(0, 36 ** 4 - 1)
      .toString(36)
      .padStart(4, '0')}`.toUpperCase();
  }
  taken.add(asin);
  return asin;
}

function checkCounts(o: SeedListingsOptions): number {
  for (const name of ['count', 'parents', 'childrenPerParent', 'fba'] as const) {
    if (!Number.isInteger(o[name]) || o[name] < 0) throw new Error(`seedListings: ${name} must be a whole number of 0 or more`);
  }
  const standalone = o.count - o.parents * (1 + o.childrenPerParent);
  if (standalone < 0)
    throw new Error(`seedListings: ${o.parents} parents with ${o.childrenPerParent} children each are more than count ${o.count}`);
  if (o.fba > standalone) throw new Error(`seedListings: fba ${o.fba} is more than the ${standalone} standalone listings`);
  return standalone;
}

/** What the seeding steps share, in the order they draw from it: the same options give the same listings. */
interface Seeding {
  rng: Rng;
  taken: Set<string>;
  asins: Set<string>;
  /** Gives a listing its creation and last update dates, `from` or later. */
  dated(input: NewListingInput, from?: number): NewListingInput;
}

/** Which standalone positions are FBA: a partial shuffle, so they fall among catalogue SKUs too. */
function fbaPositions(rng: Rng, standalone: number, fba: number): Set<number> {
  const order = Array.from({ length: standalone }, (_, i) => i);
  for (let i = 0; i < fba; i++) {
    const j = rng.int(i, standalone - 1);
    const swap = order[j] as number;
    order[j] = order[i] as number;
    order[i] = swap;
  }
  return new Set(order.slice(0, fba));
}

function standaloneListings(s: Seeding, standalone: number, fba: Set<number>, skus: readonly string[]): NewListingInput[] {
  const { rng, taken } = s;
  const out: NewListingInput[] = [];
  const catalogue = skus.filter((sku) => !taken.has(sku));
  let invented = 0;
  for (let i = 0; i < standalone; i++) {
    let sku = catalogue[i];
    const fromCatalogue = sku !== undefined;
    while (sku === undefined || taken.has(sku)) sku = `LST-${pad(++invented, 5)}`;
    taken.add(sku);
    const input: NewListingInput = fba.has(i) ? { sku, fulfillment: 'AMAZON' } : { sku, quantity: rng.chance(0.1) ? 0 : rng.int(1, 250) };
    // Catalogue SKUs keep the catalogue's ASIN, title and price, as the warehouse knows them.
    if (!fromCatalogue) {
      Object.assign(input, {
        asin: newAsin(rng, s.asins),
        title: title(rng, `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)} ${pad(i + 1, 5)}`),
        productType: rng.pick(PRODUCT_TYPES),
        price: (rng.int(299, 19_999) / 100).toFixed(2),
      });
    }
    out.push(s.dated(input));
  }
  return out;
}

/** Variation family `p`: a parent (PAR-0001) and its children (PAR-0001-RED-M…), created after it. */
function family(s: Seeding, p: number, children: number): NewListingInput[] {
  const { rng, taken } = s;
  let parentSku = `PAR-${pad(p, 4)}`;
  for (let n = 2; taken.has(parentSku); n++) parentSku = `PAR-${pad(p, 4)}-${n}`;
  taken.add(parentSku);
  const name = `${rng.pick(GARMENTS)} ${pad(p, 4)}`;
  const productType = rng.pick(['SHIRT', 'LUGGAGE']);
  const parent = s.dated({
    sku: parentSku,
    asin: newAsin(rng, s.asins),
    title: name,
    productType,
    isParent: true,
    variationTheme: 'COLOR_NAME/SIZE_NAME',
  });
  const out = [parent];
  const parentCreated = Date.parse(parent.createdDate as string);
  for (let c = 0; c < children; c++) {
    const color = COLORS[Math.floor(c / SIZES.length) % COLORS.length] as string;
    const size = SIZES[c % SIZES.length] as string;
    const round = Math.floor(c / (COLORS.length * SIZES.length));
    const sku = `${parentSku}-${color}-${size}${round > 0 ? `-${round + 1}` : ''}`;
    taken.add(sku);
    const childTitle = `${name}, ${color.charAt(0)}${color.slice(1).toLowerCase()}, ${size}`;
    const child: NewListingInput = {
      sku,
      asin: newAsin(rng, s.asins),
      title: childTitle,
      productType,
      parentSku,
      quantity: rng.int(0, 40),
      price: (rng.int(999, 9_999) / 100).toFixed(2),
    };
    out.push(s.dated(child, parentCreated));
  }
  return out;
}

/**
 * Fills `sim` with `count` listings: `parents` variation families of `childrenPerParent` children
 * (SKUs PAR-0001, PAR-0001-RED-M…), `fba` Amazon-fulfilled and the rest merchant-fulfilled
 * standalone SKUs. The same options give the same listings on a simulator with the same seed.
 */
export function seedListings(sim: AmazonSimulator, opts: SeedListingsOptions): SimListing[] {
  const standalone = checkCounts(opts);
  if (opts.count === 0) return [];
  const rng = createRng(opts.seed);
  const existing = sim.listings().filter((l) => opts.sellerId === undefined || l.sellerId === opts.sellerId);
  const earliest = opts.now - 60 * DAY;
  const latest = opts.now - 3 * MINUTE;
  const between = (from: number): number => from + rng.int(0, Math.floor((latest - from) / 1000)) * 1000;
  const seeding: Seeding = {
    rng,
    taken: new Set(existing.map((l) => l.sku)),
    asins: new Set(existing.map((l) => l.asin)),
    dated(input, from = earliest) {
      const created = between(from);
      input.createdDate = iso(created);
      input.lastUpdatedDate = iso(between(created));
      return input;
    },
  };
  const fba = fbaPositions(rng, standalone, opts.fba);
  const out = standaloneListings(seeding, standalone, fba, opts.skus ?? []);
  for (let p = 1; p <= opts.parents; p++) out.push(...family(seeding, p, opts.childrenPerParent));
  const input = {
    listings: out,
    ...(opts.sellerId ? { sellerId: opts.sellerId } : {}),
    ...(opts.marketplaceId ? { marketplaceId: opts.marketplaceId } : {}),
  };
  return sim.addListings(input);
}
