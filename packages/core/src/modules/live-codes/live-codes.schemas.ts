import { z } from '@hono/zod-openapi';
import { ZMessageContent } from '@pond/channels';
import { ZPageQuery } from '../../lib/paging.ts';

export const LIVE_CODE_STATUSES = ['active', 'paused', 'archived'] as const;
/** Placeholders of the auto-remark template. */
export const REMARK_VARIABLES = ['channel', 'date', 'staff_name', 'customer_name', 'store_name'] as const;
/** Placeholders of the welcome message. */
export const WELCOME_VARIABLES = ['customer_name', 'staff_name', 'store_name'] as const;

const time = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time as HH:MM (00:00–24:00)')
  .openapi({ example: '09:00' });

export const ZLiveCodeSchedule = z
  .object({
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1, 'choose at least one weekday')
      .max(7)
      .refine((d) => new Set(d).size === d.length, 'each weekday once')
      .openapi({ description: 'ISO weekdays the windows start on: 1 = Monday … 7 = Sunday', example: [1, 2, 3, 4, 5] }),
    windows: z
      .array(
        z
          .object({ start: time, end: time })
          .refine((w) => w.start !== '24:00', { message: 'a window cannot start at 24:00', path: ['start'] }),
      )
      .min(1, 'add at least one time window')
      .max(6)
      .openapi({
        description:
          'Local times in Asia/Shanghai; an end at or before the start runs past midnight (22:00–02:00), the same start and end is 24 hours',
      }),
  })
  .openapi('LiveCodeSchedule');

export const ZLiveCodePoolMember = z
  .object({
    staffId: z.number().int().positive(),
    weight: z.number().int().min(1).max(100).default(1).openapi({ description: 'Relative share of adds (rounds; see docs)' }),
    dailyCap: z.number().int().min(1).max(10_000).nullable().optional().openapi({ description: "Overrides the code's cap" }),
    schedule: ZLiveCodeSchedule.nullable().optional().openapi({ description: "Overrides the code's schedule" }),
  })
  .openapi('LiveCodePoolMember');

const uniqueIds = (what: string) =>
  z.array(z.number().int().positive()).refine((ids) => new Set(ids).size === ids.length, `each ${what} once`);

const ZWelcome = ZMessageContent.nullable().openapi({
  description:
    'Text plus at most 9 attachments (image, link, miniprogram, video, file); {customer_name}, {staff_name} and {store_name} are filled in. null: the default welcome.',
});

const configFields = {
  name: z.string().trim().min(1, 'a name is needed').max(64),
  channelName: z
    .string()
    .trim()
    .min(1, 'a channel name is needed')
    .max(32)
    .openapi({ description: 'The channel adds are attributed to', example: '门店海报' }),
  folderId: z.number().int().positive().nullable().optional(),
  pool: z
    .array(ZLiveCodePoolMember)
    .min(1, 'add at least one staff member to the pool')
    .max(100, 'WeCom allows at most 100 staff members per code')
    .refine((p) => new Set(p.map((m) => m.staffId)).size === p.length, 'each staff member once in the pool'),
  schedule: ZLiveCodeSchedule.nullable().optional(),
  dailyCap: z.number().int().min(1).max(10_000).nullable().optional().openapi({
    description: 'Adds through this code per staff member per day (Asia/Shanghai); null = no cap',
  }),
  backupStaffIds: uniqueIds('backup').max(20).optional(),
  tagIds: uniqueIds('tag').max(20).optional(),
  remarkTemplate: z.string().trim().max(64).nullable().optional().openapi({
    description: 'e.g. {channel}-{date}; also {staff_name}, {customer_name}, {store_name}',
    example: '{channel}-{date}',
  }),
  welcome: ZWelcome.optional(),
  skipVerify: z.boolean().optional(),
};

export const ZCreateLiveCodeRequest = z
  .object({ ...configFields, status: z.enum(['active', 'paused']).optional() })
  .openapi('CreateLiveCodeRequest');
export type TCreateLiveCodeRequest = z.input<typeof ZCreateLiveCodeRequest>;

export const ZUpdateLiveCodeRequest = z
  .object({
    name: configFields.name.optional(),
    channelName: configFields.channelName.optional(),
    folderId: configFields.folderId,
    pool: configFields.pool.optional(),
    schedule: configFields.schedule,
    dailyCap: configFields.dailyCap,
    backupStaffIds: configFields.backupStaffIds,
    tagIds: configFields.tagIds,
    remarkTemplate: configFields.remarkTemplate,
    welcome: configFields.welcome,
    skipVerify: configFields.skipVerify,
    status: z
      .enum(LIVE_CODE_STATUSES)
      .optional()
      .openapi({ description: 'archived deletes the contact way (its QR stops working); active again makes a new one' }),
  })
  .openapi('UpdateLiveCodeRequest');
export type TUpdateLiveCodeRequest = z.input<typeof ZUpdateLiveCodeRequest>;

const ZStaffRef = z.object({ staffId: z.number().int(), name: z.string(), active: z.boolean() });

export const ZLiveCode = z
  .object({
    id: z.number().int(),
    name: z.string(),
    channelName: z.string(),
    folderId: z.number().int().nullable(),
    storeId: z.number().int().nullable(),
    state: z.string().nullable().openapi({ description: 'lc<id>: the contact way state' }),
    status: z.enum(LIVE_CODE_STATUSES),
    pool: z.array(
      ZLiveCodePoolMember.extend({
        weight: z.number().int(),
        name: z.string(),
        active: z.boolean(),
        todayAdds: z.number().int(),
      }),
    ),
    schedule: ZLiveCodeSchedule.nullable(),
    dailyCap: z.number().int().nullable(),
    backupStaff: z.array(ZStaffRef),
    tagIds: z.array(z.number().int()),
    remarkTemplate: z.string().nullable(),
    welcome: ZMessageContent.nullable(),
    skipVerify: z.boolean(),
    configId: z.string().nullable(),
    qrCode: z.string().nullable().openapi({ description: "The contact way's QR image URL" }),
    appliedStaff: z.array(ZStaffRef).openapi({ description: 'The staff list the contact way holds now' }),
    appliedMode: z.enum(['pool', 'backup', 'fallback']).nullable(),
    appliedAt: z.string().nullable(),
    syncError: z.string().nullable(),
    todayAdds: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('LiveCode');
export type TLiveCode = z.infer<typeof ZLiveCode>;

export const ZListLiveCodesQuery = ZPageQuery.extend({
  q: z.string().trim().max(64).optional().openapi({ description: 'Part of the name or channel name' }),
  folderId: z.coerce
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .openapi({ description: 'A folder; 0 = codes in no folder' }),
  status: z.enum(LIVE_CODE_STATUSES).optional(),
  storeId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type TListLiveCodesQuery = z.infer<typeof ZListLiveCodesQuery>;

export const ZLiveCodeFolder = z
  .object({ id: z.number().int(), name: z.string(), sort: z.number().int(), codeCount: z.number().int() })
  .openapi('LiveCodeFolder');
export type TLiveCodeFolder = z.infer<typeof ZLiveCodeFolder>;

export const ZCreateLiveCodeFolderRequest = z
  .object({
    name: z.string().trim().min(1, 'a name is needed').max(32),
    sort: z.number().int().min(0).max(100_000).default(0),
  })
  .openapi('CreateLiveCodeFolderRequest');
export type TCreateLiveCodeFolderRequest = z.input<typeof ZCreateLiveCodeFolderRequest>;
export const ZUpdateLiveCodeFolderRequest = z
  .object({ name: z.string().trim().min(1).max(32).optional(), sort: z.number().int().min(0).max(100_000).optional() })
  .openapi('UpdateLiveCodeFolderRequest');
export type TUpdateLiveCodeFolderRequest = z.infer<typeof ZUpdateLiveCodeFolderRequest>;

export const ZBatchCreateLiveCodesRequest = z
  .object({
    storeIds: uniqueIds('store').min(1, 'choose at least one store').max(300),
    nameTemplate: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .openapi({ description: '{store_name} is the store', example: '{store_name}导购活码' }),
    channelTemplate: z.string().trim().min(1).max(32).openapi({ example: '{store_name}' }),
    folderId: configFields.folderId,
    schedule: configFields.schedule,
    dailyCap: configFields.dailyCap,
    tagIds: configFields.tagIds,
    remarkTemplate: configFields.remarkTemplate,
    welcome: configFields.welcome,
    skipVerify: configFields.skipVerify,
    // The store's managers become the backup staff.
    storeManagersAsBackup: z.boolean().default(true),
    // A store that already has a code with the templated name is skipped, so a batch can be re-run.
    skipExisting: z.boolean().default(true),
  })
  .openapi('BatchCreateLiveCodesRequest');
export type TBatchCreateLiveCodesRequest = z.input<typeof ZBatchCreateLiveCodesRequest>;

export const ZBatchCreateLiveCodesResult = z
  .object({
    created: z.number().int(),
    skipped: z.number().int(),
    failed: z.number().int(),
    results: z.array(
      z.object({
        storeId: z.number().int(),
        storeName: z.string().nullable(),
        outcome: z.enum(['created', 'skipped', 'failed']),
        codeId: z.number().int().nullable(),
        name: z.string().nullable(),
        error: z.string().nullable().openapi({ description: 'What is wrong with this store and what to do' }),
      }),
    ),
  })
  .openapi('BatchCreateLiveCodesResult');
export type TBatchCreateLiveCodesResult = z.infer<typeof ZBatchCreateLiveCodesResult>;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'a real date')
  .openapi({ example: '2026-03-01' });

export const ZLiveCodeStatsQuery = z.object({
  from: day.optional().openapi({ description: 'First day (Asia/Shanghai); default 6 days before `to`' }),
  to: day.optional().openapi({ description: 'Last day, included; default today' }),
  groupBy: z.enum(['day', 'staff', 'day_staff']).default('day'),
});
export type TLiveCodeStatsQuery = z.infer<typeof ZLiveCodeStatsQuery>;

const ZStatsNumbers = z.object({
  added: z.number().int().openapi({ description: 'Adds through the code, re-adds included' }),
  readds: z.number().int().openapi({ description: 'Adds by customers who already knew the brand (same or other staff)' }),
  deletedByCustomer: z.number().int(),
  deletedByStaff: z.number().int(),
  deleted: z.number().int(),
  net: z.number().int().openapi({ description: 'added − deleted' }),
  converted: z.number().int().openapi({
    description: "Adds of the period whose customer's first paid order came after the add (by the add's day)",
  }),
  conversionRate: z.number().openapi({ description: 'converted ÷ added, 0–1' }),
});

export const ZLiveCodeStats = z
  .object({
    codeId: z.number().int(),
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(['day', 'staff', 'day_staff']),
    rows: z.array(
      ZStatsNumbers.extend({
        day: z.string().nullable(),
        staffId: z.number().int().nullable(),
        staffName: z.string().nullable(),
      }),
    ),
    totals: ZStatsNumbers,
  })
  .openapi('LiveCodeStats');
export type TLiveCodeStats = z.infer<typeof ZLiveCodeStats>;

export const ZLiveCodeStatsExportQuery = ZLiveCodeStatsQuery.extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
});

export const ZApplyLiveCodeResult = z
  .object({
    outcome: z.enum(['unchanged', 'updated', 'created', 'deleted', 'skipped', 'busy', 'failed']),
    staffIds: z.array(z.number().int()),
    mode: z.enum(['pool', 'backup', 'fallback']).nullable(),
    fallback: z.string().nullable(),
    excluded: z.array(z.object({ staffId: z.number().int(), reason: z.string() })),
    error: z.string().nullable(),
  })
  .openapi('ApplyLiveCodeResult');
export type TApplyLiveCodeResult = z.infer<typeof ZApplyLiveCodeResult>;

/** The payload of the `live-codes.apply` job. */
export const ZApplyLiveCodeJob = z.object({
  tenantId: z.number().int().positive(),
  codeId: z.number().int().positive(),
  // 'sweep' (every minute) | 'saved' | 'cap' (an add reached a cap)
  reason: z.enum(['sweep', 'saved', 'cap']),
});
export type TApplyLiveCodeJob = z.infer<typeof ZApplyLiveCodeJob>;

export const ZLiveCodeAdd = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    customerName: z.string(),
    staffId: z.number().int(),
    staffName: z.string(),
    channelName: z.string(),
    addedAt: z.string(),
    readd: z.enum(['same_staff', 'other_staff']).nullable(),
    remark: z.string().nullable().openapi({ description: 'The remark the template produced' }),
    deletedAt: z.string().nullable(),
    deletedBy: z.enum(['customer', 'staff']).nullable(),
    firstOrderAt: z.string().nullable().openapi({ description: 'The first paid order after the add (a conversion)' }),
  })
  .openapi('LiveCodeAdd');
export type TLiveCodeAdd = z.infer<typeof ZLiveCodeAdd>;
