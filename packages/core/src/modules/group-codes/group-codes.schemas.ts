import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';
import { GROUP_CODE_RULES, WECOM_GROUP_CAP } from './group-code-rules.ts';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const name = z.string().trim().min(1, 'a name is needed').max(60, 'at most 60 characters');
const template = z
  .string()
  .trim()
  .min(1, 'a group name template is needed')
  .max(60, 'at most 60 characters')
  .refine((s) => s.includes('{n}'), 'put {n} where the running number goes, e.g. 茶屿会员群{n}');
const memberCap = z
  .number()
  .int()
  .min(1, 'at least 1 member')
  .max(WECOM_GROUP_CAP, `at most ${WECOM_GROUP_CAP} members (WeCom’s cap)`);
const ownerStaffIds = z.array(id).max(50, 'at most 50 owners');
const groupIds = z.array(id).max(100, 'at most 100 groups in a pool');
const text = (max: number) => z.string().max(max, `at most ${max} characters`);

export const ZGroupCodeRule = z.enum(GROUP_CODE_RULES);
export const ZGroupCodeStatus = z.enum(['active', 'paused']);

export const ZCreateGroupCodeRequest = z
  .object({
    name,
    storeId: id.nullable().optional(),
    status: ZGroupCodeStatus.default('active'),
    rule: ZGroupCodeRule.default('fill_in_order'),
    memberCap: memberCap.default(WECOM_GROUP_CAP),
    autoOpen: z.boolean().default(true),
    groupNameTemplate: template.openapi({ example: '茶屿会员群{n}' }),
    // Default: one more than the groups the pool starts with.
    nextNumber: z.number().int().min(1).max(1_000_000).optional(),
    ownerStaffIds: ownerStaffIds.default([]),
    welcomeText: text(1000).default(''),
    notice: text(1000).default(''),
    // The pool the code starts with, in order.
    groupIds: groupIds.default([]),
  })
  .openapi('CreateGroupCodeRequest');
export type TCreateGroupCodeRequest = z.input<typeof ZCreateGroupCodeRequest>;

export const ZUpdateGroupCodeRequest = z
  .object({
    name: name.optional(),
    storeId: id.nullable().optional(),
    status: ZGroupCodeStatus.optional(),
    rule: ZGroupCodeRule.optional(),
    memberCap: memberCap.optional(),
    autoOpen: z.boolean().optional(),
    groupNameTemplate: template.optional(),
    nextNumber: z.number().int().min(1).max(1_000_000).optional(),
    ownerStaffIds: ownerStaffIds.optional(),
    welcomeText: text(1000).optional(),
    notice: text(1000).optional(),
  })
  .openapi('UpdateGroupCodeRequest');
export type TUpdateGroupCodeRequest = z.infer<typeof ZUpdateGroupCodeRequest>;

export const ZSetPoolRequest = z
  .object({ groupIds: groupIds.openapi({ description: 'The whole pool, in routing order' }) })
  .openapi('SetGroupCodePoolRequest');

export const ZListGroupCodesQuery = ZPageQuery.extend({
  q: z.string().trim().max(60).optional(),
  status: ZGroupCodeStatus.optional(),
});
export type TListGroupCodesQuery = z.infer<typeof ZListGroupCodesQuery>;

export const ZGroupCode = z
  .object({
    id: z.number().int(),
    name: z.string(),
    storeId: z.number().int().nullable(),
    storeName: z.string().nullable(),
    status: ZGroupCodeStatus,
    rule: ZGroupCodeRule,
    memberCap: z.number().int(),
    autoOpen: z.boolean(),
    groupNameTemplate: z.string(),
    nextNumber: z.number().int(),
    ownerStaffIds: z.array(z.number().int()),
    owners: z.array(z.object({ id: z.number().int(), name: z.string() })),
    welcomeText: z.string(),
    notice: z.string(),
    // The permanent link printed in the QR (`<publicUrl>/j/<slug>`).
    url: z.string(),
    slug: z.string(),
    poolSize: z.number().int(),
    // Groups that can take a visitor now.
    groupsWithRoom: z.number().int(),
    members: z.number().int(),
    groupsOpened: z.number().int(),
    waysError: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('GroupCode');
export type TGroupCode = z.infer<typeof ZGroupCode>;

export const ZPoolGroup = z
  .object({
    groupId: z.number().int(),
    name: z.string(),
    position: z.number().int(),
    cap: z.number().int(),
    members: z.number().int(),
    // Seats handed out by the landing and not used yet.
    reserved: z.number().int(),
    status: z.enum(['active', 'dismissed']),
    // The join way this group leads, with its QR; null while it leads none (full, or not yet synced).
    wayId: z.number().int().nullable(),
    qrCode: z.string().nullable(),
    // Set for groups this code opened.
    openedNumber: z.number().int().nullable(),
  })
  .openapi('GroupCodePoolGroup');
export type TPoolGroup = z.infer<typeof ZPoolGroup>;

export const ZJoinWay = z
  .object({ id: z.number().int(), configId: z.string(), qrCode: z.string(), groupIds: z.array(z.number().int()) })
  .openapi('GroupCodeJoinWay');

export const ZGroupCodeDetail = ZGroupCode.extend({ pool: z.array(ZPoolGroup), ways: z.array(ZJoinWay) }).openapi(
  'GroupCodeDetail',
);
export type TGroupCodeDetail = z.infer<typeof ZGroupCodeDetail>;

export const ZGroupOpening = z
  .object({
    id: z.number().int(),
    number: z.number().int(),
    name: z.string(),
    ownerStaffId: z.number().int().nullable(),
    ownerName: z.string().nullable(),
    status: z.enum(['opening', 'opened', 'failed']),
    groupId: z.number().int().nullable(),
    error: z.string().nullable(),
    startedAt: z.string(),
    openedAt: z.string().nullable(),
  })
  .openapi('GroupCodeOpening');
export type TGroupOpening = z.infer<typeof ZGroupOpening>;

export const ZStatsQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(14) });

export const ZGroupCodeStats = z
  .object({
    days: z.array(
      z.object({
        // Asia/Shanghai calendar day.
        day: z.string(),
        // Landing visits that got a seat.
        visits: z.number().int(),
        joins: z.number().int(),
        // Of those who joined that day, how many have left since.
        left: z.number().int(),
        groupsOpened: z.number().int(),
      }),
    ),
    totals: z.object({
      visits: z.number().int(),
      joins: z.number().int(),
      left: z.number().int(),
      groupsOpened: z.number().int(),
      members: z.number().int(),
    }),
    groups: z.array(ZPoolGroup),
  })
  .openapi('GroupCodeStats');
export type TGroupCodeStats = z.infer<typeof ZGroupCodeStats>;

/**
 * What the landing shows: the group a visitor is routed to now and the QR of its join way; or,
 * for a paused code or one whose groups are all full (and none can be opened), why not.
 */
export const ZGroupCodeLanding = z
  .object({
    status: z.enum(['ok', 'paused', 'full']),
    codeName: z.string(),
    group: z.object({ name: z.string(), memberCount: z.number().int(), cap: z.number().int() }).nullable(),
    // The join way's QR (a URL the customer's WeChat opens); null while the way is being prepared.
    qrCode: z.string().nullable(),
    // The seat is kept for the visitor until then.
    seatExpiresAt: z.string().nullable(),
  })
  .openapi('GroupCodeLanding');
export type TGroupCodeLanding = z.infer<typeof ZGroupCodeLanding>;

export const ZLandingParams = z.object({
  slug: z
    .string()
    .min(1)
    .max(32)
    .openapi({ param: { name: 'slug', in: 'path' }, example: 'k3J9x2Qa7b' }),
});
export const ZLandingQuery = z.object({
  // The H5 page's random visitor id: a reload gets the same seat back.
  v: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'a visitor id is 8–64 letters, digits, - or _')
    .max(64)
    .optional(),
});

/** The console's preview of the landing: what a visitor would see now, without taking a seat. */
export const ZGroupCodePreview = z
  .object({
    status: z.enum(['ok', 'paused', 'full']),
    url: z.string(),
    group: z.object({ id: z.number().int(), name: z.string(), memberCount: z.number().int(), cap: z.number().int() }).nullable(),
    qrCode: z.string().nullable(),
    // Every group is full: the next visitor makes the code open a new group (when auto-open is on).
    opensNext: z.boolean(),
  })
  .openapi('GroupCodePreview');
export type TGroupCodePreview = z.infer<typeof ZGroupCodePreview>;

export const ZSimulateJoinsRequest = z
  .object({ count: z.number().int().min(1).max(100, 'at most 100 at a time') })
  .openapi('SimulateGroupCodeJoinsRequest');
export const ZSimulateJoinsResult = z
  .object({ joined: z.number().int(), groupsOpened: z.number().int(), failed: z.number().int() })
  .openapi('SimulateGroupCodeJoinsResult');
