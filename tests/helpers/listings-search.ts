// Shared by the Listings Items simulator tests: a listing builder, and a simulator per test selling in two marketplaces.
import { type NewListingInput } from '../../src/simulator/amazon';
import { at, useAmazonSim, type Json } from '../helpers/amazon-sim';

export const US = 'ATVPDKIKX0DER';
export const CA = 'A2EUQ1WTGCTBG2';
export const skus = (body: Json): string[] => body.items.map((i: Json) => i.sku);

export function listing(sku: string, minutesAgo: number, extra: Partial<NewListingInput> = {}): NewListingInput {
  return { sku, createdDate: at(minutesAgo), lastUpdatedDate: at(minutesAgo), ...extra };
}

/** Registers a simulator per test (first seller in US and CA), and returns the calls that use it. */
export function useListingsSim() {
  const amazon = useAmazonSim({
    marketplaces: { A1SELLER: [US, CA] },
    // These tests are about the rules, not throttling.
    rates: { searchListingsItems: { rate: 100, burst: 1000 }, getListingsItem: { rate: 100, burst: 1000 } },
  });

  const search = (params: Record<string, string> = {}, seller = 'A1SELLER') =>
    amazon.get(`/listings/2021-08-01/items/${seller}`, { marketplaceIds: US, ...params }, seller);

  async function post(path: string, body: unknown): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${amazon.sim.origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  }
  return { amazon, search, post };
}
