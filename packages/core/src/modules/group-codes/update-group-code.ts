import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { getGroupRefsByIds } from '../groups/group-refs.ts';
import { checkCodeSettings } from './create-group-code.ts';
import { getGroupCode } from './get-group-code.ts';
import { readPool, requireGroupCode } from './group-code-access.ts';
import type { TGroupCodeDetail, TUpdateGroupCodeRequest } from './group-codes.schemas.ts';
import { groupCodeGroups, groupCodes } from './group-codes.tables.ts';
import { syncJoinWays } from './sync-join-ways.ts';

/**
 * Changes a code's settings. A new member cap applies to every pool group at once (a group already
 * above a lowered cap takes nobody until it is below); a rule or cap change re-plans the join ways.
 */
export async function updateGroupCode(ctx: Ctx, id: number, input: TUpdateGroupCodeRequest): Promise<TGroupCodeDetail> {
  requireChanges(input);
  const code = await requireGroupCode(ctx, id, 'write');
  const autoOpen = input.autoOpen ?? code.autoOpen;
  const ownerStaffIds = input.ownerStaffIds ?? code.ownerStaffIds;
  if (autoOpen && ownerStaffIds.length === 0) {
    throw new AppError(
      'VALIDATION',
      'ownerStaffIds: choose at least one owner for the groups opened automatically, or turn auto-open off.',
    );
  }
  await checkCodeSettings(ctx, { storeId: input.storeId, ownerStaffIds: input.ownerStaffIds });
  const tenantId = ctx.actor.tenantId;
  await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    await db
      .update(groupCodes)
      .set({ ...input, updatedAt: ctx.now() })
      .where(and(eq(groupCodes.tenantId, tenantId), eq(groupCodes.id, id)));
    if (input.memberCap !== undefined && input.memberCap !== code.memberCap) {
      const pool = await readPool(tctx, id);
      const groups = await getGroupRefsByIds(
        tctx,
        pool.map((g) => g.groupId),
      );
      for (const g of pool) {
        const cap = Math.min(input.memberCap, groups.get(g.groupId)?.memberCap ?? input.memberCap);
        if (cap !== g.cap) {
          await db
            .update(groupCodeGroups)
            .set({ cap })
            .where(and(eq(groupCodeGroups.tenantId, tenantId), eq(groupCodeGroups.id, g.id)));
        }
      }
    }
  });
  if (input.memberCap !== undefined || input.rule !== undefined) await syncJoinWays(ctx, id);
  return getGroupCode(ctx, id);
}
