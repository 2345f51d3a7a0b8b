import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { audiences } from './audiences.tables.ts';
import { AUDIENCE_EDITORS } from './create-audience.ts';

/**
 * Deletes a saved audience (audited with its expression, so it can be recreated). Broadcasts keep
 * the snapshot they took.
 * @example
 * await deleteAudience(ctx, 3);
 */
export async function deleteAudience(ctx: Ctx, id: number): Promise<void> {
  assertRole(ctx.actor, AUDIENCE_EDITORS, 'delete audiences');
  await inTransaction(ctx, async (tx) => {
    const [row] = await dbOf(tx)
      .delete(audiences)
      .where(and(eq(audiences.tenantId, ctx.actor.tenantId), eq(audiences.id, id)))
      .returning();
    if (!row) throw notFound('Audience', id);
    await recordAudit(tx, {
      action: 'audience.delete',
      targetType: 'audience',
      targetId: id,
      details: { name: row.name, expression: row.expression },
    });
  });
}
