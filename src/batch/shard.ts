import { createHash } from "node:crypto";

/** `--shard i/n`: this run takes the files whose hash falls in slice i (1-based) of n. */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard | null {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  if (!match) return null;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && index <= count ? { index, count } : null;
}

/**
 * The slice a file belongs to depends only on its path relative to the inputs' common folder
 * (not on the other files, nor on the checkout's location): adding files never moves the old ones
 * to another shard, and every file is in exactly one.
 */
export function shardOf(relativePath: string, count: number): number {
  const digest = createHash("sha256").update(relativePath).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(relativePath: string, shard: Shard | null): boolean {
  return shard === null || shardOf(relativePath, shard.count) === shard.index;
}
