import { and, eq, inArray } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { outboundActions } from './outbox.tables.ts';

export type TActionStatus = {
  id: number;
  idempotencyKey: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'expired';
  // The channel's id for what was created (msgid, chat id, moment id), once sent.
  externalId: string | null;
  error: string | null;
};

/**
 * Where outbound actions stand, by idempotency key (keys with no action are absent), for modules
 * that follow up on what the channel created (a moments task's id, a mass task's msgid).
 * @example
 * const byKey = await getActionStatuses(ctx, [`moment:${taskId}`]);
 */
export async function getActionStatuses(ctx: Ctx, keys: readonly string[]): Promise<Map<string, TActionStatus>> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return new Map();
  const rows = await dbOf(ctx)
    .select({
      id: outboundActions.id,
      idempotencyKey: outboundActions.idempotencyKey,
      status: outboundActions.status,
      externalId: outboundActions.externalId,
      error: outboundActions.error,
    })
    .from(outboundActions)
    .where(and(eq(outboundActions.tenantId, ctx.actor.tenantId), inArray(outboundActions.idempotencyKey, unique)));
  return new Map(rows.map((r) => [r.idempotencyKey, { ...r, status: r.status as TActionStatus['status'] }]));
}
