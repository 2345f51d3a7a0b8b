import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';
import { tenants } from '../org/org.tables.ts';

/**
 * A tenant's WeCom connection (one corp per tenant for now). Secrets are sealed with POND_SECRET
 * (AES-256-GCM, `deps.sealer`) and never returned: the API shows only their last 4 characters.
 */
export const wecomConnections = pgTable(
  'wecom_connections',
  {
    tenantId: bigint('tenant_id', { mode: 'number' }).primaryKey(),
    corpId: text('corp_id').notNull(),
    // 客户联系 secret: customers, follows, tags, groups, mass sends, moments, transfers, statistics.
    contactSecretSealed: text('contact_secret_sealed').notNull(),
    contactSecretLast4: text('contact_secret_last4').notNull(),
    // Self-built app for the sidebar (JS-SDK agentConfig); optional.
    agentId: text('agent_id'),
    appSecretSealed: text('app_secret_sealed'),
    appSecretLast4: text('app_secret_last4'),
    // Callback Token and EncodingAESKey, set in WeCom's admin for the callback URL.
    callbackTokenSealed: text('callback_token_sealed').notNull(),
    callbackTokenLast4: text('callback_token_last4').notNull(),
    aesKeySealed: text('aes_key_sealed').notNull(),
    aesKeyLast4: text('aes_key_last4').notNull(),
    // Bumped on every save: caches of the connection (clients, tokens) are keyed by it.
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: ref('updated_by'),
    // The last "Test connection": when, whether it passed, and the step-by-step report.
    lastTestAt: ts('last_test_at'),
    lastTestOk: boolean('last_test_ok'),
    lastTestReport: jsonb('last_test_report').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] })],
);

/**
 * One import or reconcile of Pond's data against WeCom. Resumable: `phase` and `cursor` say where
 * it stopped; a job picking the run up again continues from there. At most one running per tenant.
 */
export const wecomSyncRuns = pgTable(
  'wecom_sync_runs',
  {
    tenantId: tenantId(),
    id: identityId(),
    // 'import' (first connection) | 'reconcile' (nightly, or on demand)
    kind: text('kind').notNull(),
    // 'running' | 'done' | 'failed' | 'cancelled'
    status: text('status').notNull().default('running'),
    // 'staff' | 'tags' | 'customers' | 'groups' | 'done'
    phase: text('phase').notNull().default('staff'),
    // Where the phase stands: { staffIndex, nextCursor, ... } — whatever the phase needs to resume.
    cursor: jsonb('cursor').$type<Record<string, unknown>>().notNull().default({}),
    // Per phase: { seen, created, updated, unchanged, removed }.
    counts: jsonb('counts').$type<Record<string, Record<string, number>>>().notNull().default({}),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    startedBy: ref('started_by'),
    startedAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('wecom_sync_runs_running_uq').on(t.tenantId).where(sql`${t.status} = 'running'`),
    index('wecom_sync_runs_recent_idx').on(t.tenantId, t.startedAt),
  ],
);

/** get_user_behavior_data, one row per staff member and day (Asia/Shanghai). */
export const wecomStaffDailyStats = pgTable(
  'wecom_staff_daily_stats',
  {
    tenantId: tenantId(),
    id: identityId(),
    day: date('day', { mode: 'string' }).notNull(),
    staffUserId: text('staff_user_id').notNull(),
    newApplyCnt: integer('new_apply_cnt').notNull().default(0),
    newContactCnt: integer('new_contact_cnt').notNull().default(0),
    chatCnt: integer('chat_cnt').notNull().default(0),
    messageCnt: integer('message_cnt').notNull().default(0),
    // Percent 0–100, as WeCom reports it; null when WeCom reports none.
    replyPercentage: doublePrecision('reply_percentage'),
    // Minutes.
    avgReplyTime: doublePrecision('avg_reply_time'),
    negativeFeedbackCnt: integer('negative_feedback_cnt').notNull().default(0),
    raw: jsonb('raw').$type<Record<string, unknown>>().notNull(),
    pulledAt: ts('pulled_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('wecom_staff_daily_stats_uq').on(t.tenantId, t.day, t.staffUserId),
  ],
);

/** groupchat/statistic (by owner), one row per owner and day. */
export const wecomGroupDailyStats = pgTable(
  'wecom_group_daily_stats',
  {
    tenantId: tenantId(),
    id: identityId(),
    day: date('day', { mode: 'string' }).notNull(),
    ownerUserId: text('owner_user_id').notNull(),
    newChatCnt: integer('new_chat_cnt').notNull().default(0),
    chatTotal: integer('chat_total').notNull().default(0),
    chatHasMsg: integer('chat_has_msg').notNull().default(0),
    newMemberCnt: integer('new_member_cnt').notNull().default(0),
    memberTotal: integer('member_total').notNull().default(0),
    memberHasMsg: integer('member_has_msg').notNull().default(0),
    msgTotal: integer('msg_total').notNull().default(0),
    raw: jsonb('raw').$type<Record<string, unknown>>().notNull(),
    pulledAt: ts('pulled_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('wecom_group_daily_stats_uq').on(t.tenantId, t.day, t.ownerUserId),
  ],
);
