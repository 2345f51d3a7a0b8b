import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '@pond/db';

/**
 * A least-recently-used map bounded by the summed `cost` of its entries (bytes, for PNGs and
 * decoded images). Entries may expire (a poster drawn with a placeholder avatar is kept briefly).
 */
export class LruCache<V> {
  readonly #items = new Map<string, { value: V; cost: number; expiresAt: number }>();
  #cost = 0;
  constructor(
    readonly maxCost: number,
    readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.#items.size;
  }
  get cost(): number {
    return this.#cost;
  }

  get(key: string): V | undefined {
    const item = this.#items.get(key);
    if (!item) return undefined;
    if (item.expiresAt <= this.now()) {
      this.delete(key);
      return undefined;
    }
    // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
    this.#items.delete(key);
    this.#items.set(key, item);
    return item.value;
  }

  set(key: string, value: V, cost: number, ttlMs = Number.POSITIVE_INFINITY): void {
    this.delete(key);
    if (cost > this.maxCost) return;
    this.#items.set(key, { value, cost, expiresAt: this.now() + ttlMs });
    this.#cost += cost;
    for (const [k, item] of this.#items) {
      if (this.#cost <= this.maxCost) break;
      this.#items.delete(k);
      this.#cost -= item.cost;
    }
  }

  delete(key: string): void {
    const item = this.#items.get(key);
    if (!item) return;
    this.#items.delete(key);
    this.#cost -= item.cost;
  }

  clear(): void {
    this.#items.clear();
    this.#cost = 0;
  }
}

/** Counters of the render path, for tests and the benchmark. */
export type TPosterCacheStats = { renders: number; memoryHits: number; diskHits: number; inflightJoins: number };

export type TPosterCaches = {
  /** Rendered PNGs by render key. */
  pngs: LruCache<Buffer>;
  /** Renders under way, so identical concurrent requests draw once. */
  inflight: Map<string, Promise<{ png: Buffer; etag: string }>>;
  /** Decoded background images by `tenant:imageId` (rows never change, only get deleted). */
  images: LruCache<unknown>;
  /** Fetched avatars by URL; null marks one that could not be loaded (retried after the TTL). */
  avatars: LruCache<unknown>;
  /** QR PNGs of the public QR endpoint. */
  qrs: LruCache<Buffer>;
  stats: TPosterCacheStats;
};

const MB = 1024 * 1024;
// One set of caches per database: two test worlds in one process must not see each other's
// templates, whose ids repeat.
const byDatabase = new WeakMap<Database, TPosterCaches>();

export function posterCaches(database: Database): TPosterCaches {
  let caches = byDatabase.get(database);
  if (!caches) {
    caches = {
      // ≈ 600 posters of ~100 kB.
      pngs: new LruCache<Buffer>(64 * MB),
      inflight: new Map(),
      // Decoded RGBA: a 750×1334 background is 4 MB.
      images: new LruCache<unknown>(48 * MB),
      avatars: new LruCache<unknown>(16 * MB),
      qrs: new LruCache<Buffer>(8 * MB),
      stats: { renders: 0, memoryHits: 0, diskHits: 0, inflightJoins: 0 },
    };
    byDatabase.set(database, caches);
  }
  return caches;
}

/** A hex SHA-256 of the parts, in order (the render key). */
export function renderKey(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The directory of rendered posters on disk, or null without a data directory. */
export const diskCacheDir = (dataDir: string | null) => (dataDir ? join(dataDir, 'posters', 'cache') : null);

const diskPath = (dir: string, key: string) => join(dir, key.slice(0, 2), `${key}.png`);

export async function readDiskCache(dataDir: string | null, key: string): Promise<Buffer | null> {
  const dir = diskCacheDir(dataDir);
  if (!dir) return null;
  try {
    return await readFile(diskPath(dir, key));
  } catch {
    return null;
  }
}

/** Writes a rendered poster under the data directory (via a temporary file, so readers never see half of it). */
export async function writeDiskCache(dataDir: string | null, key: string, png: Buffer): Promise<void> {
  const dir = diskCacheDir(dataDir);
  if (!dir) return;
  const path = diskPath(dir, key);
  await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, png);
  await rename(tmp, path);
}
