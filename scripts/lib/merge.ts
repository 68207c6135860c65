/**
 * Combines the output folders of `generate --shard i/n` into one output folder that is
 * byte for byte what an unsharded build writes (files and manifest). Before anything is
 * written it checks that the shards are parts 1…n of one plan, that no file is in two
 * shards and none is missing, and that every file still has the hash its manifest records.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hashContent, readWholeManifest, type ManifestEntry } from './manifest.ts';
import { addToDigest, digestHex, type ShardInfo } from './shard.ts';
import { OutputSession, type WriteResult } from './writer.ts';

/** The shards do not make up one whole build (exit code 1); nothing was written. */
export class MergeError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export function mergeShards(outDir: string, shardDirs: string[]): WriteResult & { files: number } {
  const problems: string[] = [];
  const shards: { dir: string; info: ShardInfo; files: Record<string, ManifestEntry> }[] = [];
  for (const dir of shardDirs) {
    if (resolve(dir) === resolve(outDir)) problems.push(`${dir}: the output folder cannot also be a shard`);
    const m = readWholeManifest(dir);
    if (!m) problems.push(`${dir}: no manifest.json; is it the output folder of a build?`);
    else if (!m.shard) problems.push(`${dir}: its manifest is not a shard's; build it with --shard i/n`);
    else shards.push({ dir, info: m.shard, files: m.files });
  }
  if (problems.length) throw new MergeError(problems);
  const [first] = shards;
  if (!first) throw new MergeError(['no shard folders given']);
  const { count, planned, digest } = first.info;
  for (const s of shards) {
    if (s.info.count !== count || s.info.planned !== planned || s.info.digest !== digest) {
      problems.push(`${s.dir}: shard ${s.info.index}/${s.info.count} of a different build than ${first.dir} (shard ${first.info.index}/${count}); build every shard from the same data and options`);
    }
  }
  if (problems.length) throw new MergeError(problems);
  for (let i = 1; i <= count; i++) {
    const given = shards.filter((s) => s.info.index === i);
    if (!given.length) problems.push(`shard ${i}/${count} is missing`);
    if (given.length > 1) problems.push(`shard ${i}/${count} is given twice: ${given.map((s) => s.dir).join(', ')}`);
  }
  if (problems.length) throw new MergeError(problems);

  const owner = new Map<string, { dir: string; entry: ManifestEntry }>();
  const duplicated: string[] = [];
  let sum = 0;
  for (const s of shards) {
    for (const [path, entry] of Object.entries(s.files)) {
      const seen = owner.get(path);
      if (seen) duplicated.push(`${path} (in ${seen.dir} and ${s.dir})`);
      else {
        owner.set(path, { dir: s.dir, entry });
        sum = addToDigest(sum, path);
      }
    }
  }
  if (duplicated.length) problems.push(`${duplicated.length} file(s) in more than one shard: ${list(duplicated)}`);
  if (owner.size !== planned || digestHex(sum) !== digest) {
    problems.push(`the shards hold ${owner.size} distinct files; the build has ${planned}${owner.size === planned ? ' (not the same files)' : ''}: files are missing — rebuild the shards`);
  }
  if (problems.length) throw new MergeError(problems);

  const session = new OutputSession(outDir, () => true);
  try {
    const changed: string[] = [];
    for (const path of [...owner.keys()].sort()) {
      const { dir, entry } = owner.get(path)!;
      if (session.keep(path, entry.input)) continue;
      let content: string | undefined;
      try {
        content = readFileSync(join(dir, path), 'utf8');
      } catch {
        // reported below
      }
      if (content === undefined || hashContent(content) !== entry.hash) changed.push(`${dir}/${path}`);
      else session.put(path, content, entry.input, entry.hash);
    }
    if (changed.length) throw new MergeError([`${changed.length} file(s) missing or changed since their shard was built: ${list(changed)}`]);
  } catch (e) {
    session.abort();
    throw e;
  }
  return { ...session.commit(), files: owner.size };
}

function list(items: string[]): string {
  return items.length > 5 ? `${items.slice(0, 5).join(', ')} and ${items.length - 5} more` : items.join(', ');
}
