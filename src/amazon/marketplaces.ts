import type { REGIONS } from '../config/schema';

export type Region = (typeof REGIONS)[number];

/**
 * Amazon's marketplace ids by region (developer docs, "Marketplace IDs"). A marketplace is served
 * only by its region's endpoint: an id from another region fails every call, so config catches it.
 */
export const MARKETPLACES: Readonly<Record<string, { country: string; region: Region }>> = {
  A2EUQ1WTGCTBG2: { country: 'CA', region: 'na' },
  ATVPDKIKX0DER: { country: 'US', region: 'na' },
  A1AM78C64UM0Y8: { country: 'MX', region: 'na' },
  A2Q3Y263D00KWC: { country: 'BR', region: 'na' },
  A28R8C7NBKEWEA: { country: 'IE', region: 'eu' },
  A1RKKUPIHCS9HS: { country: 'ES', region: 'eu' },
  A1F83G8C2ARO7P: { country: 'UK', region: 'eu' },
  A13V1IB3VIYZZH: { country: 'FR', region: 'eu' },
  AMEN7PMS3EDWL: { country: 'BE', region: 'eu' },
  A1805IZSGTT6HS: { country: 'NL', region: 'eu' },
  A1PA6795UKMFR9: { country: 'DE', region: 'eu' },
  APJ6JRA9NG5V4: { country: 'IT', region: 'eu' },
  A2NODRKZP88ZB9: { country: 'SE', region: 'eu' },
  AE08WJ6YKNBMC: { country: 'ZA', region: 'eu' },
  A1C3SOZRARQ6R3: { country: 'PL', region: 'eu' },
  ARBP9OOSHTCHU: { country: 'EG', region: 'eu' },
  A33AVAJ2PDY3EV: { country: 'TR', region: 'eu' },
  A17E79C6D8DWNP: { country: 'SA', region: 'eu' },
  A2VIGQ35RCS4UG: { country: 'AE', region: 'eu' },
  A21TJRUUN4KGV: { country: 'IN', region: 'eu' },
  A19VAU5U5O7RUS: { country: 'SG', region: 'fe' },
  A39IBJ37TRP1C6: { country: 'AU', region: 'fe' },
  A1VC38T7YXB528: { country: 'JP', region: 'fe' },
};

/** What is wrong with using `id` in `region`, or undefined when nothing is. */
export function marketplaceProblem(id: string, region: Region): string | undefined {
  const known = MARKETPLACES[id];
  if (!known) {
    const inRegion = Object.entries(MARKETPLACES)
      .filter(([, m]) => m.region === region)
      .map(([mid, m]) => `${mid} ${m.country}`);
    return `${id} is not an Amazon marketplace id (region ${region} has ${inRegion.join(', ')})`;
  }
  if (known.region !== region) {
    return `${id} (${known.country}) is served by the ${known.region} endpoint, but amazon.region is "${region}"; sellers of another region need their own config file`;
  }
  return undefined;
}
