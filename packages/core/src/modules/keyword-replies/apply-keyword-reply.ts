import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import type { TDomainEventOf } from '../../events/domain-events.ts';
import { AppError } from '../../lib/errors.ts';
import { getCustomerRef } from '../customers/customer-refs.ts';
import { getGroupRef } from '../groups/group-refs.ts';
import { resolveContent } from '../materials/content-ref.ts';
import { getStaffById } from '../org/lookups.ts';
import { enqueueAction } from '../outbox/enqueue-action.ts';
import { tenantKeywordMatcher } from './keyword-matcher.ts';
import { keywordReplyHits, keywordRules } from './keyword-replies.tables.ts';
import { cooldownPassed, pickKeywordRule, type TConversation } from './keyword-rules.ts';

export type TKeywordReplyOutcome = 'replied' | 'cooldown' | 'outside_hours' | 'failed' | 'duplicate';

/** A signed 64-bit advisory-lock key for `name` (the first 8 bytes of its SHA-256). */
const lockKey = (name: string): string => createHash('sha256').update(name).digest().readBigInt64BE(0).toString();

type TMessageEvent = TDomainEventOf<'group.message'> | TDomainEventOf<'private.message'>;

/** The latest reply of a rule in the group (or to the customer, privately), for its cooldown. */
async function lastReplyAt(ctx: Ctx, ruleId: number, where: { groupId: number } | { customerId: number }): Promise<Date | null> {
  const h = keywordReplyHits;
  const [row] = await dbOf(ctx)
    .select({ at: h.at })
    .from(h)
    .where(
      and(
        eq(h.tenantId, ctx.actor.tenantId),
        eq(h.ruleId, ruleId),
        'groupId' in where
          ? eq(h.groupId, where.groupId)
          : and(eq(h.customerId, where.customerId), eq(h.conversation, 'private')),
        eq(h.outcome, 'replied'),
      ),
    )
    .orderBy(desc(h.at))
    .limit(1);
  return row?.at ?? null;
}

/**
 * A customer's message in a group or a private chat: matched against the tenant's automaton; the
 * best-priority enabled rule in scope and within its hours answers once, unless its cooldown for
 * that group (or customer) has not passed. Staff messages never get an answer, and Pond's own sends
 * produce no message event. Every decision on a matched rule is logged in `keyword_reply_hits`,
 * unique per (rule, message): a redelivered message changes nothing, and the reply's idempotency key
 * `keyword:<ruleId>:<messageId>` makes the send happen once. Runs in the inbox transaction.
 * @example
 * onDomainEvent('group.message', async (ctx, e) => { await applyKeywordReply(ctx, e); });
 */
export async function applyKeywordReply(ctx: Ctx, event: TMessageEvent): Promise<TKeywordReplyOutcome | null> {
  if (event.senderType !== 'customer' || event.customerId === null) return null;
  return inTransaction(ctx, (tctx) => applyInTransaction(tctx, event, event.customerId as number));
}

async function applyInTransaction(ctx: Ctx, event: TMessageEvent, customerId: number): Promise<TKeywordReplyOutcome | null> {
  const matcher = await tenantKeywordMatcher(ctx);
  if (matcher.ruleCount === 0) return null;
  const matched = matcher.candidates(event.content);
  if (matched.length === 0) return null;

  let conversation: TConversation;
  let target:
    | { kind: 'group'; chatId: string; groupId: number; groupName: string }
    | { kind: 'private'; staffUserId: string; staffName: string };
  if (event.type === 'group.message') {
    const group = await getGroupRef(ctx, event.groupId);
    if (group?.status !== 'active') return null;
    conversation = { kind: 'group', groupId: group.id, storeId: group.storeId, groupKind: group.kind };
    target = { kind: 'group', chatId: group.externalChatId, groupId: group.id, groupName: group.name };
  } else {
    const member = await getStaffById(ctx, event.staffId);
    if (!member) return null;
    conversation = { kind: 'private', storeId: member.storeId };
    target = { kind: 'private', staffUserId: member.wecomUserId, staffName: member.name };
  }

  const pick = pickKeywordRule(matched, conversation, event.at, { explain: false });
  const rule = pick.rule;
  if (!rule) return null;

  const db = dbOf(ctx);
  const t = ctx.actor.tenantId;
  const logHit = async (outcome: Exclude<TKeywordReplyOutcome, 'duplicate'>) => {
    const [row] = await db
      .insert(keywordReplyHits)
      .values({
        tenantId: t,
        ruleId: rule.id,
        messageId: event.messageId,
        conversation: conversation.kind,
        groupId: target.kind === 'group' ? target.groupId : null,
        customerId,
        staffId: event.type === 'private.message' ? event.staffId : null,
        outcome,
        at: event.at,
      })
      .onConflictDoNothing()
      .returning({ id: keywordReplyHits.id });
    return row?.id ?? null;
  };

  if (pick.outcome === 'outside_hours') return (await logHit('outside_hours')) ? 'outside_hours' : 'duplicate';
  // Two messages of one group handled at once (two workers) must not both pass the cooldown: the
  // second waits here until the first commits, then reads its reply.
  const cooldownKey = target.kind === 'group' ? `g${target.groupId}` : `c${customerId}`;
  await dbOf(ctx).execute(sql`select pg_advisory_xact_lock(${lockKey(`keyword:${t}:${rule.id}:${cooldownKey}`)}::bigint)`);
  const last = await lastReplyAt(ctx, rule.id, target.kind === 'group' ? { groupId: target.groupId } : { customerId });
  if (!cooldownPassed(last, event.at, rule.cooldownSeconds)) return (await logHit('cooldown')) ? 'cooldown' : 'duplicate';

  const customer = await getCustomerRef(ctx, customerId);
  if (!customer || customer.deleted) return null;
  let content: Awaited<ReturnType<typeof resolveContent>>;
  try {
    content = await resolveContent(ctx, rule.content, {
      customer_name: customer.name,
      ...(target.kind === 'group' ? { group_name: target.groupName } : { staff_name: target.staffName }),
    });
  } catch (error) {
    // A deleted material or script must not block the message (the inbox would retry it forever).
    if (!(error instanceof AppError)) throw error;
    ctx.log.warn({ ruleId: rule.id, messageId: event.messageId, code: error.code }, 'keyword reply content unresolved');
    return (await logHit('failed')) ? 'failed' : 'duplicate';
  }

  // A private reply needs the customer's WeCom id; without it nothing can be sent.
  if (target.kind === 'private' && !customer.externalUserId) return (await logHit('failed')) ? 'failed' : 'duplicate';
  const hitId = await logHit('replied');
  if (hitId === null) return 'duplicate';
  const idempotencyKey = `keyword:${rule.id}:${event.messageId}`;
  let actionId: number;
  try {
    const action =
      target.kind === 'group'
        ? await enqueueAction(ctx, {
            idempotencyKey,
            kind: 'group_message',
            payload: { chatId: target.chatId, groupId: target.groupId, content },
          })
        : await enqueueAction(ctx, {
            idempotencyKey,
            kind: 'private_message',
            payload: {
              staffUserId: target.staffUserId,
              externalUserId: customer.externalUserId ?? '',
              content,
              customerId,
              staffId: event.type === 'private.message' ? event.staffId : undefined,
            },
          });
    actionId = action.actionId;
  } catch (error) {
    // An unsendable reply (e.g. content that renders empty) is validated before any write: log it
    // and let the message through rather than fail the inbox event forever.
    if (!(error instanceof AppError) || error.code !== 'VALIDATION') throw error;
    ctx.log.warn({ ruleId: rule.id, messageId: event.messageId }, 'keyword reply not sendable');
    await db
      .update(keywordReplyHits)
      .set({ outcome: 'failed' })
      .where(and(eq(keywordReplyHits.tenantId, t), eq(keywordReplyHits.id, hitId)));
    return 'failed';
  }
  await db
    .update(keywordReplyHits)
    .set({ actionId })
    .where(and(eq(keywordReplyHits.tenantId, t), eq(keywordReplyHits.id, hitId)));
  await db
    .update(keywordRules)
    .set({ hitCount: sql`${keywordRules.hitCount} + 1`, lastHitAt: event.at })
    .where(and(eq(keywordRules.tenantId, t), eq(keywordRules.id, rule.id)));
  return 'replied';
}
