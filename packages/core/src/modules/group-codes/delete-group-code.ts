import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { readWays, requireGroupCode } from './group-code-access.ts';
import {
  groupCodeGroups,
  groupCodeJoins,
  groupCodeOpenings,
  groupCodeSeats,
  groupCodes,
  groupCodeWays,
} from './group-codes.tables.ts';

/**
 * Deletes a code: its join ways are deleted on the channel (a way the channel cannot delete now is
 * left there and logged), then the code, its pool, seats and history. The groups themselves stay.
 * The link stops working (its landing answers 404); slugs are never reused. Audited.
 */
export async function deleteGroupCode(ctx: Ctx, id: number): Promise<void> {
  const code = await requireGroupCode(ctx, id, 'write');
  const tenantId = ctx.actor.tenantId;
  const ways = await readWays(ctx, id);
  if (ways.length) {
    try {
      const channel = await ctx.channelFor(tenantId);
      for (const way of ways) await channel.deleteJoinWay({ tenantId, configId: way.configId });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.log.warn({ codeId: id, error: message }, 'group code join ways left on the channel');
    }
  }
  await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    for (const table of [groupCodeSeats, groupCodeGroups, groupCodeWays, groupCodeOpenings, groupCodeJoins]) {
      await db.delete(table).where(and(eq(table.tenantId, tenantId), eq(table.codeId, id)));
    }
    await db.delete(groupCodes).where(and(eq(groupCodes.tenantId, tenantId), eq(groupCodes.id, id)));
    await recordAudit(tctx, {
      action: 'group_code.delete',
      targetType: 'group_code',
      targetId: id,
      details: { name: code.name, ways: ways.length },
    });
  });
}
