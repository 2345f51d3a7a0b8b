import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Deps } from '../context.ts';
import { AppError } from './errors.ts';

/**
 * Where uploaded bytes live. The local implementation keeps them under `<dataDir>/files/`; an
 * object store (S3, OSS, COS) can replace it behind the same four calls.
 * @example
 * const storage = storageFor(deps);
 * await storage.put('t1/materials/abc.png', bytes, 'image/png');
 * const file = await storage.get('t1/materials/abc.png');
 */
export type TFileStorage = {
  put: (key: string, bytes: Uint8Array, contentType: string) => Promise<void>;
  get: (key: string) => Promise<{ bytes: Buffer; contentType: string } | null>;
  delete: (key: string) => Promise<void>;
  /** A direct URL to the bytes, when the store can serve them itself (object storage); local files have none. */
  url?: (key: string) => string;
};

// Keys are relative paths of plain segments: no `..`, no empty or dot segments, no backslashes.
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Throws VALIDATION unless `key` is a safe relative path (so it can never leave the storage root). */
export function assertStorageKey(key: string): void {
  const segments = key.split('/');
  const ok =
    key.length > 0 && key.length <= 512 && segments.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..' && !s.includes('..'));
  if (!ok) throw new AppError('VALIDATION', `The storage key “${key.slice(0, 80)}” is not a safe relative path.`);
}

/** Files under `root`; the content type is kept in a `.type` file beside each file. */
export function createLocalStorage(root: string): TFileStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    assertStorageKey(key);
    const full = resolve(base, key);
    // Belt and braces: the resolved path must still be inside the root.
    if (!full.startsWith(base + sep)) throw new AppError('VALIDATION', 'The storage key leaves the storage root.');
    return full;
  };
  return {
    put: async (key, bytes, contentType) => {
      const full = pathOf(key);
      await mkdir(dirname(full), { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const tmp = `${full}.${process.pid}.tmp`;
      await writeFile(tmp, bytes);
      await writeFile(`${full}.type`, contentType);
      await rename(tmp, full);
    },
    get: async (key) => {
      const full = pathOf(key);
      try {
        const [bytes, contentType] = await Promise.all([
          readFile(full),
          readFile(`${full}.type`, 'utf8').catch(() => 'application/octet-stream'),
        ]);
        return { bytes, contentType };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    delete: async (key) => {
      const full = pathOf(key);
      await Promise.all([rm(full, { force: true }), rm(`${full}.type`, { force: true })]);
    },
  };
}

/** Bytes in memory (tests, and runs without a data directory). */
export function createMemoryStorage(): TFileStorage {
  const files = new Map<string, { bytes: Buffer; contentType: string }>();
  return {
    put: async (key, bytes, contentType) => {
      assertStorageKey(key);
      files.set(key, { bytes: Buffer.from(bytes), contentType });
    },
    get: async (key) => {
      assertStorageKey(key);
      return files.get(key) ?? null;
    },
    delete: async (key) => {
      assertStorageKey(key);
      files.delete(key);
    },
  };
}

// One storage per Deps object: the memory store must survive between requests of one process.
const byDeps = new WeakMap<object, TFileStorage>();

/** The file storage of this process: `<dataDir>/files/`, or memory when there is no data directory. */
export function storageFor(deps: Pick<Deps, 'dataDir' | 'db'>): TFileStorage {
  // Keyed by the database handle: every ctx spread from the same Deps shares it.
  const owner = deps.db as object;
  let storage = byDeps.get(owner);
  if (!storage) {
    storage = deps.dataDir ? createLocalStorage(join(deps.dataDir, 'files')) : createMemoryStorage();
    byDeps.set(owner, storage);
  }
  return storage;
}
