import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Deps } from '../../context.ts';
import { diskCacheDir } from './poster-cache.ts';
import { deleteOrphanPosterImages } from './poster-images.ts';

export const POSTER_SWEEP_JOB = 'posters.sweep';
// Rendered posters on disk not read or written for this long are removed (they are redrawn on demand).
const DISK_CACHE_MAX_AGE_MS = 14 * 24 * 3600_000;

/** Removes rendered posters older than `maxAgeMs` from the disk cache; returns how many. */
export async function sweepPosterDiskCache(
  deps: Pick<Deps, 'dataDir' | 'now'>,
  maxAgeMs = DISK_CACHE_MAX_AGE_MS,
): Promise<number> {
  const dir = diskCacheDir(deps.dataDir);
  if (!dir) return 0;
  const before = deps.now().getTime() - maxAgeMs;
  let removed = 0;
  const shards = await readdir(dir).catch(() => [] as string[]);
  for (const shard of shards) {
    const files = await readdir(join(dir, shard)).catch(() => [] as string[]);
    for (const file of files) {
      const path = join(dir, shard, file);
      const info = await stat(path).catch(() => null);
      if (info && info.mtimeMs < before) {
        await rm(path, { force: true });
        removed++;
      }
    }
  }
  return removed;
}

/** Queues of the posters module: a daily sweep of unused uploads and old cached posters. */
export async function registerPosterJobs(deps: Deps): Promise<void> {
  await deps.queue.register(POSTER_SWEEP_JOB, async () => {
    const images = await deleteOrphanPosterImages(deps);
    const files = await sweepPosterDiskCache(deps);
    if (images || files) deps.log.info({ images, files }, 'poster sweep');
  });
  await deps.queue.schedule(POSTER_SWEEP_JOB, '17 3 * * *');
}
