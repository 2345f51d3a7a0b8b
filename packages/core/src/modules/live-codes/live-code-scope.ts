import { and, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { getStoreStaffIds } from '../org/lookups.ts';
import { liveCodes } from './live-codes.tables.ts';

// Who sees which live codes: admins and operators all of them; a store manager the codes made for
// their store or whose pool or backups include one of the store's staff; a guide the codes whose
// pool or backups include them.

const includesStaff = (staffId: number): SQL =>
  sql`(${liveCodes.pool} @> ${JSON.stringify([{ staffId }])}::jsonb or ${liveCodes.backupStaffIds} @> ${JSON.stringify([staffId])}::jsonb)`;

/** The staff ids whose codes (and statistics rows) the actor sees; null = everyone's. */
export async function visibleStaffIds(ctx: Ctx): Promise<number[] | null> {
  const { actor } = ctx;
  if (actor.role === 'guide') return [actor.staffId ?? -1];
  if (actor.role === 'store_manager') return getStoreStaffIds(ctx, actor.storeId ?? -1);
  return null;
}

/** A condition on `live_codes` for the actor's data scope, or undefined for the whole tenant. */
export async function liveCodeScopeCondition(ctx: Ctx): Promise<SQL | undefined> {
  const staffIds = await visibleStaffIds(ctx);
  if (staffIds === null) return undefined;
  const viaStaff = staffIds.map(includesStaff);
  if (ctx.actor.role === 'store_manager') viaStaff.push(eq(liveCodes.storeId, ctx.actor.storeId ?? -1));
  return viaStaff.length ? or(...viaStaff) : sql`false`;
}

/** The (not deleted) code if the actor may see it; NOT_FOUND otherwise, exactly like a missing one. */
export async function requireVisibleLiveCode(ctx: Ctx, id: number): Promise<typeof liveCodes.$inferSelect> {
  const [row] = await dbOf(ctx)
    .select()
    .from(liveCodes)
    .where(
      and(
        eq(liveCodes.tenantId, ctx.actor.tenantId),
        eq(liveCodes.id, id),
        isNull(liveCodes.deletedAt),
        await liveCodeScopeCondition(ctx),
      ),
    );
  if (!row) throw notFound('Live code', id);
  return row;
}
