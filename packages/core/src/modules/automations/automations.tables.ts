import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';
import type { TAutomationAction, TAutomationConditions, TAutomationTrigger } from './automations.schemas.ts';

/** An automation rule (自动化规则): a trigger, conditions and an ordered list of actions. */
export const automations = pgTable(
  'automations',
  {
    tenantId: tenantId(),
    id: identityId(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    enabled: boolean('enabled').notNull().default(false),
    // trigger.type, copied out so an event finds its rules by index.
    triggerType: text('trigger_type').notNull(),
    trigger: jsonb('trigger').$type<TAutomationTrigger>().notNull(),
    conditions: jsonb('conditions').$type<TAutomationConditions>().notNull().default({}),
    actions: jsonb('actions').$type<TAutomationAction[]>().notNull(),
    // The loop guard: the rule runs at most once per customer within this window.
    loopWindowMinutes: integer('loop_window_minutes').notNull().default(1440),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
    // Soft delete: the runs log keeps pointing at the rule.
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('automations_trigger_idx').on(t.tenantId, t.triggerType).where(sql`${t.enabled} and ${t.deletedAt} is null`),
  ],
);

/**
 * One run of a rule for one trigger event and customer. The unique key makes a redelivered event
 * (or a repeated sweep) run a rule once. Actions run in order from `next_action`; each action's side
 * effect is idempotent by a key derived from the run id and the action index.
 */
export const automationRuns = pgTable(
  'automation_runs',
  {
    tenantId: tenantId(),
    id: identityId(),
    automationId: ref('automation_id').notNull(),
    customerId: ref('customer_id').notNull(),
    // Identifies the trigger event, e.g. 'order.paid:42', 'inactive:30:2026-03-01T…'.
    eventKey: text('event_key').notNull(),
    // The trigger type and the event's facts the rule saw (amount, group, staff, live code…).
    eventType: text('event_type').notNull(),
    event: jsonb('event').$type<Record<string, unknown>>().notNull().default({}),
    // 'matched' (actions queued) | 'skipped' | 'waiting' | 'done' | 'failed'
    status: text('status').notNull(),
    // Why it was skipped or failed (a reason code, or the error message).
    reason: text('reason'),
    // The rule's actions when the run matched: an edit of the rule does not change a waiting run.
    actions: jsonb('actions').$type<TAutomationAction[]>(),
    // Index of the next action to run (after a wait: the one after the wait).
    nextAction: integer('next_action').notNull().default(0),
    actionsDone: integer('actions_done').notNull().default(0),
    // One entry per action run: { index, type, result }.
    results: jsonb('results').$type<{ index: number; type: string; result: string }[]>().notNull().default([]),
    // When a waiting run continues.
    resumeAt: ts('resume_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('automation_runs_event_uq').on(t.tenantId, t.automationId, t.eventKey, t.customerId),
    index('automation_runs_rule_idx').on(t.tenantId, t.automationId, t.id),
    // The per-customer hourly cap counts a customer's recent runs.
    index('automation_runs_customer_idx').on(t.tenantId, t.customerId, t.createdAt),
  ],
);

/** The loop guard: when a rule last ran on a customer (claimed by one conditional upsert). */
export const automationGuards = pgTable(
  'automation_guards',
  {
    tenantId: tenantId(),
    automationId: ref('automation_id').notNull(),
    customerId: ref('customer_id').notNull(),
    lastRunAt: ts('last_run_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.automationId, t.customerId] })],
);

/**
 * A customer's latest engagement (message, order, add, group join), kept by this module's event
 * subscribers for the inactivity trigger.
 */
export const automationActivity = pgTable(
  'automation_activity',
  {
    tenantId: tenantId(),
    customerId: ref('customer_id').notNull(),
    lastActiveAt: ts('last_active_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.customerId] }),
    index('automation_activity_last_idx').on(t.tenantId, t.lastActiveAt),
  ],
);
