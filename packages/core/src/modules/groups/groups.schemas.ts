import { z } from '@hono/zod-openapi';

export const ZGroup = z
  .object({
    id: z.number().int(),
    externalChatId: z.string(),
    name: z.string(),
    ownerStaffId: z.number().int().nullable(),
    ownerName: z.string().nullable(),
    storeId: z.number().int().nullable(),
    storeName: z.string().nullable(),
    kind: z.string(),
    memberCap: z.number().int(),
    memberCount: z.number().int(),
    status: z.enum(['active', 'dismissed']),
    notice: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Group');
export type TGroup = z.infer<typeof ZGroup>;

export const ZListGroupsQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(64).optional(),
  storeId: z.coerce.number().int().positive().optional(),
  ownerStaffId: z.coerce.number().int().positive().optional(),
  status: z.enum(['active', 'dismissed']).optional(),
});
export type TListGroupsQuery = z.infer<typeof ZListGroupsQuery>;

export const ZGroupMember = z
  .object({
    id: z.number().int(),
    memberType: z.enum(['customer', 'staff']),
    customerId: z.number().int().nullable(),
    staffId: z.number().int().nullable(),
    name: z.string(),
    joinedAt: z.string(),
    leftAt: z.string().nullable(),
    joinScene: z.number().int().nullable(),
  })
  .openapi('GroupMember');

export const ZListMembersQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  includeLeft: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const ZGroupMessage = z
  .object({
    id: z.number().int(),
    senderType: z.enum(['customer', 'staff', 'pond']),
    senderName: z.string(),
    customerId: z.number().int().nullable(),
    staffId: z.number().int().nullable(),
    msgType: z.string(),
    content: z.string(),
    sentAt: z.string(),
  })
  .openapi('GroupMessage');
