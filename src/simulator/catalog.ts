import { createRng } from './random';

/** A product both simulated systems agree on: Amazon lists it, Allocadence stocks it. */
export interface CatalogProduct {
  sku: string;
  asin: string;
  title: string;
  price: number;
}

const NOUNS = ['Mug', 'Lamp', 'Kettle', 'Notebook', 'Backpack', 'Scarf', 'Candle', 'Planter', 'Bottle', 'Towel'];
const ADJECTIVES = ['Blue', 'Oak', 'Steel', 'Linen', 'Compact', 'Classic', 'Travel', 'Large', 'Mini', 'Deluxe'];

/** The seeded catalogue: the same seed and size always give the same products. */
export function buildCatalog(seed: number, size = 40): CatalogProduct[] {
  const rng = createRng(seed ^ 0x5eed);
  return Array.from({ length: size }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return {
      sku: `SKU-${n}`,
      asin: `B0SIM${n}${String.fromCharCode(65 + (i % 26))}`,
      title: `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)} ${n}`,
      price: rng.int(500, 9900) / 100,
    };
  });
}
