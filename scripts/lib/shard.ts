/**
 * Shards: `--shard i/n` builds a deterministic 1/n of the files, so that a CI matrix can
 * build a large site on several runners and `npm run merge` can put it back together.
 * A comparison's files (md, html, json) go to the shard its page key hashes to — its view
 * model is then built on one runner only; every other file goes by its own path.
 *
 * Each shard's manifest records which part it is and a fingerprint of the whole plan
 * (how many files, and an order-free digest of their paths), so that the merge can tell
 * whether anything is missing or duplicated without rebuilding the plan.
 */
import { sha256 } from './hash.ts';
import type { Page } from './pages.ts';
import { UsageError } from './diagnostics.ts';

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

export interface ShardInfo extends ShardSpec {
  /** Files in the whole plan (every shard together). */
  planned: number;
  /** Sum of the paths' hashes (48-bit prefixes, modulo 2^48), in hex: the same whatever the order. */
  digest: string;
}

const MOD = 2 ** 48;

/** "2/3" → { index: 2, count: 3 }. */
export function parseShard(text: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard ${text}: use i/n with 1 ≤ i ≤ n, e.g. --shard 2/3`);
  return { index, count };
}

/** The shard (1-based) a file belongs to. */
export function shardOf(file: { path: string; page?: Page }, count: number): number {
  const key = file.page ? `${file.page.locale.id}/${file.page.protocol.id}/${file.page.pair.slug}` : file.path;
  return (parseInt(sha256(key).slice(0, 8), 16) % count) + 1;
}

/** Adds a path to an order-free digest of a set of paths. */
export function addToDigest(digest: number, path: string): number {
  return (digest + parseInt(sha256(path).slice(0, 12), 16)) % MOD;
}

export const digestHex = (digest: number): string => digest.toString(16).padStart(12, '0');

/** Picks a shard's files out of the plan and fingerprints the whole plan on the way. */
export class ShardPlan {
  private planned = 0;
  private digest = 0;

  constructor(private readonly spec: ShardSpec) {}

  take(file: { path: string; page?: Page }): boolean {
    this.planned++;
    this.digest = addToDigest(this.digest, file.path);
    return shardOf(file, this.spec.count) === this.spec.index;
  }

  info(): ShardInfo {
    return { ...this.spec, planned: this.planned, digest: digestHex(this.digest) };
  }
}
