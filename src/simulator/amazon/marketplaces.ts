/** What the simulator needs to know of a marketplace to render orders placed in it. */
export interface MarketplaceInfo {
  name: string;
  currency: string;
  /** Minor-unit digits of the currency: yen amounts have none. */
  decimals: number;
  country: string;
}

const KNOWN: Record<string, MarketplaceInfo> = {
  ATVPDKIKX0DER: { name: 'Amazon.com', currency: 'USD', decimals: 2, country: 'US' },
  A2EUQ1WTGCTBG2: { name: 'Amazon.ca', currency: 'CAD', decimals: 2, country: 'CA' },
  A1AM78C64UM0Y8: { name: 'Amazon.com.mx', currency: 'MXN', decimals: 2, country: 'MX' },
  A2Q3Y263D00KWC: { name: 'Amazon.com.br', currency: 'BRL', decimals: 2, country: 'BR' },
  A1F83G8C2ARO7P: { name: 'Amazon.co.uk', currency: 'GBP', decimals: 2, country: 'GB' },
  A1PA6795UKMFR9: { name: 'Amazon.de', currency: 'EUR', decimals: 2, country: 'DE' },
  A13V1IB3VIYZZH: { name: 'Amazon.fr', currency: 'EUR', decimals: 2, country: 'FR' },
  APJ6JRA9NG5V4: { name: 'Amazon.it', currency: 'EUR', decimals: 2, country: 'IT' },
  A1RKKUPIHCS9HS: { name: 'Amazon.es', currency: 'EUR', decimals: 2, country: 'ES' },
  A1VC38T7YXB528: { name: 'Amazon.co.jp', currency: 'JPY', decimals: 0, country: 'JP' },
  A39IBJ37TRP1C6: { name: 'Amazon.com.au', currency: 'AUD', decimals: 2, country: 'AU' },
};

/** Sellers may be configured with marketplaces the table lacks; they still get usable orders. */
export function marketplaceInfo(marketplaceId: string): MarketplaceInfo {
  return KNOWN[marketplaceId] ?? { name: `Amazon (${marketplaceId})`, currency: 'USD', decimals: 2, country: 'US' };
}

/** Formats integer minor units as the model's Decimal string ("12.99", or "1299" for yen). */
export function money(minor: number, marketplaceId: string): { amount: string; currencyCode: string } {
  const { currency, decimals } = marketplaceInfo(marketplaceId);
  const amount = decimals === 0 ? String(minor) : (minor / 10 ** decimals).toFixed(decimals);
  return { amount, currencyCode: currency };
}

const EU_COUNTRIES = new Set(['GB', 'DE', 'FR', 'IT', 'ES']);

/** The Amazon fulfillment channel code of the marketplace's region (reports and listings show it for FBA). */
export function amazonChannelCode(marketplaceId: string): string {
  const { country } = marketplaceInfo(marketplaceId);
  if (country === 'JP') return 'AMAZON_JP';
  return EU_COUNTRIES.has(country) ? 'AMAZON_EU' : 'AMAZON_NA';
}
