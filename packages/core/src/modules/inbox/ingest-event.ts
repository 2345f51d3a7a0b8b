import { type TChannelEvent, ZChannelEvent } from '@pond/channels';
import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { inboxEvents } from './inbox.tables.ts';

export const INBOX_PROCESS_JOB = 'inbox.process';

export type TIngestInput = {
  channel: 'simulator' | 'wecom';
  // Unique per (tenant, channel): WeCom's MsgId, or FromUserName + CreateTime + the event's own fields.
  dedupeKey: string;
  event: TChannelEvent;
};

/**
 * Stores an inbound channel event and enqueues `inbox.process` for it, in one transaction — what a
 * callback handler calls *before* acknowledging. A redelivery (same dedupe key) stores nothing and
 * enqueues nothing: `duplicate: true` with the first delivery's id. Two copies arriving at once
 * store one row (the unique key decides).
 * @example
 * const { inboxEventId, duplicate } = await ingestEvent(ctx, { channel: 'wecom', dedupeKey, event });
 * return c.text('success');
 */
export async function ingestEvent(ctx: Ctx, input: TIngestInput): Promise<{ inboxEventId: number; duplicate: boolean }> {
  const parsed = ZChannelEvent.safeParse(input.event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'VALIDATION',
      `event.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}. The channel sent an event Pond cannot read.`,
    );
  }
  if (input.dedupeKey.length === 0 || input.dedupeKey.length > 512)
    throw new AppError('VALIDATION', 'dedupeKey: 1 to 512 characters.');
  const event = parsed.data;
  const tenantId = ctx.actor.tenantId;
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const [row] = await db
      .insert(inboxEvents)
      .values({
        tenantId,
        channel: input.channel,
        dedupeKey: input.dedupeKey,
        type: event.type,
        payload: event as unknown as Record<string, unknown>,
        occurredAt: new Date(event.at),
      })
      .onConflictDoNothing()
      .returning({ id: inboxEvents.id });
    if (row) {
      await tctx.queue.send(INBOX_PROCESS_JOB, { tenantId, inboxEventId: row.id }, { tx: db });
      return { inboxEventId: row.id, duplicate: false };
    }
    const [existing] = await db
      .select({ id: inboxEvents.id })
      .from(inboxEvents)
      .where(
        and(
          eq(inboxEvents.tenantId, tenantId),
          eq(inboxEvents.channel, input.channel),
          eq(inboxEvents.dedupeKey, input.dedupeKey),
        ),
      );
    if (!existing) throw new AppError('INTERNAL', `Inbox event ${input.dedupeKey} was neither stored nor found.`);
    return { inboxEventId: existing.id, duplicate: true };
  });
}
