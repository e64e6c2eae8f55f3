import type { Rng } from '../random';

export function hex(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += rng.int(0, 15).toString(16);
  return out;
}

/** A UUID-shaped id from a seeded stream, like Amazon's submission and request ids. */
export function uuid(rng: Rng): string {
  return `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`;
}

/** An ASIN not in `taken` (then added to it): B0 and eight random base-36 characters, in two draws of four. */
export function newAsin(rng: Rng, taken: Set<string>): string {
  const four = (): string =>
    rng
      .int(0, 36 ** 4 - 1)
      .toString(36)
      .padStart(4, '0');
  let asin = '';
  while (!asin || taken.has(asin)) asin = `B0${four()}${four()}`.toUpperCase();
  taken.add(asin);
  return asin;
}
