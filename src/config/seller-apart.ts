import type { Config } from './schema';

/** A seller a sync run leaves out, and why: its config, or a secret of its own. */
export interface UnusableSeller {
  seller: string;
  problems: string[];
}

type Validate = (json: unknown) => { ok: true; config: Config } | { ok: false; errors: string[] };

/**
 * Sellers are independent: when every problem of a config lies inside some of its sellers, the
 * others are still a valid config, and a sync command runs them while the broken ones fail alone
 * (their problems in their own summary lines). A problem anywhere else, or in every seller, or one
 * between sellers (a name used twice: which seller would the state file mean?), fails the whole
 * config as before.
 */
export function validateSellersApart(
  json: unknown,
  validate: Validate,
): { ok: true; config: Config; unusable: UnusableSeller[] } | { ok: false; errors: string[] } {
  const whole = validate(json);
  if (whole.ok) return { ...whole, unusable: [] };
  const sellers = typeof json === 'object' && json !== null ? (json as { sellers?: unknown }).sellers : undefined;
  if (!Array.isArray(sellers)) return whole;
  // A seller's problems are named by its index, or by its name when it has one (`sellers[acme-us].…`).
  const names = sellers.map((x) => (x as { name?: unknown } | null)?.name);
  const bySeller = new Map<number, string[]>();
  for (const error of whole.errors) {
    const at = /^sellers\[([^\]]+)\]/.exec(error);
    const i = at ? (/^\d+$/.test(at[1] ?? '') ? Number(at[1]) : names.indexOf(at[1])) : -1;
    // Problems between sellers (a name used twice, one account configured twice) are no one seller's alone.
    if (i < 0 || error.includes('is used twice') || error.includes('must be one seller')) return whole;
    bySeller.set(i, [...(bySeller.get(i) ?? []), error]);
  }
  if (bySeller.size >= sellers.length) return whole;
  const rest = validate({ ...(json as object), sellers: sellers.filter((_, i) => !bySeller.has(i)) });
  if (!rest.ok) return whole;
  const nameOf = (i: number): string => {
    const name = (sellers[i] as { name?: unknown } | null)?.name;
    return typeof name === 'string' && name ? name : `sellers[${i}]`;
  };
  return { ok: true, config: rest.config, unusable: [...bySeller].map(([i, problems]) => ({ seller: nameOf(i), problems })) };
}
