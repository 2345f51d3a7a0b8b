import type { Database } from '@pond/db';

/** How long change rows are kept; an index idle for half of this rebuilds (see load-audience-index.ts). */
export const AUDIENCE_CHANGES_RETENTION_MS = 24 * 3600_000;

/**
 * Deletes change-log rows older than the retention (only of transactions every snapshot has
 * settled), and raises each tenant's horizon to the highest seq deleted: an index whose watermark
 * is below its horizon rebuilds instead of missing the deleted rows.
 * @example
 * const deleted = await pruneAudienceChanges(deps.database, new Date());
 */
export async function pruneAudienceChanges(database: Database, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - AUDIENCE_CHANGES_RETENTION_MS).toISOString();
  const res = await database.executeSql(
    `with gone as (
       delete from audience_changes
       where created_at < $1 and xid < pg_snapshot_xmin(pg_current_snapshot())
       returning tenant_id, seq),
     horizons as (
       insert into audience_change_horizons (tenant_id, pruned_through_seq)
       select tenant_id, max(seq) from gone group by tenant_id
       on conflict (tenant_id) do update
         set pruned_through_seq = greatest(audience_change_horizons.pruned_through_seq, excluded.pruned_through_seq)
       returning tenant_id)
     select (select count(*) from gone)::int as deleted`,
    [cutoff],
  );
  return Number(res.rows[0]?.deleted ?? 0);
}
