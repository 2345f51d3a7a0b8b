import { z } from '@hono/zod-openapi';

export const ZOrgUnitKind = z.enum(['hq', 'region', 'store']);

export const ZOrgUnit = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    kind: ZOrgUnitKind,
    name: z.string(),
    code: z.string(),
    city: z.string().nullable(),
    address: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    status: z.enum(['open', 'closed']),
  })
  .openapi('OrgUnit');
export type TOrgUnit = z.infer<typeof ZOrgUnit>;

export const ZCreateOrgUnitRequest = z
  .object({
    parentId: z.number().int().positive().nullable(),
    kind: ZOrgUnitKind,
    name: z.string().trim().min(1).max(64),
    code: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, _ and -'),
    city: z.string().max(32).nullable().optional(),
    address: z.string().max(256).nullable().optional(),
    latitude: z.number().min(-90).max(90).nullable().optional(),
    longitude: z.number().min(-180).max(180).nullable().optional(),
  })
  .openapi('CreateOrgUnitRequest');
export type TCreateOrgUnitRequest = z.infer<typeof ZCreateOrgUnitRequest>;

export const ZUpdateOrgUnitRequest = ZCreateOrgUnitRequest.omit({ kind: true, parentId: true })
  .partial()
  .extend({ status: z.enum(['open', 'closed']).optional() })
  .openapi('UpdateOrgUnitRequest');
export type TUpdateOrgUnitRequest = z.infer<typeof ZUpdateOrgUnitRequest>;

export const ZStaffRole = z.enum(['guide', 'store_manager', 'hq']);

export const ZStaff = z
  .object({
    id: z.number().int(),
    name: z.string(),
    storeId: z.number().int().nullable(),
    storeName: z.string().nullable(),
    role: ZStaffRole,
    status: z.enum(['active', 'resigned']),
    wecomUserId: z.string(),
    customerCount: z.number().int(),
    groupCount: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('Staff');
export type TStaff = z.infer<typeof ZStaff>;

export const ZListStaffQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  storeId: z.coerce.number().int().positive().optional(),
  status: z.enum(['active', 'resigned']).optional(),
  q: z.string().max(64).optional(),
});
export type TListStaffQuery = z.infer<typeof ZListStaffQuery>;

export const ZCreateStaffRequest = z
  .object({
    name: z.string().trim().min(1).max(64),
    storeId: z.number().int().positive().nullable(),
    role: ZStaffRole.default('guide'),
    wecomUserId: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_.@-]+$/, 'a WeCom userid uses letters, digits, _ . @ -'),
    mobile: z.string().max(20).optional(),
  })
  .openapi('CreateStaffRequest');
export type TCreateStaffRequest = z.infer<typeof ZCreateStaffRequest>;

export const ZUpdateStaffRequest = z
  .object({
    name: z.string().trim().min(1).max(64).optional(),
    storeId: z.number().int().positive().nullable().optional(),
    role: ZStaffRole.optional(),
    status: z.enum(['active', 'resigned']).optional(),
  })
  .openapi('UpdateStaffRequest');
export type TUpdateStaffRequest = z.infer<typeof ZUpdateStaffRequest>;

export const ZHandoverRequest = z
  .object({
    toStaffId: z.number().int().positive(),
    // 'resigned' = 离职继承 (the staff member leaves), 'in_service' = 在职继承.
    kind: z.enum(['resigned', 'in_service']),
    includeGroups: z.boolean().default(true),
    // Only these customers (in-service transfers are often partial); all when omitted.
    customerIds: z.array(z.number().int().positive()).max(10_000).optional(),
  })
  .openapi('HandoverRequest');
export type THandoverRequest = z.infer<typeof ZHandoverRequest>;

export const ZHandoverResult = z
  .object({ handoverId: z.number().int(), customersMoved: z.number().int(), groupsMoved: z.number().int() })
  .openapi('HandoverResult');

export const ZHandover = z
  .object({
    id: z.number().int(),
    fromStaffId: z.number().int(),
    fromStaffName: z.string(),
    toStaffId: z.number().int(),
    toStaffName: z.string(),
    kind: z.enum(['resigned', 'in_service']),
    customersMoved: z.number().int(),
    groupsMoved: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('Handover');
export type THandover = z.infer<typeof ZHandover>;
