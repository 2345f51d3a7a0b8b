import { and, eq } from 'drizzle-orm';
import { getTenantChannelKind } from '../../channels.ts';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { type TOutboundActionInput, ZOutboundAction } from './outbox.schemas.ts';
import { outboundActions } from './outbox.tables.ts';

export const OUTBOX_SEND_JOB = 'outbox.send';

/**
 * Records an action for the tenant's channel and enqueues its `outbox.send` job, in the caller's
 * transaction: the job exists if and only if the row does. The idempotency key is unique per
 * tenant — one per (job, recipient), e.g. `welcome:<inboxEventId>` — so enqueueing the same action
 * twice sends it once (`duplicate: true` on the second call; callers may treat that as success).
 * @example
 * await enqueueAction(ctx, { idempotencyKey: `welcome:${inboxEventId}`, kind: 'welcome', payload: { welcomeCode, content, … } });
 */
export async function enqueueAction(
  ctx: Ctx,
  input: TOutboundActionInput & { idempotencyKey: string },
): Promise<{ actionId: number; duplicate: boolean }> {
  const parsed = ZOutboundAction.safeParse({ kind: input.kind, payload: input.payload });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'VALIDATION',
      `payload.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}. Correct the action.`,
    );
  }
  if (input.idempotencyKey.length === 0 || input.idempotencyKey.length > 200) {
    throw new AppError('VALIDATION', 'idempotencyKey: 1 to 200 characters.');
  }
  const tenantId = ctx.actor.tenantId;
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const provider = await getTenantChannelKind(ctx.database, db, tenantId);
    const [row] = await db
      .insert(outboundActions)
      .values({
        tenantId,
        idempotencyKey: input.idempotencyKey,
        kind: parsed.data.kind,
        payload: parsed.data.payload as Record<string, unknown>,
        provider,
      })
      .onConflictDoNothing()
      .returning({ id: outboundActions.id });
    if (row) {
      await tctx.queue.send(OUTBOX_SEND_JOB, { tenantId, actionId: row.id }, { tx: db });
      return { actionId: row.id, duplicate: false };
    }
    const [existing] = await db
      .select({ id: outboundActions.id })
      .from(outboundActions)
      .where(and(eq(outboundActions.tenantId, tenantId), eq(outboundActions.idempotencyKey, input.idempotencyKey)));
    if (!existing) throw new AppError('INTERNAL', `Outbound action ${input.idempotencyKey} was neither created nor found.`);
    return { actionId: existing.id, duplicate: true };
  });
}
