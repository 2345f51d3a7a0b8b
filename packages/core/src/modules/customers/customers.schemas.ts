import { z } from '@hono/zod-openapi';

const ZAttrValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);
export const ZAttrs = z
  .record(z.string().min(1).max(64), ZAttrValue)
  .refine((r) => Object.keys(r).length <= 100, 'at most 100 custom fields');

/** Mainland mobile numbers (what WeCom and the stores collect). */
export const ZPhone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'a phone number has 11 digits and starts with 13–19');

export const ZTagRef = z.object({ id: z.number().int(), name: z.string(), groupId: z.number().int() }).openapi('TagRef');

export const ZCustomerListItem = z
  .object({
    id: z.number().int(),
    name: z.string(),
    avatar: z.string().nullable(),
    gender: z.number().int(),
    // Masked (138****5678) for guides.
    phone: z.string().nullable(),
    storeId: z.number().int().nullable(),
    storeName: z.string().nullable(),
    source: z.string(),
    tags: z.array(ZTagRef),
    staff: z.array(z.object({ id: z.number().int(), name: z.string() })),
    orderCount: z.number().int(),
    totalSpentCents: z.number().int(),
    lastOrderAt: z.string().nullable(),
    createdAt: z.string(),
    deletedAt: z.string().nullable(),
  })
  .openapi('CustomerListItem');
export type TCustomerListItem = z.infer<typeof ZCustomerListItem>;

export const ZFollow = z
  .object({
    id: z.number().int(),
    staffId: z.number().int(),
    staffName: z.string(),
    remark: z.string().nullable(),
    state: z.string().nullable(),
    addedAt: z.string(),
    deletedAt: z.string().nullable(),
    deletedBy: z.string().nullable(),
    readds: z.number().int(),
  })
  .openapi('Follow');

export const ZCustomerDetail = ZCustomerListItem.extend({
  externalUserId: z.string().nullable(),
  unionId: z.string().nullable(),
  attrs: z.record(z.string(), z.unknown()),
  follows: z.array(ZFollow),
  groups: z.array(z.object({ groupId: z.number().int(), name: z.string(), joinedAt: z.string(), leftAt: z.string().nullable() })),
}).openapi('CustomerDetail');
export type TCustomerDetail = z.infer<typeof ZCustomerDetail>;

const csvIds = z
  .string()
  .max(2000)
  .regex(/^\d+(,\d+)*$/, 'a comma-separated list of ids')
  .transform((s) => s.split(',').map(Number));

export const ZListCustomersQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(64).optional(),
  // Customers carrying ALL of these tags.
  tagIds: csvIds.optional().openapi({ type: 'string', example: '3,7' }),
  storeId: z.coerce.number().int().positive().optional(),
  staffId: z.coerce.number().int().positive().optional(),
  includeDeleted: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type TListCustomersQuery = z.infer<typeof ZListCustomersQuery>;

export const ZCreateCustomerRequest = z
  .object({
    name: z.string().trim().min(1).max(64),
    phone: ZPhone.nullable().optional(),
    gender: z.number().int().min(0).max(2).default(0),
    storeId: z.number().int().positive().nullable().optional(),
    attrs: ZAttrs.default({}),
    externalUserId: z.string().trim().min(1).max(64).nullable().optional(),
  })
  .openapi('CreateCustomerRequest');
export type TCreateCustomerRequest = z.input<typeof ZCreateCustomerRequest>;

export const ZUpdateCustomerRequest = z
  .object({
    name: z.string().trim().min(1).max(64).optional(),
    phone: ZPhone.nullable().optional(),
    gender: z.number().int().min(0).max(2).optional(),
    storeId: z.number().int().positive().nullable().optional(),
    attrs: ZAttrs.optional(),
  })
  .openapi('UpdateCustomerRequest');
export type TUpdateCustomerRequest = z.infer<typeof ZUpdateCustomerRequest>;

export const ZTimelineEvent = z
  .object({
    id: z.number().int(),
    type: z.string(),
    occurredAt: z.string(),
    actorType: z.string(),
    actorId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi('TimelineEvent');

export const ZCustomerField = z
  .object({
    id: z.number().int(),
    key: z.string(),
    label: z.string(),
    type: z.enum(['text', 'number', 'date', 'boolean', 'select']),
    options: z.array(z.string()),
  })
  .openapi('CustomerField');
export type TCustomerField = z.infer<typeof ZCustomerField>;

export const ZCreateCustomerFieldRequest = z
  .object({
    key: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _'),
    label: z.string().trim().min(1).max(64),
    type: z.enum(['text', 'number', 'date', 'boolean', 'select']),
    options: z.array(z.string().min(1).max(64)).max(100).default([]),
  })
  .openapi('CreateCustomerFieldRequest');
export type TCreateCustomerFieldRequest = z.infer<typeof ZCreateCustomerFieldRequest>;
