import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';
import type { TContentRef } from '../materials/content-ref.ts';

/** One keyword of a rule, as stored: `exact` is the whole message, `contains` anywhere in it. */
export type TStoredKeyword = { text: string; mode: 'exact' | 'contains' };

/**
 * Where a rule answers. Private chats: with a staff member of `storeIds` (any store when empty).
 * Groups: see `inKeywordScope` in keyword-rules.ts (listed groups, or groups of the stores/kinds).
 */
export type TKeywordScope = {
  private: boolean;
  groups: boolean;
  storeIds: number[];
  groupIds: number[];
  // Group kinds ('store' | 'vip' | 'activity' | 'other'), the only labels groups carry.
  groupKinds: string[];
};

/** An auto-reply rule (关键词回复): keywords → one reply, in its scope, hours and cooldown. */
export const keywordRules = pgTable(
  'keyword_rules',
  {
    tenantId: tenantId(),
    id: identityId(),
    name: text('name').notNull(),
    // 1..50 keywords; compared after normalizeKeywordText (NFKC, lower case, collapsed spaces).
    keywords: jsonb('keywords').$type<TStoredKeyword[]>().notNull(),
    scope: jsonb('scope').$type<TKeywordScope>().notNull(),
    // The reply, resolved with resolveContent when it is sent.
    content: jsonb('content').$type<TContentRef>().notNull(),
    // At most one reply per rule and group (or customer, in private chats) within this many seconds.
    cooldownSeconds: integer('cooldown_seconds').notNull().default(60),
    // Local times 'HH:MM' (Asia/Shanghai); both null = always. from > to wraps past midnight.
    activeFrom: text('active_from'),
    activeTo: text('active_to'),
    // Higher wins: one reply per message, from the best matching rule in scope.
    priority: integer('priority').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    // Replies sent (outcome 'replied'), kept on the rule for the list.
    hitCount: integer('hit_count').notNull().default(0),
    lastHitAt: ts('last_hit_at'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/**
 * The tenant's rule-set version, bumped in the transaction of every rule change. Every process
 * compares it with the version of its cached automaton before matching, so a change made by another
 * process is seen by the next message.
 */
export const keywordRuleVersions = pgTable('keyword_rule_versions', {
  tenantId: tenantId().primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

/** What a rule did with a message: one row per (rule, message), so a redelivery never replies twice. */
export const keywordReplyHits = pgTable(
  'keyword_reply_hits',
  {
    tenantId: tenantId(),
    id: identityId(),
    ruleId: ref('rule_id').notNull(),
    messageId: ref('message_id').notNull(),
    // 'group' | 'private'
    conversation: text('conversation').notNull(),
    // The group (group chats), or null.
    groupId: ref('group_id'),
    // The customer who said it; in private chats also the staff member spoken to.
    customerId: ref('customer_id'),
    staffId: ref('staff_id'),
    // 'replied' | 'cooldown' | 'outside_hours' | 'failed' (content could not be resolved)
    outcome: text('outcome').notNull(),
    // The outbound action of a reply.
    actionId: ref('action_id'),
    // When the message was said.
    at: ts('at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('keyword_reply_hits_message_uq').on(t.tenantId, t.ruleId, t.messageId),
    // Cooldown: the latest reply of a rule in a group / to a customer.
    index('keyword_reply_hits_group_idx').on(t.tenantId, t.ruleId, t.groupId, t.at),
    index('keyword_reply_hits_customer_idx').on(t.tenantId, t.ruleId, t.customerId, t.at),
  ],
);
