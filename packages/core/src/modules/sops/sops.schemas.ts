import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';
import { ZAudienceExpression } from '../audiences/audience-expression.ts';
import { ZContentRef } from '../materials/content-ref.ts';
import { isCalendarDate, isClockTime, SOP_STEP_STATUSES } from './sop-timing.ts';

export const SOP_TIMELINES = ['daily', 'weekly'] as const;
export const SOP_DELIVERIES = ['auto', 'task'] as const;
export const SOP_PLAN_STATUSES = ['active', 'paused'] as const;
export const SOP_JOURNEY_TRIGGERS = ['customer_added', 'enrollment'] as const;
export const SOP_MAX_ITEMS = 200;
export const SOP_MAX_STEPS = 60;
export const SOP_MAX_HORIZON_DAYS = 60;
/** A journey step runs at most this many days after the anchor. */
export const SOP_MAX_DAY_OFFSET = 365;

const ZClock = z.string().refine(isClockTime, 'a time of day as HH:mm').openapi({ example: '10:00' });
const ZDate = z.string().refine(isCalendarDate, 'a date as YYYY-MM-DD').openapi({ example: '2026-03-02' });
const ZId = z.number().int().positive();
// Stored as is; checked by the audience engine's schema.
const ZCondition = ZAudienceExpression as unknown as z.ZodType<Record<string, unknown>>;
const ZContent = ZContentRef;

export const ZSopColumn = z.object({
  name: z.string().trim().min(1).max(20),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb')
    .default('#1677ff'),
});

export const ZSopCalendarItemInput = z.object({
  // Keep the id to update an item in place (its planned steps keep their ids).
  id: ZId.optional(),
  column: z.string().trim().min(1).max(20),
  // ISO weekday 1 (Mon) … 7 (Sun), required on a weekly timeline; ignored on a daily one.
  weekday: z.number().int().min(1).max(7).nullable().optional(),
  time: ZClock,
  title: z.string().trim().min(1).max(100),
  content: ZContent,
});
export type TSopCalendarItemInput = z.infer<typeof ZSopCalendarItemInput>;

export const ZSopCalendarTargets = z.object({
  storeIds: z.array(ZId).max(500).default([]),
  // The group's kind ('store' | 'vip' | 'activity' | 'other') serves as its tag.
  groupKinds: z.array(z.string().min(1).max(20)).max(10).default([]),
  groupIds: z.array(ZId).max(2000).default([]),
});

export const ZCreateSopCalendar = z
  .object({
    name: z.string().trim().min(1).max(64),
    timeline: z.enum(SOP_TIMELINES).default('weekly'),
    columns: z.array(ZSopColumn).min(1).max(12),
    targets: ZSopCalendarTargets,
    delivery: z.enum(SOP_DELIVERIES).default('task'),
    horizonDays: z.number().int().min(1).max(SOP_MAX_HORIZON_DAYS).default(7),
    status: z.enum(SOP_PLAN_STATUSES).default('active'),
    items: z.array(ZSopCalendarItemInput).max(SOP_MAX_ITEMS).default([]),
  })
  .openapi('CreateSopCalendar');
export type TCreateSopCalendar = z.infer<typeof ZCreateSopCalendar>;

export const ZUpdateSopCalendar = z
  .object({
    name: z.string().trim().min(1).max(64).optional(),
    timeline: z.enum(SOP_TIMELINES).optional(),
    columns: z.array(ZSopColumn).min(1).max(12).optional(),
    targets: ZSopCalendarTargets.optional(),
    delivery: z.enum(SOP_DELIVERIES).optional(),
    horizonDays: z.number().int().min(1).max(SOP_MAX_HORIZON_DAYS).optional(),
    status: z.enum(SOP_PLAN_STATUSES).optional(),
    // Replaces the whole list: items left out are deleted (their planned steps cancelled).
    items: z.array(ZSopCalendarItemInput).max(SOP_MAX_ITEMS).optional(),
  })
  .openapi('UpdateSopCalendar');
export type TUpdateSopCalendar = z.infer<typeof ZUpdateSopCalendar>;

export const ZSopCalendarItem = z.object({
  id: z.number().int(),
  column: z.string(),
  weekday: z.number().int().nullable(),
  time: z.string(),
  title: z.string(),
  content: z.record(z.string(), z.unknown()),
});

export const ZSopCalendar = z
  .object({
    id: z.number().int(),
    name: z.string(),
    timeline: z.enum(SOP_TIMELINES),
    columns: z.array(z.object({ name: z.string(), color: z.string() })),
    targets: z.object({
      storeIds: z.array(z.number().int()),
      groupKinds: z.array(z.string()),
      groupIds: z.array(z.number().int()),
    }),
    delivery: z.enum(SOP_DELIVERIES),
    horizonDays: z.number().int(),
    status: z.enum(SOP_PLAN_STATUSES),
    items: z.array(ZSopCalendarItem),
    createdAt: z.string(),
    updatedAt: z.string().nullable(),
    appliedAt: z.string().nullable(),
  })
  .openapi('SopCalendar');
export type TSopCalendar = z.infer<typeof ZSopCalendar>;

export const ZSopJourneyStepInput = z.object({
  id: ZId.optional(),
  dayOffset: z.number().int().min(0).max(SOP_MAX_DAY_OFFSET),
  // null: at the anchor's own time of day.
  time: ZClock.nullable().default(null),
  title: z.string().trim().min(1).max(100),
  content: ZContent,
  condition: ZCondition.nullable().optional(),
});
export type TSopJourneyStepInput = z.infer<typeof ZSopJourneyStepInput>;

export const ZCreateSopJourney = z
  .object({
    name: z.string().trim().min(1).max(64),
    trigger: z.enum(SOP_JOURNEY_TRIGGERS),
    // customer_added only: enrol only adds whose state starts with this (a live code's `lc…`, say).
    statePrefix: z.string().trim().min(1).max(30).nullable().optional(),
    newCustomersOnly: z.boolean().default(false),
    status: z.enum(SOP_PLAN_STATUSES).default('active'),
    steps: z.array(ZSopJourneyStepInput).min(1).max(SOP_MAX_STEPS),
  })
  .openapi('CreateSopJourney');
export type TCreateSopJourney = z.infer<typeof ZCreateSopJourney>;

export const ZUpdateSopJourney = z
  .object({
    name: z.string().trim().min(1).max(64).optional(),
    trigger: z.enum(SOP_JOURNEY_TRIGGERS).optional(),
    statePrefix: z.string().trim().min(1).max(30).nullable().optional(),
    newCustomersOnly: z.boolean().optional(),
    status: z.enum(SOP_PLAN_STATUSES).optional(),
    // Replaces the list for future enrolments; planned steps of removed steps are cancelled.
    steps: z.array(ZSopJourneyStepInput).min(1).max(SOP_MAX_STEPS).optional(),
  })
  .openapi('UpdateSopJourney');
export type TUpdateSopJourney = z.infer<typeof ZUpdateSopJourney>;

export const ZSopJourneyStep = z.object({
  id: z.number().int(),
  dayOffset: z.number().int(),
  time: z.string().nullable(),
  title: z.string(),
  content: z.record(z.string(), z.unknown()),
  condition: z.record(z.string(), z.unknown()).nullable(),
});

export const ZSopJourney = z
  .object({
    id: z.number().int(),
    name: z.string(),
    trigger: z.enum(SOP_JOURNEY_TRIGGERS),
    statePrefix: z.string().nullable(),
    newCustomersOnly: z.boolean(),
    status: z.enum(SOP_PLAN_STATUSES),
    steps: z.array(ZSopJourneyStep),
    enrollments: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string().nullable(),
  })
  .openapi('SopJourney');
export type TSopJourney = z.infer<typeof ZSopJourney>;

export const ZEnrollRequest = z
  .object({
    customerId: ZId,
    // Day 0; default now.
    anchorAt: z.string().datetime({ offset: true }).optional(),
    // Idempotency: a second enrolment with the same key is the first one. Default: manual:<customer>:<anchor date>.
    sourceKey: z.string().min(1).max(200).optional(),
  })
  .openapi('SopEnrollRequest');

export const ZEnrollResult = z
  .object({ enrollmentId: z.number().int(), duplicate: z.boolean(), steps: z.number().int() })
  .openapi('SopEnrollResult');

export const ZSopPlanStep = z
  .object({
    id: z.number().int(),
    planKind: z.enum(['calendar', 'journey']),
    planId: z.number().int(),
    planName: z.string().nullable(),
    sourceStepId: z.number().int(),
    targetKind: z.enum(['group', 'customer']),
    targetId: z.number().int(),
    targetName: z.string().nullable(),
    column: z.string().nullable(),
    title: z.string(),
    planDate: z.string(),
    dueAt: z.string(),
    content: z.record(z.string(), z.unknown()),
    hasCondition: z.boolean(),
    staffId: z.number().int().nullable(),
    staffName: z.string().nullable(),
    storeId: z.number().int().nullable(),
    status: z.enum(SOP_STEP_STATUSES as unknown as [string, ...string[]]),
    // upcoming | pending | overdue | done | skipped | cancelled
    progress: z.string(),
    skipReason: z.string().nullable(),
    taskId: z.number().int().nullable(),
    actionId: z.number().int().nullable(),
    edited: z.boolean(),
  })
  .openapi('SopPlanStep');
export type TSopPlanStep = z.infer<typeof ZSopPlanStep>;

export const ZListSopPlansQuery = ZPageQuery.extend({
  planKind: z.enum(['calendar', 'journey']).optional(),
  planId: z.coerce.number().int().positive().optional(),
  targetKind: z.enum(['group', 'customer']).optional(),
  targetId: z.coerce.number().int().positive().optional(),
  status: z.enum(SOP_STEP_STATUSES as unknown as [string, ...string[]]).optional(),
  storeId: z.coerce.number().int().positive().optional(),
  staffId: z.coerce.number().int().positive().optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
});
export type TListSopPlansQuery = z.infer<typeof ZListSopPlansQuery>;

export const ZUpdateSopPlanStep = z
  .object({
    dueAt: z.string().datetime({ offset: true }).optional(),
    title: z.string().trim().min(1).max(100).optional(),
    content: ZContent.optional(),
    // true: skip this step (it will not run); false: plan it again if it was skipped by an operator.
    skip: z.boolean().optional(),
  })
  .openapi('UpdateSopPlanStep');
export type TUpdateSopPlanStep = z.infer<typeof ZUpdateSopPlanStep>;

export const ZRangeQuery = z.object({ from: ZDate.optional(), to: ZDate.optional() });
export type TRangeQuery = z.infer<typeof ZRangeQuery>;

export const ZGroupCalendar = z
  .object({
    groupId: z.number().int(),
    groupName: z.string(),
    from: z.string(),
    to: z.string(),
    days: z.array(z.object({ date: z.string(), weekday: z.number().int(), steps: z.array(ZSopPlanStep) })),
  })
  .openapi('SopGroupCalendar');
export type TGroupCalendar = z.infer<typeof ZGroupCalendar>;

const ZProgressRow = z.object({
  id: z.number().int().nullable(),
  name: z.string().nullable(),
  storeId: z.number().int().nullable(),
  due: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  skipped: z.number().int(),
});
export type TProgressRow = z.infer<typeof ZProgressRow>;

export const ZSopProgress = z
  .object({
    from: z.string(),
    to: z.string(),
    totals: ZProgressRow.omit({ id: true, name: true, storeId: true }),
    stores: z.array(ZProgressRow),
    staff: z.array(ZProgressRow),
  })
  .openapi('SopProgress');
export type TSopProgress = z.infer<typeof ZSopProgress>;

export const ZProgressParams = z.object({
  kind: z.enum(['calendars', 'journeys']).openapi({ param: { name: 'kind', in: 'path' } }),
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const ZGroupIdParam = z.object({
  groupId: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'groupId', in: 'path' } }),
});

export const ZListSopDefinitionsQuery = ZPageQuery.extend({ status: z.enum(SOP_PLAN_STATUSES).optional() });
export type TListSopDefinitionsQuery = z.infer<typeof ZListSopDefinitionsQuery>;
