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
