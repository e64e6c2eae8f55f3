import { createHash } from 'node:crypto';
import { InvalidArgumentError } from 'commander';

/** `--shard K/N`: this process runs the sellers of shard K of N (1-based). */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `K/N` for commander; 1 ≤ K ≤ N. */
export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count)
    throw new InvalidArgumentError('expected K/N with 1 ≤ K ≤ N, e.g. 2/3 for the second of three shards');
  return { index, count };
}

/**
 * The shard (1…count) a seller belongs to. It depends on the seller's name and the number of shards
 * only, not on the other sellers: adding or removing a seller moves no other seller to another
 * shard, where its checkpoints (in that shard's state file) would be missing.
 */
export function shardOf(sellerName: string, count: number): number {
  return (createHash('sha256').update(sellerName, 'utf8').digest().readUInt32BE(0) % count) + 1;
}

export function inShard(sellerName: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(sellerName, shard.count) === shard.index;
}

export function shardName(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
