import { and, isNotNull, lt, sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { storageFor } from '../../lib/storage.ts';
import { materials } from './materials.tables.ts';

export const MATERIAL_PURGE_JOB = 'materials.purge';
// Deleted materials keep their bytes this long: messages queued before the deletion may still fetch them.
const KEEP_DELETED_FILES_MS = 30 * 24 * 3600_000;

/**
 * Removes the stored bytes of materials deleted more than `olderThanMs` ago (at most `limit` per
 * run, across tenants) and forgets their key; the rows stay, so content naming them still fails
 * with a clear message. Returns how many files went.
 */
export async function purgeDeletedMaterialFiles(
  deps: Pick<Deps, 'db' | 'now' | 'dataDir'>,
  options: { olderThanMs?: number; limit?: number } = {},
): Promise<number> {
  const before = new Date(deps.now().getTime() - (options.olderThanMs ?? KEEP_DELETED_FILES_MS));
  const rows = await deps.db
    .select({ tenantId: materials.tenantId, id: materials.id, fileKey: materials.fileKey })
    .from(materials)
    .where(and(isNotNull(materials.fileKey), lt(materials.deletedAt, before)))
    .limit(options.limit ?? 500);
  const storage = storageFor(deps);
  let purged = 0;
  for (const row of rows) {
    if (!row.fileKey) continue;
    await storage.delete(row.fileKey);
    await deps.db
      .update(materials)
      .set({ fileKey: null })
      .where(sql`${materials.tenantId} = ${row.tenantId} and ${materials.id} = ${row.id}`);
    purged++;
  }
  return purged;
}

/** Queues of the materials module: a daily purge of deleted materials' files. */
export async function registerMaterialJobs(deps: Deps): Promise<void> {
  await deps.queue.register(MATERIAL_PURGE_JOB, async () => {
    const files = await purgeDeletedMaterialFiles(deps);
    if (files) deps.log.info({ files }, 'material files purged');
  });
  await deps.queue.schedule(MATERIAL_PURGE_JOB, '37 3 * * *');
}
