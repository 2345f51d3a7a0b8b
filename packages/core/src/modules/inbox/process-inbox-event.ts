import { type TChannelEvent, ZChannelEvent } from '@pond/channels';
import { and, eq, sql } from 'drizzle-orm';
import { type Ctx, type Deps, systemActor, withActor } from '../../context.ts';
import { isRetryable } from '../../lib/retry-later.ts';
import { applyCustomerAdded } from '../customers/apply-customer-added.ts';
import { applyCustomerUpdated } from '../customers/apply-customer-updated.ts';
import { applyFollowDeleted } from '../customers/apply-follow-deleted.ts';
import { applyGroupEvent } from '../groups/apply-group-event.ts';
import { applyMessageEvent } from '../groups/apply-message-event.ts';
import { applyTagsMarked } from '../tags/apply-tags-marked.ts';
import { inboxEvents } from './inbox.tables.ts';

/**
 * Attempts before an event is recorded as failed: the first run plus the queue's 5 retries
 * (2 s, 4 s, 8 s, 16 s, 32 s apart), long enough for an out-of-order create to arrive.
 */
export const INBOX_MAX_ATTEMPTS = 6;

export type TProcessOutcome = 'processed' | 'skipped' | 'failed' | 'missing';

/**
 * Turns a raw stored payload of one channel into channel events (none when the callback means
 * nothing to Pond). May call the channel's API (outside any transaction); throws `retryLater` or a
 * `ChannelError` that is retryable when the channel is busy, an `AppError` when the payload can
 * never be read.
 */
export type TInboxDecoder = (ctx: Ctx, payload: Record<string, unknown>) => Promise<TChannelEvent[]>;
const decoders = new Map<string, TInboxDecoder>();

/**
 * Registers the decoder of a channel whose events are stored raw (`ingestRawEvent`). Call at boot.
 * @example
 * registerInboxDecoder('wecom', decodeWecomCallback);
 */
export function registerInboxDecoder(channel: string, decoder: TInboxDecoder): void {
  decoders.set(channel, decoder);
}

// Each event type goes to the function of the module that owns what it changes.
async function dispatch(ctx: Ctx, row: { id: number; channel: string }, event: TChannelEvent): Promise<void> {
  const source = row.channel === 'simulator' ? 'sim' : 'wecom';
  switch (event.type) {
    case 'customer.added':
      await applyCustomerAdded(ctx, { inboxEventId: row.id, source, event });
      return;
    case 'customer.deleted_staff':
    case 'staff.deleted_customer':
      await applyFollowDeleted(ctx, { source, event });
      return;
    case 'customer.updated':
      await applyCustomerUpdated(ctx, { event });
      return;
    case 'customer.tags_marked':
      await applyTagsMarked(ctx, { source, event });
      return;
    case 'group.created':
    case 'group.updated':
    case 'group.dismissed':
    case 'group.member_joined':
    case 'group.member_left':
      await applyGroupEvent(ctx, { source, event });
      return;
    case 'message':
      await applyMessageEvent(ctx, { source, event });
      return;
    case 'tag.changed':
      // Corp tag definitions are synced from WeCom's tag list with the WeCom channel (get_corp_tag_list);
      // until then the event is only recorded.
      ctx.log.info(
        { externalId: event.externalId, change: event.change },
        'tag.changed recorded; tag sync comes with the WeCom channel',
      );
      return;
  }
}

/**
 * The inbox dispatcher (the `inbox.process` job): applies one stored event through its module's
 * function and marks the row processed in the same transaction, so a crash or a retry never
 * applies it twice and never half. A row already processed (or failed) is skipped; two workers on
 * the same row take turns on its lock. On error the transaction rolls back and the attempt is
 * recorded with the error text: `retryLater` errors and unexpected ones are retried (this throws,
 * and the queue runs it again) until `INBOX_MAX_ATTEMPTS`; other `AppError`s — an unknown staff
 * member, an unreadable payload — fail the row at once.
 * @example
 * await processInboxEvent(deps, { tenantId, inboxEventId });
 */
export async function processInboxEvent(deps: Deps, input: { tenantId: number; inboxEventId: number }): Promise<TProcessOutcome> {
  const ctx = withActor(deps, systemActor(input.tenantId));
  const where = and(eq(inboxEvents.tenantId, input.tenantId), eq(inboxEvents.id, input.inboxEventId));
  try {
    // A raw payload is decoded first, outside the transaction (the decoder may call the channel).
    let decoded: TChannelEvent[] | null = null;
    const [peek] = await deps.db
      .select({ channel: inboxEvents.channel, status: inboxEvents.status, payload: inboxEvents.payload })
      .from(inboxEvents)
      .where(where);
    if (!peek) return 'missing';
    if (peek.status !== 'pending') return 'skipped';
    const decoder = decoders.get(peek.channel);
    if (decoder) decoded = await decoder(ctx, peek.payload);
    const outcome = await deps.db.transaction(async (tx): Promise<TProcessOutcome | { unreadable: string }> => {
      const tctx: Ctx = { ...ctx, tx };
      const [row] = await tx.select().from(inboxEvents).where(where).for('update');
      if (!row) return 'missing';
      if (row.status !== 'pending') return 'skipped';
      let events = decoded;
      if (!events) {
        const parsed = ZChannelEvent.safeParse(row.payload);
        if (!parsed.success) return { unreadable: `Unreadable payload: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
        events = [parsed.data];
      }
      for (const event of events) await dispatch(tctx, row, event);
      await tx
        .update(inboxEvents)
        .set({ status: 'processed', processedAt: deps.now(), attempts: sql`${inboxEvents.attempts} + 1`, error: null })
        .where(where);
      return 'processed';
    });
    if (typeof outcome === 'string') return outcome;
    await deps.db
      .update(inboxEvents)
      .set({ status: 'failed', attempts: sql`${inboxEvents.attempts} + 1`, error: outcome.unreadable })
      .where(and(where, eq(inboxEvents.status, 'pending')));
    return 'failed';
  } catch (error) {
    const retry = isRetryable(error);
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const [row] = await deps.db
      .update(inboxEvents)
      .set({
        attempts: sql`${inboxEvents.attempts} + 1`,
        error: message,
        status: retry
          ? sql`case when ${inboxEvents.attempts} + 1 >= ${INBOX_MAX_ATTEMPTS} then 'failed' else 'pending' end`
          : 'failed',
      })
      .where(and(where, eq(inboxEvents.status, 'pending')))
      .returning({ status: inboxEvents.status, attempts: inboxEvents.attempts });
    deps.log.warn(
      { tenantId: input.tenantId, inboxEventId: input.inboxEventId, attempts: row?.attempts, retry, err: message },
      'inbox event failed',
    );
    if (row?.status === 'pending') throw error;
    return 'failed';
  }
}
