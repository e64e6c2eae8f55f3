import { InvalidArgumentError } from 'commander';
import { inShard, parseShard, shardOf } from '../../src/config/shard';

test('--shard takes K/N with 1 ≤ K ≤ N and refuses anything else', () => {
  expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
  expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
  for (const bad of ['0/3', '4/3', '3', '1/0', '-1/2', 'a/b', '1/2/3', '1.5/3', ''])
    expect(() => parseShard(bad)).toThrow(InvalidArgumentError);
});

test("a seller's shard is fixed by its name and the shard count (a change here moves sellers away from their state files)", () => {
  expect([1, 2, 3, 4].map((n) => shardOf('acme-us', n))).toEqual([1, 2, 1, 2]);
  expect([1, 2, 3, 4].map((n) => shardOf('sim-us', n))).toEqual([1, 1, 3, 3]);
});

test('every seller is in exactly one shard, and adding sellers moves none of the others', () => {
  const names = Array.from({ length: 200 }, (_, i) => `seller-${i}`);
  const count = 4;
  for (const name of names) {
    const holders = [1, 2, 3, 4].filter((index) => inShard(name, { index, count }));
    expect(holders).toEqual([shardOf(name, count)]);
  }
  const before = names.map((n) => shardOf(n, count));
  const more = [...names, ...Array.from({ length: 50 }, (_, i) => `new-${i}`)];
  expect(more.slice(0, names.length).map((n) => shardOf(n, count))).toEqual(before);
  // Cut by a hash, shards are roughly even: none of 4 holds fewer than 15 % of 200 sellers.
  for (const index of [1, 2, 3, 4]) expect(before.filter((s) => s === index).length).toBeGreaterThan(30);
});

test('without a shard every seller is in', () => {
  expect(inShard('anyone', undefined)).toBe(true);
});
