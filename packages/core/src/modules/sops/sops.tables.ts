import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';

/** A column of a group SOP calendar (栏目), e.g. 每日好物, with the colour the console shows it in. */
export type TSopColumn = { name: string; color: string };

/**
 * A group SOP calendar (社群 SOP 日历): columns on a daily or weekly timeline, applied to groups.
 * Its items are materialised into `sop_plan_steps` for every target group, `horizon_days` ahead.
 */
export const sopCalendars = pgTable(
  'sop_calendars',
  {
    tenantId: tenantId(),
    id: identityId(),
    name: text('name').notNull(),
    // 'daily' (every item runs every day) | 'weekly' (each item on its weekday)
    timeline: text('timeline').notNull().default('weekly'),
    columns: jsonb('columns').$type<TSopColumn[]>().notNull().default([]),
    // Targets, a union: groups of these stores, of these kinds (the group's tag), and these groups.
    targetStoreIds: jsonb('target_store_ids').$type<number[]>().notNull().default([]),
    targetGroupKinds: jsonb('target_group_kinds').$type<string[]>().notNull().default([]),
    targetGroupIds: jsonb('target_group_ids').$type<number[]>().notNull().default([]),
    // 'auto': post into the group directly where the channel allows it, else a task for the owner;
    // 'task': always a task for the group owner.
    delivery: text('delivery').notNull().default('task'),
    // How many days ahead plans are kept materialised (the daily job rolls them forward).
    horizonDays: integer('horizon_days').notNull().default(7),
    // 'active' | 'paused'
    status: text('status').notNull().default('active'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
    // Last time the calendar was applied to its groups.
    appliedAt: ts('applied_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('sop_calendars_status_idx').on(t.tenantId, t.status)],
);

/** One slot of a calendar: a column's content at a time of day, every day or on one weekday. */
export const sopCalendarItems = pgTable(
  'sop_calendar_items',
  {
    tenantId: tenantId(),
    id: identityId(),
    calendarId: ref('calendar_id').notNull(),
    // The column's name (one of the calendar's columns).
    column: text('column').notNull(),
    // ISO weekday 1 (Monday) … 7 (Sunday) on a weekly timeline; null on a daily one (every day).
    weekday: integer('weekday'),
    // Local time 'HH:mm' in Asia/Shanghai.
    time: text('time').notNull(),
    title: text('title').notNull(),
    // A TContentRef (materials/content-ref.ts).
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('sop_calendar_items_calendar_idx').on(t.tenantId, t.calendarId)],
);

/** A customer journey SOP (1 对 1 客户旅程): steps at day offsets after an anchor (the add, or an enrolment). */
export const sopJourneys = pgTable(
  'sop_journeys',
  {
    tenantId: tenantId(),
    id: identityId(),
    name: text('name').notNull(),
    // 'customer_added' (enrolled by every add, optionally only adds whose state starts with
    // `state_prefix`) | 'enrollment' (enrolled by the API or an automation)
    trigger: text('trigger').notNull(),
    statePrefix: text('state_prefix'),
    // Only customers new to the brand with this add (not re-adds or a second staff member).
    newCustomersOnly: boolean('new_customers_only').notNull().default(false),
    // 'active' | 'paused'
    status: text('status').notNull().default('active'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('sop_journeys_trigger_idx').on(t.tenantId, t.trigger, t.status)],
);

/** One step of a journey: day offset (0 = the anchor's day) and time of day, an optional condition, content. */
export const sopJourneySteps = pgTable(
  'sop_journey_steps',
  {
    tenantId: tenantId(),
    id: identityId(),
    journeyId: ref('journey_id').notNull(),
    dayOffset: integer('day_offset').notNull(),
    // Local 'HH:mm' (Asia/Shanghai); null = the anchor's own time of day.
    time: text('time'),
    title: text('title').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    // An audience expression the customer must match at due time; null = always.
    condition: jsonb('condition').$type<Record<string, unknown> | null>(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('sop_journey_steps_journey_idx').on(t.tenantId, t.journeyId)],
);

/** A customer's enrolment in a journey, once per (journey, source key). */
export const sopJourneyEnrollments = pgTable(
  'sop_journey_enrollments',
  {
    tenantId: tenantId(),
    id: identityId(),
    journeyId: ref('journey_id').notNull(),
    customerId: ref('customer_id').notNull(),
    // Day 0 and the reference time of day (the add, or the event that enrolled the customer).
    anchorAt: ts('anchor_at').notNull(),
    // What enrolled the customer, e.g. `customer.added:<inboxEventId>` or `automation:<runId>`.
    sourceKey: text('source_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('sop_journey_enrollments_source_uq').on(t.tenantId, t.journeyId, t.sourceKey),
    index('sop_journey_enrollments_customer_idx').on(t.tenantId, t.customerId),
  ],
);

/**
 * The persisted plan: one dated step per target (group or customer) × source step × date, which
 * operators see and edit, and the due job turns into a guide task or a send.
 */
export const sopPlanSteps = pgTable(
  'sop_plan_steps',
  {
    tenantId: tenantId(),
    id: identityId(),
    // 'calendar' | 'journey', and its id.
    planKind: text('plan_kind').notNull(),
    planId: ref('plan_id').notNull(),
    // The calendar item or journey step this came from.
    sourceStepId: ref('source_step_id').notNull(),
    // 'group' | 'customer', and its id.
    targetKind: text('target_kind').notNull(),
    targetId: ref('target_id').notNull(),
    enrollmentId: ref('enrollment_id'),
    // The calendar column (calendar steps).
    column: text('column'),
    title: text('title').notNull(),
    // The local date (Asia/Shanghai) the step belongs to, and when it is due.
    planDate: date('plan_date', { mode: 'string' }).notNull(),
    dueAt: ts('due_at').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    condition: jsonb('condition').$type<Record<string, unknown> | null>(),
    // Who is expected to do it (group owner / serving staff) and their store, for progress; set
    // when planned and refreshed when due.
    staffId: ref('staff_id'),
    storeId: ref('store_id'),
    // 'planned' | 'due' (being processed) | 'task_created' | 'sent' | 'done' | 'skipped' | 'cancelled'
    status: text('status').notNull().default('planned'),
    // Why skipped: 'operator' | 'condition' | 'no_staff' | 'no_target' | 'paused'
    skipReason: text('skip_reason'),
    taskId: ref('task_id'),
    actionId: ref('action_id'),
    // An operator changed time or content: re-applying the calendar leaves it alone.
    edited: boolean('edited').notNull().default(false),
    // The apply run that last wrote it (steps an apply did not touch are cancelled).
    appliedAt: ts('applied_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
    doneAt: ts('done_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('sop_plan_steps_uq').on(t.tenantId, t.planKind, t.sourceStepId, t.targetKind, t.targetId, t.planDate),
    index('sop_plan_steps_due_idx').on(t.dueAt).where(sql`${t.status} = 'planned'`),
    index('sop_plan_steps_target_idx').on(t.tenantId, t.targetKind, t.targetId, t.planDate),
    index('sop_plan_steps_plan_idx').on(t.tenantId, t.planKind, t.planId, t.dueAt),
  ],
);
