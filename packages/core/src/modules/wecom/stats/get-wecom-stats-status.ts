import { eq, max } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../../context.ts';
import { assertRole } from '../../access/assert-role.ts';
import { wecomStaffDailyStats } from '../wecom.tables.ts';

/**
 * When statistics were last pulled and the latest day they cover (for the console).
 * @example
 * const { lastPulledAt, lastDay } = await getWecomStatsStatus(ctx);
 */
export async function getWecomStatsStatus(ctx: Ctx): Promise<{ lastPulledAt: string | null; lastDay: string | null }> {
  assertRole(ctx.actor, ['admin', 'operator'], 'see WeCom statistics');
  const [row] = await dbOf(ctx)
    .select({ pulledAt: max(wecomStaffDailyStats.pulledAt), day: max(wecomStaffDailyStats.day) })
    .from(wecomStaffDailyStats)
    .where(eq(wecomStaffDailyStats.tenantId, ctx.actor.tenantId));
  return { lastPulledAt: row?.pulledAt ? new Date(row.pulledAt).toISOString() : null, lastDay: row?.day ?? null };
}
