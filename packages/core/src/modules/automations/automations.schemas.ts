import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';
import { ZAudienceExpression } from '../audiences/audience-expression.ts';
import { ZContentRef } from '../materials/content-ref.ts';
import { ZRewardSpec } from '../rewards/rewards.schemas.ts';

// Automation rules (issue 5 §3): trigger → conditions → ordered actions. Every object is strict, so
// a misspelt field is a 400 naming it instead of a rule that silently does something else.

const ZId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const ZIds = (max = 100) => z.array(ZId).max(max);

export const TRIGGER_TYPES = [
  'customer_added',
  'customer_deleted_staff',
  'group_joined',
  'group_left',
  'message',
  'order_paid',
  'order_refunded',
  'tag_added',
  'tag_removed',
  'inactivity',
  'date_field',
] as const;
export type TTriggerType = (typeof TRIGGER_TYPES)[number];

export const ZAutomationTrigger = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('customer_added'),
        // Added through one of these live codes (state `lc<id>`); empty = any channel.
        liveCodeIds: ZIds(50).default([]),
        // Or through any state starting with this prefix (e.g. 'fi' fission, 'rf' referral).
        statePrefix: z.string().trim().max(32).optional(),
        // Only customers new to the brand (no earlier relation with any staff member).
        newCustomersOnly: z.boolean().default(false),
      })
      .strict(),
    z.object({ type: z.literal('customer_deleted_staff') }).strict(),
    z.object({ type: z.literal('group_joined'), groupIds: ZIds().default([]) }).strict(),
    z.object({ type: z.literal('group_left'), groupIds: ZIds().default([]) }).strict(),
    z
      .object({
        type: z.literal('message'),
        // Messages the customer sends, privately, in groups or both.
        scope: z.enum(['private', 'group', 'any']).default('any'),
        // The message contains this text (case-insensitive); empty = any message.
        keyword: z.string().trim().max(50).optional(),
      })
      .strict(),
    z.object({ type: z.literal('order_paid'), minAmountCents: z.number().int().min(0).max(1e10).default(0) }).strict(),
    z.object({ type: z.literal('order_refunded') }).strict(),
    // Any of these tags was added / removed.
    z.object({ type: z.literal('tag_added'), tagIds: ZIds(50).min(1, 'Pick at least one tag.') }).strict(),
    z.object({ type: z.literal('tag_removed'), tagIds: ZIds(50).min(1, 'Pick at least one tag.') }).strict(),
    // No message, order, group join or add for `days` days (checked by the daily sweep).
    z.object({ type: z.literal('inactivity'), days: z.number().int().min(1).max(365) }).strict(),
    // A custom field of type date (e.g. birthday): fires on the day whose month and day are the
    // field's, `daysBefore` days early (negative: after it), in Asia/Shanghai.
    z
      .object({
        type: z.literal('date_field'),
        fieldKey: z.string().trim().min(1).max(64),
        daysBefore: z.number().int().min(-30).max(30).default(0),
      })
      .strict(),
  ])
  .openapi('AutomationTrigger');
export type TAutomationTrigger = z.infer<typeof ZAutomationTrigger>;
export type TAutomationTriggerInput = z.input<typeof ZAutomationTrigger>;

export const ZAutomationConditions = z
  .object({
    // The customer must be in this audience when the event happens.
    audience: ZAudienceExpression.optional(),
    // Event fields: each given list must contain the event's value.
    minAmountCents: z.number().int().min(0).max(1e10).optional(),
    groupIds: ZIds().optional(),
    staffIds: ZIds().optional(),
    storeIds: ZIds().optional(),
  })
  .strict()
  .openapi('AutomationConditions');
export type TAutomationConditions = z.infer<typeof ZAutomationConditions>;

export const WAIT_UNITS = ['minutes', 'hours', 'days'] as const;

export const ZAutomationAction = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('add_tags'), tagIds: ZIds(20).min(1, 'Pick at least one tag.') }).strict(),
    z.object({ type: z.literal('remove_tags'), tagIds: ZIds(20).min(1, 'Pick at least one tag.') }).strict(),
    // From the customer's serving staff member (their most recent current follow).
    z.object({ type: z.literal('send_private'), content: ZContentRef }).strict(),
    // Into a group; without groupId, into the event's group (join/leave/message triggers).
    z.object({ type: z.literal('send_group'), groupId: ZId.optional(), content: ZContentRef }).strict(),
    z.object({ type: z.literal('enroll_journey'), journeyId: ZId }).strict(),
    z
      .object({
        type: z.literal('create_task'),
        title: z.string().trim().min(1).max(200),
        body: z.string().max(4000).optional(),
        // The serving staff member, or a named one.
        staffId: ZId.optional(),
        dueInHours: z
          .number()
          .int()
          .min(0)
          .max(24 * 90)
          .default(24),
      })
      .strict(),
    z.object({ type: z.literal('grant_reward'), reward: ZRewardSpec }).strict(),
    z.object({ type: z.literal('wait'), amount: z.number().int().min(1).max(10_000), unit: z.enum(WAIT_UNITS) }).strict(),
  ])
  .openapi('AutomationAction');
export type TAutomationAction = z.infer<typeof ZAutomationAction>;
export type TAutomationActionType = TAutomationAction['type'];

const ZActions = z
  .array(ZAutomationAction)
  .min(1, 'A rule needs at least one action.')
  .max(20)
  .superRefine((actions, ctx) => {
    if (actions.at(-1)?.type === 'wait') {
      ctx.addIssue({
        code: 'custom',
        path: [actions.length - 1],
        message: 'A wait must be followed by an action; remove it or add one after it.',
      });
    }
  });

const ruleFields = {
  name: z.string().trim().min(1).max(64),
  description: z.string().trim().max(500).default(''),
  enabled: z.boolean().default(false),
  trigger: ZAutomationTrigger,
  conditions: ZAutomationConditions.default({}),
  actions: ZActions,
  loopWindowMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 365)
    .default(1440),
};

export const ZCreateAutomation = z.object(ruleFields).strict().openapi('CreateAutomation');
export type TCreateAutomation = z.input<typeof ZCreateAutomation>;

export const ZUpdateAutomation = z
  .object({
    name: ruleFields.name,
    description: z.string().trim().max(500),
    enabled: z.boolean(),
    trigger: ZAutomationTrigger,
    conditions: ZAutomationConditions,
    actions: ZActions,
    loopWindowMinutes: ruleFields.loopWindowMinutes,
  })
  .partial()
  .strict()
  .openapi('UpdateAutomation');
export type TUpdateAutomation = z.input<typeof ZUpdateAutomation>;

export const ZAutomation = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    enabled: z.boolean(),
    trigger: ZAutomationTrigger,
    conditions: z.record(z.string(), z.unknown()),
    actions: z.array(ZAutomationAction),
    loopWindowMinutes: z.number().int(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string().nullable(),
    // Runs in all, and runs in the last 24 hours that did their actions.
    runCount: z.number().int(),
    doneLast24h: z.number().int(),
  })
  .openapi('Automation');
export type TAutomation = z.infer<typeof ZAutomation>;

export const ZListAutomationsQuery = ZPageQuery.extend({
  triggerType: z.enum(TRIGGER_TYPES).optional(),
  q: z.string().trim().max(64).optional(),
});
export type TListAutomationsQuery = z.infer<typeof ZListAutomationsQuery>;

export const RUN_STATUSES = ['matched', 'skipped', 'waiting', 'done', 'failed'] as const;
export type TRunStatus = (typeof RUN_STATUSES)[number];

export const ZAutomationRun = z
  .object({
    id: z.number().int(),
    automationId: z.number().int(),
    customerId: z.number().int(),
    customerName: z.string().nullable(),
    eventKey: z.string(),
    eventType: z.string(),
    event: z.record(z.string(), z.unknown()),
    status: z.enum(RUN_STATUSES),
    reason: z.string().nullable(),
    actionsDone: z.number().int(),
    results: z.array(z.object({ index: z.number().int(), type: z.string(), result: z.string() })),
    resumeAt: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('AutomationRun');
export type TAutomationRun = z.infer<typeof ZAutomationRun>;

export const ZListRunsQuery = ZPageQuery.extend({
  status: z.enum(RUN_STATUSES).optional(),
  customerId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type TListRunsQuery = z.infer<typeof ZListRunsQuery>;

export const ZDryRunRequest = z.object({ customerId: ZId }).strict().openapi('AutomationDryRunRequest');

export const ZDryRunResult = z
  .object({
    wouldMatch: z.boolean(),
    // Each check, in order: which (enabled, trigger, event_conditions, audience, loop_guard, hourly_cap),
    // whether it passed (null: checked when the event happens) and why.
    checks: z.array(z.object({ check: z.string(), passed: z.boolean().nullable(), detail: z.string() })),
    actions: z.array(z.object({ index: z.number().int(), type: z.string(), description: z.string() })),
  })
  .openapi('AutomationDryRunResult');
export type TDryRunResult = z.infer<typeof ZDryRunResult>;
