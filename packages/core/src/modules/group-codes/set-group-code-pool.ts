import { and, eq, inArray, ne } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { getGroupRefsByIds, type TGroupRef } from '../groups/group-refs.ts';
import { getGroupCode } from './get-group-code.ts';
import { readPool, requireGroupCode } from './group-code-access.ts';
import type { TGroupCodeDetail } from './group-codes.schemas.ts';
import { groupCodeGroups, groupCodeSeats, groupCodes } from './group-codes.tables.ts';
import { syncJoinWays } from './sync-join-ways.ts';

/**
 * Checks the groups a pool is to hold: each exists in the tenant, is not dismissed, is listed once
 * and is in no other code's pool (seats are counted per pool). Returns them in the given order.
 */
export async function checkPoolGroups(ctx: Ctx, codeId: number | null, groupIds: readonly number[]): Promise<TGroupRef[]> {
  if (new Set(groupIds).size !== groupIds.length) {
    throw new AppError('VALIDATION', 'groupIds: a group is listed twice. List each group once.');
  }
  const refs = await getGroupRefsByIds(ctx, groupIds);
  const groups = groupIds.map((id) => {
    const group = refs.get(id);
    if (!group) throw notFound('Customer group', id);
    if (group.status !== 'active') {
      throw new AppError('CONFLICT', `Group ${group.name} was dismissed. Remove it from the list.`);
    }
    return group;
  });
  if (groupIds.length) {
    const [taken] = await dbOf(ctx)
      .select({ groupId: groupCodeGroups.groupId, codeName: groupCodes.name })
      .from(groupCodeGroups)
      .innerJoin(groupCodes, and(eq(groupCodes.tenantId, groupCodeGroups.tenantId), eq(groupCodes.id, groupCodeGroups.codeId)))
      .where(
        and(
          eq(groupCodeGroups.tenantId, ctx.actor.tenantId),
          inArray(groupCodeGroups.groupId, [...groupIds]),
          codeId === null ? undefined : ne(groupCodeGroups.codeId, codeId),
        ),
      )
      .limit(1);
    if (taken) {
      const name = refs.get(taken.groupId)?.name ?? String(taken.groupId);
      throw new AppError(
        'CONFLICT',
        `Group ${name} is already in the pool of the group code “${taken.codeName}”. Remove it there first.`,
      );
    }
  }
  return groups;
}

export const poolConflict = () =>
  new AppError('CONFLICT', 'One of these groups was just added to another group code. Refresh and choose again.');

/**
 * Replaces the code's pool with `groupIds`, in that order (add, remove and reorder in one call).
 * Removed groups leave routing at once and their held seats are released; the join ways follow.
 */
export async function setGroupCodePool(ctx: Ctx, codeId: number, input: { groupIds: number[] }): Promise<TGroupCodeDetail> {
  const code = await requireGroupCode(ctx, codeId, 'write');
  const tenantId = ctx.actor.tenantId;
  try {
    await inTransaction(ctx, async (tctx) => {
      const db = dbOf(tctx);
      // One pool edit at a time per code.
      await db
        .select({ id: groupCodes.id })
        .from(groupCodes)
        .where(and(eq(groupCodes.tenantId, tenantId), eq(groupCodes.id, code.id)))
        .for('update');
      const groups = await checkPoolGroups(tctx, code.id, input.groupIds);
      const current = await readPool(tctx, code.id);
      const wanted = new Set(input.groupIds);
      const removed = current.filter((g) => !wanted.has(g.groupId)).map((g) => g.id);
      if (removed.length) {
        await db
          .update(groupCodeSeats)
          .set({ status: 'expired', settledAt: ctx.now() })
          .where(
            and(
              eq(groupCodeSeats.tenantId, tenantId),
              inArray(groupCodeSeats.poolId, removed),
              eq(groupCodeSeats.status, 'reserved'),
            ),
          );
        await db.delete(groupCodeGroups).where(and(eq(groupCodeGroups.tenantId, tenantId), inArray(groupCodeGroups.id, removed)));
      }
      const byGroup = new Map(current.map((g) => [g.groupId, g]));
      for (const [i, group] of groups.entries()) {
        const existing = byGroup.get(group.id);
        if (existing) {
          if (existing.position !== i + 1) {
            await db
              .update(groupCodeGroups)
              .set({ position: i + 1 })
              .where(and(eq(groupCodeGroups.tenantId, tenantId), eq(groupCodeGroups.id, existing.id)));
          }
        } else {
          await db.insert(groupCodeGroups).values({
            tenantId,
            codeId: code.id,
            groupId: group.id,
            chatId: group.externalChatId,
            position: i + 1,
            cap: Math.min(code.memberCap, group.memberCap),
            members: group.memberCount,
          });
        }
      }
      await db
        .update(groupCodes)
        .set({ updatedAt: ctx.now() })
        .where(and(eq(groupCodes.tenantId, tenantId), eq(groupCodes.id, code.id)));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw poolConflict();
    throw error;
  }
  await syncJoinWays(ctx, code.id);
  return getGroupCode(ctx, code.id);
}
