import { type Channel, ChannelError, type TMessageContent } from '@pond/channels';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import { type Ctx, type Deps, systemActor, withActor } from '../../context.ts';
import { getCustomerRefByExternalId } from '../customers/customer-refs.ts';
import { getGroupRefByChatId } from '../groups/group-refs.ts';
import { recordMessage } from '../groups/record-message.ts';
import { getStaffByWecomUserId } from '../org/lookups.ts';
import { type TOutboundAction, ZOutboundAction } from './outbox.schemas.ts';
import { outboundActions } from './outbox.tables.ts';

/** Attempts before an action is recorded as failed: the first run plus the queue's 5 retries. */
export const OUTBOX_MAX_ATTEMPTS = 6;
/**
 * How long a worker's claim holds. A claim older than this belongs to a worker that died mid-send;
 * another may take the action over (and repeats the idempotency key, so nothing goes out twice
 * where the channel dedupes). Longer than any channel call, shorter than the queue's job expiry.
 */
export const OUTBOX_CLAIM_LEASE_MS = 5 * 60_000;

export type TSendOutcome = 'sent' | 'failed' | 'expired' | 'skipped' | 'missing';

// One channel call per kind; returns the channel's id for what it created, if any.
async function callChannel(
  channel: Channel,
  tenantId: number,
  idempotencyKey: string,
  action: TOutboundAction,
): Promise<string | null> {
  switch (action.kind) {
    case 'welcome':
      await channel.sendWelcome({
        tenantId,
        welcomeCode: action.payload.welcomeCode,
        content: action.payload.content,
        idempotencyKey,
      });
      return null;
    case 'private_message':
      return (
        await channel.sendPrivateMessage({
          tenantId,
          staffUserId: action.payload.staffUserId,
          externalUserId: action.payload.externalUserId,
          content: action.payload.content,
          idempotencyKey,
        })
      ).msgId;
    case 'group_message':
      return (
        await channel.sendGroupMessage({
          tenantId,
          chatId: action.payload.chatId,
          content: action.payload.content,
          idempotencyKey,
        })
      ).msgId;
    case 'mass_task':
      return (await channel.createMassTask({ tenantId, ...action.payload, idempotencyKey })).msgId;
    case 'mark_tags':
      await channel.markTags({ tenantId, ...action.payload, idempotencyKey });
      return null;
    case 'remark':
      await channel.setRemark({ tenantId, ...action.payload, idempotencyKey });
      return null;
    case 'create_group':
      return (await channel.createGroup({ tenantId, ...action.payload, idempotencyKey })).chatId;
    case 'update_group':
      await channel.updateGroup({ tenantId, ...action.payload, idempotencyKey });
      return null;
    case 'moment':
      return (
        await channel.createMomentTask({
          tenantId,
          staffUserIds: action.payload.staffUserIds,
          content: action.payload.content,
          idempotencyKey,
        })
      ).momentId;
  }
}

// The text Pond keeps of what it sent (attachments go as separate messages; the row keeps a summary).
function summary(content: TMessageContent): { msgType: string; content: string } {
  const extra = content.attachments.length ? ` [+${content.attachments.length}]` : '';
  if (content.text) return { msgType: 'text', content: `${content.text}${extra}` };
  const first = content.attachments[0];
  return {
    msgType: first?.type ?? 'text',
    content: `[${first?.type ?? 'message'}]${content.attachments.length > 1 ? ` [+${content.attachments.length - 1}]` : ''}`,
  };
}

// API writes produce no callback, so Pond records its own messages (sender 'pond').
async function recordSent(ctx: Ctx, actionId: number, action: TOutboundAction, at: Date): Promise<void> {
  const externalMsgId = `outbound:${actionId}`;
  if (action.kind === 'welcome' || action.kind === 'private_message') {
    const p = action.payload;
    const customerId = p.customerId ?? (await getCustomerRefByExternalId(ctx, p.externalUserId))?.id ?? null;
    const staffId = p.staffId ?? (await getStaffByWecomUserId(ctx, p.staffUserId))?.id ?? null;
    await recordMessage(ctx, {
      externalMsgId,
      conversation: 'private',
      customerId,
      staffId,
      senderType: 'pond',
      sentAt: at,
      ...summary(p.content),
    });
  } else if (action.kind === 'group_message') {
    const group = action.payload.groupId ? null : await getGroupRefByChatId(ctx, action.payload.chatId);
    await recordMessage(ctx, {
      externalMsgId,
      conversation: 'group',
      groupId: action.payload.groupId ?? group?.id ?? null,
      senderType: 'pond',
      sentAt: at,
      ...summary(action.payload.content),
    });
  }
}

/**
 * The `outbox.send` job: claims the action (a conditional update `pending → sending`, or taking
 * over a claim whose lease ran out), calls the tenant's channel with the action's idempotency key,
 * then marks it `sent` (with the channel's id) and records the message Pond sent, in one
 * transaction. A non-retryable channel error ends it: `expired` for a welcome code past its 20 s
 * (never retried), `failed` otherwise. A retryable error — or an unknown outcome, such as a crash
 * inside the call — releases the claim and throws, so the queue retries with the same key; the
 * simulator answers a repeated key with the first result, so a retry never sends twice.
 * @example
 * await sendAction(deps, { tenantId, actionId });
 */
export async function sendAction(deps: Deps, input: { tenantId: number; actionId: number }): Promise<TSendOutcome> {
  const ctx = withActor(deps, systemActor(input.tenantId));
  const where = and(eq(outboundActions.tenantId, input.tenantId), eq(outboundActions.id, input.actionId));
  const claimedAt = deps.now();
  const leaseEnd = new Date(claimedAt.getTime() - OUTBOX_CLAIM_LEASE_MS);
  const [claimed] = await deps.db
    .update(outboundActions)
    .set({ status: 'sending', attempts: sql`${outboundActions.attempts} + 1`, claimedAt })
    .where(
      and(
        where,
        or(
          eq(outboundActions.status, 'pending'),
          and(eq(outboundActions.status, 'sending'), lt(outboundActions.claimedAt, leaseEnd)),
        ),
      ),
    )
    .returning();
  if (!claimed) {
    const [row] = await deps.db.select({ status: outboundActions.status }).from(outboundActions).where(where);
    if (!row) return 'missing';
    // Another worker holds it: try again later, by when it is sent or its claim has lapsed.
    if (row.status === 'sending')
      throw new Error(`Outbound action ${input.actionId} is being sent by another worker; retrying later.`);
    return 'skipped';
  }
  // Only the claim this attempt made may settle the row (a later taker has a higher attempt count).
  const ours = and(where, eq(outboundActions.status, 'sending'), eq(outboundActions.attempts, claimed.attempts));
  const settle = async (status: 'pending' | 'failed' | 'expired', error: string) => {
    await deps.db
      .update(outboundActions)
      .set({ status, error: error.slice(0, 2000), claimedAt: null })
      .where(ours);
  };

  const parsed = ZOutboundAction.safeParse({ kind: claimed.kind, payload: claimed.payload });
  if (!parsed.success) {
    await settle('failed', `Unreadable action: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return 'failed';
  }
  let externalId: string | null;
  try {
    const channel = await deps.channelFor(input.tenantId);
    externalId = await callChannel(channel, input.tenantId, claimed.idempotencyKey, parsed.data);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ChannelError && !error.retryable) {
      // WELCOME_CODE_EXPIRED: past WeCom's 20 s; retrying can never succeed.
      const status = error.code === 'WELCOME_CODE_EXPIRED' ? 'expired' : 'failed';
      await settle(status, `${error.code}: ${message}`);
      deps.log.warn({ tenantId: input.tenantId, actionId: input.actionId, code: error.code }, `outbound action ${status}`);
      return status;
    }
    const final = claimed.attempts >= OUTBOX_MAX_ATTEMPTS;
    await settle(final ? 'failed' : 'pending', message);
    deps.log.warn(
      { tenantId: input.tenantId, actionId: input.actionId, attempts: claimed.attempts, final },
      'outbound action attempt failed',
    );
    if (final) return 'failed';
    throw error;
  }
  const sentAt = deps.now();
  await deps.db.transaction(async (tx) => {
    const [done] = await tx
      .update(outboundActions)
      .set({ status: 'sent', externalId, sentAt, error: null, claimedAt: null })
      .where(ours)
      .returning({ id: outboundActions.id });
    // A worker that took over after our lease lapsed settles it (and records the message) instead.
    if (done) await recordSent({ ...ctx, tx }, claimed.id, parsed.data, sentAt);
  });
  return 'sent';
}
