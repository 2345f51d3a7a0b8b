import { index, integer, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';

/**
 * A broadcast (群发): one message to an audience of customers (through staff-confirmed mass tasks,
 * as WeCom requires) or to customer groups, now or at a time, with frequency caps, quiet hours and
 * an optional control group. Planning writes one `broadcast_recipients` row per recipient and one
 * `broadcast_tasks` row per (staff member, chunk of ≤ 10,000 targets).
 */
export const broadcasts = pgTable(
  'broadcasts',
  {
    tenantId: tenantId(),
    id: identityId(),
    name: text('name').notNull(),
    // 'customers' | 'groups'
    target: text('target').notNull(),
    // Customers: the saved audience it was built from (if any); its expression is copied to `audience`.
    audienceId: ref('audience_id'),
    // Customers: the audience expression (ZAudienceExpression); re-evaluated once, when planning.
    audience: jsonb('audience').$type<Record<string, unknown> | null>(),
    // Groups: { groupIds?: number[], storeIds?: number[], kinds?: string[] } — groups matching any listed id/store/kind.
    groupFilter: jsonb('group_filter').$type<Record<string, unknown> | null>(),
    // What is sent: a TContentRef (materials/content-ref.ts), resolved per staff member when planning.
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    // When to send; null = as soon as it is sent. A time inside quiet hours waits for their end.
    sendAt: ts('send_at'),
    // 'draft' | 'scheduled' | 'planning' | 'sending' | 'sent' | 'cancelled' | 'failed'
    status: text('status').notNull().default('draft'),
    // Per-customer caps over all broadcasts (queued or sent), on top of WeCom's monthly cap.
    capPerDay: smallint('cap_per_day').notNull().default(1),
    capPerWeek: smallint('cap_per_week').notNull().default(3),
    // Quiet hours in the tenant's time zone, 'HH:MM'; equal start and end = none.
    quietStart: text('quiet_start').notNull().default('21:30'),
    quietEnd: text('quiet_end').notNull().default('09:00'),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    // Control group share in percent (0–50): recipients hashed below it are held out, never sent.
    holdoutPercent: smallint('holdout_percent').notNull().default(0),
    // Counters refreshed by planning and by the results job (the recipient rows are the truth).
    audienceCount: integer('audience_count').notNull().default(0),
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    // Set in the transaction that inserted every recipient row: a re-run planning skips to the tasks.
    recipientsAt: ts('recipients_at'),
    // When the planning began (a sweep restarts a planning stuck longer than its lease).
    planningAt: ts('planning_at'),
    plannedAt: ts('planned_at'),
    completedAt: ts('completed_at'),
    cancelledAt: ts('cancelled_at'),
    error: text('error'),
    createdByAccountId: ref('created_by_account_id'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('broadcasts_status_idx').on(t.tenantId, t.status),
    // Caps: the broadcasts whose recipients were written in the last week.
    index('broadcasts_recipients_at_idx').on(t.tenantId, t.recipientsAt),
  ],
);

/**
 * One row per (broadcast, recipient), never two: a re-run planning or a retried send cannot add
 * or skip anyone. The row is what was sent to whom, through which staff member's task.
 */
export const broadcastRecipients = pgTable(
  'broadcast_recipients',
  {
    tenantId: tenantId(),
    broadcastId: ref('broadcast_id').notNull(),
    // A customer id (target 'customers') or a group id (target 'groups').
    recipientId: ref('recipient_id').notNull(),
    // The WeCom id the task targets: external_userid or chat_id (null when unreachable).
    externalId: text('external_id'),
    // The serving staff member (customers) or the group owner (groups); null = no current follow.
    staffId: ref('staff_id'),
    storeId: ref('store_id'),
    // 'queued' (in its staff member's mass task) | 'held_out' | 'capped' | 'not_friend' | 'sent' |
    // 'over_limit' (WeCom's monthly cap) | 'unconfirmed' (staff did not confirm in time) | 'failed'
    status: text('status').notNull(),
    plannedAt: ts('planned_at').notNull(),
    resultAt: ts('result_at'),
  },
  (t) => [
    // The only index: caps read the rows of the last week's broadcasts through it, tasks and
    // results scan one broadcast's rows. A second index (by time, by staff member) tripled the
    // time to insert a million rows in the benchmark.
    primaryKey({ columns: [t.tenantId, t.broadcastId, t.recipientId] }),
  ],
);

/** One mass task per (broadcast, staff member, chunk of ≤ 10,000 targets), sent through the outbox. */
export const broadcastTasks = pgTable(
  'broadcast_tasks',
  {
    tenantId: tenantId(),
    id: identityId(),
    broadcastId: ref('broadcast_id').notNull(),
    staffId: ref('staff_id').notNull(),
    chunk: integer('chunk').notNull(),
    // The chunk's recipients: this staff member's queued rows with recipient ids in [first, last].
    firstRecipientId: ref('first_recipient_id').notNull(),
    lastRecipientId: ref('last_recipient_id').notNull(),
    targets: integer('targets').notNull(),
    // The outbox action (key `broadcast:<id>:staff:<staffId>:<chunk>`) and, once sent, the task's msgid.
    actionId: ref('action_id'),
    msgId: text('msg_id'),
    // 'pending' | 'queued' (action enqueued) | 'waiting' (created, staff to confirm) | 'done' (results applied)
    status: text('status').notNull().default('pending'),
    // Last poll of the channel's result.
    polledAt: ts('polled_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('broadcast_tasks_chunk_uq').on(t.tenantId, t.broadcastId, t.staffId, t.chunk),
  ],
);
