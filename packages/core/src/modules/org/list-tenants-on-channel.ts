import { asc, eq } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { tenants } from './org.tables.ts';

/**
 * The ids of every tenant served by `channel` (across tenants: for the system's nightly sweeps).
 * @example
 * const ids = await listTenantsOnChannel(deps, 'wecom');
 */
export async function listTenantsOnChannel(deps: Deps, channel: string): Promise<number[]> {
  const rows = await deps.db
    .select({ id: tenants.id })
    .from(tenants)
    .where(eq(tenants.channel, channel))
    .orderBy(asc(tenants.id));
  return rows.map((r) => r.id);
}
