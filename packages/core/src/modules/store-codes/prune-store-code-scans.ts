import { sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { storeCodeScans } from './store-codes.tables.ts';

/** Scans are kept this long: a year of statistics plus a month to compare with. */
export const SCAN_RETENTION_DAYS = 400;
const BATCH = 5_000;

/**
 * Deletes landing-page scans older than the retention, in batches so a large backlog never holds
 * one long statement. Across all tenants (a maintenance sweep); returns how many rows went.
 */
export async function pruneStoreCodeScans(deps: Pick<Deps, 'db' | 'now'>, retentionDays = SCAN_RETENTION_DAYS): Promise<number> {
  const before = new Date(deps.now().getTime() - retentionDays * 24 * 3600_000).toISOString();
  let removed = 0;
  for (;;) {
    const rows = await deps.db
      .delete(storeCodeScans)
      .where(
        sql`(${storeCodeScans.tenantId}, ${storeCodeScans.id}) in (select s.tenant_id, s.id from store_code_scans s where s.created_at < ${before}::timestamptz limit ${BATCH})`,
      )
      .returning({ id: storeCodeScans.id });
    removed += rows.length;
    if (rows.length < BATCH) return removed;
  }
}
