import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';
import { ZAudienceExpression } from '../audiences/audience-expression.ts';
import { ZContentRef } from '../materials/content-ref.ts';
import { HOLDOUT_MAX_PERCENT, parseHhmm, RECIPIENT_STATUSES } from './broadcast-rules.ts';

export const BROADCAST_STATUSES = ['draft', 'scheduled', 'planning', 'sending', 'sent', 'cancelled', 'failed'] as const;
export type TBroadcastStatus = (typeof BROADCAST_STATUSES)[number];

const ZHhmm = z.string().refine((s) => parseHhmm(s) !== null, 'must be a time HH:MM, like 21:30');

const ZTimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone, like Asia/Shanghai');

export const ZGroupFilter = z
  .object({
    groupIds: z.array(z.number().int().positive()).max(2000).default([]),
    storeIds: z.array(z.number().int().positive()).max(500).default([]),
    kinds: z
      .array(z.enum(['store', 'vip', 'activity', 'other']))
      .max(4)
      .default([]),
  })
  .openapi('BroadcastGroupFilter');
export type TGroupFilter = z.infer<typeof ZGroupFilter>;

// An instant as an ISO date-time string with its offset (a bare number would be read as
// milliseconds since 1970). Module functions turn it into a Date with `sendAtDate`.
const ZSendAt = z.iso.datetime({ offset: true, message: 'sendAt: an ISO date-time, e.g. 2026-12-24T10:00:00+08:00' });

/** The Date of a validated `sendAt` (null and undefined pass through). */
export const sendAtDate = <T extends string | null | undefined>(v: T): Date | Exclude<T, string> =>
  (typeof v === 'string' ? new Date(v) : v) as Date | Exclude<T, string>;

const broadcastFields = {
  name: z.string().trim().min(1, 'name: give the broadcast a name').max(100),
  target: z.enum(['customers', 'groups']).default('customers'),
  audienceId: z.number().int().positive().nullable().optional(),
  audience: (ZAudienceExpression as z.ZodType<Record<string, unknown>>).nullable().optional(),
  groupFilter: ZGroupFilter.nullable().optional(),
  content: ZContentRef,
  sendAt: ZSendAt.nullable().optional(),
  capPerDay: z.number().int().min(1).max(10).default(1),
  capPerWeek: z.number().int().min(1).max(50).default(3),
  quietStart: ZHhmm.default('21:30'),
  quietEnd: ZHhmm.default('09:00'),
  timeZone: ZTimeZone.default('Asia/Shanghai'),
  holdoutPercent: z
    .number()
    .int()
    .min(0, 'holdoutPercent: 0 to 50')
    .max(
      HOLDOUT_MAX_PERCENT,
      `holdoutPercent: 0 to ${HOLDOUT_MAX_PERCENT} (a control group larger than half defeats the broadcast)`,
    )
    .default(0),
};

export const ZCreateBroadcast = z.object(broadcastFields).openapi('CreateBroadcast');
export type TCreateBroadcast = z.input<typeof ZCreateBroadcast>;

export const ZUpdateBroadcast = z
  .object({
    name: broadcastFields.name.optional(),
    target: z.enum(['customers', 'groups']).optional(),
    audienceId: z.number().int().positive().nullable().optional(),
    audience: broadcastFields.audience,
    groupFilter: broadcastFields.groupFilter,
    content: ZContentRef.optional(),
    sendAt: broadcastFields.sendAt,
    capPerDay: z.number().int().min(1).max(10).optional(),
    capPerWeek: z.number().int().min(1).max(50).optional(),
    quietStart: ZHhmm.optional(),
    quietEnd: ZHhmm.optional(),
    timeZone: ZTimeZone.optional(),
    holdoutPercent: z.number().int().min(0).max(HOLDOUT_MAX_PERCENT).optional(),
  })
  .openapi('UpdateBroadcast');
export type TUpdateBroadcast = z.input<typeof ZUpdateBroadcast>;

export const ZBroadcast = z
  .object({
    id: z.number().int(),
    name: z.string(),
    target: z.enum(['customers', 'groups']),
    audienceId: z.number().int().nullable(),
    audience: z.record(z.string(), z.unknown()).nullable(),
    groupFilter: z.record(z.string(), z.unknown()).nullable(),
    content: z.record(z.string(), z.unknown()),
    sendAt: z.string().nullable(),
    status: z.enum(BROADCAST_STATUSES),
    capPerDay: z.number().int(),
    capPerWeek: z.number().int(),
    quietStart: z.string(),
    quietEnd: z.string(),
    timeZone: z.string(),
    holdoutPercent: z.number().int(),
    audienceCount: z.number().int(),
    counts: z.record(z.string(), z.number()),
    plannedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    error: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Broadcast');
export type TBroadcast = z.infer<typeof ZBroadcast>;

export const ZListBroadcastsQuery = ZPageQuery.extend({
  status: z.enum(BROADCAST_STATUSES).optional(),
  q: z.string().max(100).optional(),
});
export type TListBroadcastsQuery = z.infer<typeof ZListBroadcastsQuery>;

export const ZSendBroadcast = z
  .object({
    // 'now' sends at once (or at the end of quiet hours); 'schedule' at the broadcast's sendAt.
    when: z.enum(['now', 'schedule']).default('schedule'),
  })
  .openapi('SendBroadcast');

export const ZPreviewBroadcast = z
  .object({
    target: z.enum(['customers', 'groups']).default('customers'),
    audienceId: z.number().int().positive().nullable().optional(),
    audience: broadcastFields.audience,
    groupFilter: broadcastFields.groupFilter,
    sendAt: ZSendAt.nullable().optional(),
    capPerDay: z.number().int().min(1).max(10).default(1),
    capPerWeek: z.number().int().min(1).max(50).default(3),
    quietStart: ZHhmm.default('21:30'),
    quietEnd: ZHhmm.default('09:00'),
    timeZone: ZTimeZone.default('Asia/Shanghai'),
    holdoutPercent: z.number().int().min(0).max(HOLDOUT_MAX_PERCENT).default(0),
  })
  .openapi('PreviewBroadcast');
export type TPreviewBroadcast = z.input<typeof ZPreviewBroadcast>;

const ZReachCounts = z.object({
  audience: z.number().int(),
  notFriend: z.number().int(),
  capped: z.number().int(),
  heldOut: z.number().int(),
  reach: z.number().int(),
});

export const ZBroadcastPreview = ZReachCounts.extend({
  // When the send would actually start: the planned time, or the end of quiet hours it falls in.
  startsAt: z.string(),
  deferredByQuietHours: z.boolean(),
  byStore: z.array(ZReachCounts.extend({ storeId: z.number().int().nullable(), storeName: z.string().nullable() })),
}).openapi('BroadcastPreview');
export type TBroadcastPreview = z.infer<typeof ZBroadcastPreview>;

const ZStatusCounts = z.record(z.string(), z.number().int());
export const ZBroadcastStats = z
  .object({
    total: ZStatusCounts,
    byStore: z.array(z.object({ storeId: z.number().int().nullable(), storeName: z.string().nullable(), counts: ZStatusCounts })),
    byStaff: z.array(
      z.object({
        staffId: z.number().int().nullable(),
        staffName: z.string().nullable(),
        storeId: z.number().int().nullable(),
        counts: ZStatusCounts,
      }),
    ),
    tasks: z.object({ total: z.number().int(), waiting: z.number().int(), done: z.number().int() }),
  })
  .openapi('BroadcastStats');
export type TBroadcastStats = z.infer<typeof ZBroadcastStats>;

export const ZListRecipientsQuery = ZPageQuery.extend({
  status: z.enum(RECIPIENT_STATUSES).optional(),
  storeId: z.coerce.number().int().positive().optional(),
  staffId: z.coerce.number().int().positive().optional(),
});
export type TListRecipientsQuery = z.infer<typeof ZListRecipientsQuery>;

export const ZBroadcastRecipient = z
  .object({
    recipientId: z.number().int(),
    name: z.string().nullable(),
    staffId: z.number().int().nullable(),
    staffName: z.string().nullable(),
    storeId: z.number().int().nullable(),
    status: z.enum(RECIPIENT_STATUSES),
    plannedAt: z.string(),
    resultAt: z.string().nullable(),
  })
  .openapi('BroadcastRecipient');
export type TBroadcastRecipient = z.infer<typeof ZBroadcastRecipient>;

export const ZBroadcastTask = z
  .object({
    id: z.number().int(),
    staffId: z.number().int(),
    staffName: z.string().nullable(),
    chunk: z.number().int(),
    targets: z.number().int(),
    // 'queued' (through the outbox) | 'waiting' (the staff member is to confirm) | 'done' (results applied)
    status: z.enum(['pending', 'queued', 'waiting', 'done']),
    // The mass task's id in WeCom (msgid), once created.
    msgId: z.string().nullable(),
  })
  .openapi('BroadcastTask');
export type TBroadcastTask = z.infer<typeof ZBroadcastTask>;
