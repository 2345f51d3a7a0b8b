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
  const event = parsed.data;
  return storeInboxRow(ctx, {
    channel: input.channel,
    dedupeKey: input.dedupeKey,
    type: event.type,
    payload: event as unknown as Record<string, unknown>,
    occurredAt: new Date(event.at),
  });
}

export type TIngestRawInput = {
  channel: 'wecom';
  dedupeKey: string;
  // What the source calls it, e.g. 'wecom:change_external_contact/add_external_contact'.
  type: string;
  // The event as received (a WeCom callback's decrypted fields); the channel's inbox decoder
  // turns it into channel events when it is processed (see `registerInboxDecoder`).
  payload: Record<string, unknown>;
  occurredAt: Date;
};

/**
 * Stores an event in the form the channel delivered it, for channels whose callbacks need more
 * than the callback itself to become channel events (WeCom: the add event has no customer name;
 * the group events have no member types). Same guarantees as `ingestEvent`.
 * @example
 * await ingestRawEvent(ctx, { channel: 'wecom', dedupeKey, type: 'wecom:change_external_chat/create', payload, occurredAt });
 */
export async function ingestRawEvent(ctx: Ctx, input: TIngestRawInput): Promise<{ inboxEventId: number; duplicate: boolean }> {
  if (input.type.length === 0 || input.type.length > 200) throw new AppError('VALIDATION', 'type: 1 to 200 characters.');
  if (Number.isNaN(input.occurredAt.getTime())) throw new AppError('VALIDATION', 'occurredAt: not a valid time.');
  return storeInboxRow(ctx, input);
}

async function storeInboxRow(
  ctx: Ctx,
  input: { channel: string; dedupeKey: string; type: string; payload: Record<string, unknown>; occurredAt: Date },
): Promise<{ inboxEventId: number; duplicate: boolean }> {
  if (input.dedupeKey.length === 0 || input.dedupeKey.length > 512)
    throw new AppError('VALIDATION', 'dedupeKey: 1 to 512 characters.');
  const tenantId = ctx.actor.tenantId;
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const [row] = await db
      .insert(inboxEvents)
      .values({
        tenantId,
        channel: input.channel,
        dedupeKey: input.dedupeKey,
        type: input.type,
        payload: input.payload,
        occurredAt: input.occurredAt,
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
