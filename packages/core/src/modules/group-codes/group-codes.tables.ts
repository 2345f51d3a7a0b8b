import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';

/**
 * A group live code (群活码): one permanent Pond URL (`/j/<slug>`) that routes each visitor to a
 * group of its pool with room, opening a new group when every group is full.
 */
export const groupCodes = pgTable(
  'group_codes',
  {
    tenantId: tenantId(),
    id: identityId(),
    name: text('name').notNull(),
    // A store's code (store managers see it); null for an HQ code.
    storeId: ref('store_id'),
    // 'active' | 'paused' (the landing says so; nothing is routed)
    status: text('status').notNull().default('active'),
    // 'fill_in_order' (the first group with room, in pool order) | 'least_full'
    rule: text('rule').notNull().default('fill_in_order'),
    // Members per group this code fills up to (owner and staff included); WeCom's cap is 200.
    memberCap: integer('member_cap').notNull().default(200),
    // Open a new group when every group of the pool is full.
    autoOpen: boolean('auto_open').notNull().default(true),
    // Name of an opened group; `{n}` is the running number, e.g. `茶屿会员群{n}`.
    groupNameTemplate: text('group_name_template').notNull(),
    // The running number the next opened group gets.
    nextNumber: integer('next_number').notNull().default(1),
    // Staff who may own opened groups, taken in turn by running number.
    ownerStaffIds: bigint('owner_staff_ids', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    // Posted into a group Pond opens, as its first message.
    welcomeText: text('welcome_text').notNull().default(''),
    // The notice (群公告) of a group Pond opens.
    notice: text('notice').notNull().default(''),
    // Join ways created so far; part of each creation's idempotency key.
    waysCreated: integer('ways_created').notNull().default(0),
    // A sync of the join ways holds the code until then (see sync-join-ways.ts).
    waysSyncUntil: ts('ways_sync_until'),
    // The last channel failure syncing the ways; cleared by the next success.
    waysError: text('ways_error'),
    // When operators were last told that the code is full and cannot open a group.
    fullNotifiedAt: ts('full_notified_at'),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('group_codes_store_idx').on(t.tenantId, t.storeId)],
);

/**
 * The pool of a group code: its groups in order, with the load routing reads. `members` follows
 * the groups' join/leave events (reconciled with `group_chats.member_count` by the sweep);
 * `reserved` counts seats handed out by the landing and not yet used or expired. Routing claims a
 * seat only with a conditional update `members + reserved < cap`, so no group goes over its cap.
 */
export const groupCodeGroups = pgTable(
  'group_code_groups',
  {
    tenantId: tenantId(),
    id: identityId(),
    codeId: ref('code_id').notNull(),
    groupId: ref('group_id').notNull(),
    // WeCom chat_id of the group (what join ways list).
    chatId: text('chat_id').notNull(),
    position: integer('position').notNull(),
    // min(code's member cap, the group's own cap).
    cap: integer('cap').notNull(),
    members: integer('members').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    // 'active' | 'dismissed'
    status: text('status').notNull().default('active'),
    // The join way this group heads (first in its list); routing only picks groups that head one.
    wayId: ref('way_id'),
    // The running number, for groups this code opened.
    openedNumber: integer('opened_number'),
    addedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // A group belongs to one code's pool: seats are counted per pool row.
    uniqueIndex('group_code_groups_group_uq').on(t.tenantId, t.groupId),
    index('group_code_groups_code_idx').on(t.tenantId, t.codeId, t.position),
  ],
);

/** The WeCom join ways (groupchat/add_join_way, ≤ 5 chats) that expose a code's pool. */
export const groupCodeWays = pgTable(
  'group_code_ways',
  {
    tenantId: tenantId(),
    id: identityId(),
    codeId: ref('code_id').notNull(),
    configId: text('config_id').notNull(),
    qrCode: text('qr_code').notNull(),
    // The chats the way holds, as last applied; the first is the group it leads to.
    chatIds: text('chat_ids').array().notNull(),
    // Bumped by each update_join_way; part of the call's idempotency key.
    version: integer('version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('group_code_ways_config_uq').on(t.tenantId, t.configId),
    index('group_code_ways_code_idx').on(t.tenantId, t.codeId),
  ],
);

/**
 * Seats: one per landing visit that was routed to a group. A seat is `reserved` until the visitor
 * joins (`joined`) or its time runs out (`expired`); a group's `reserved` counter is the number of
 * its reserved seats, changed in the same statement or transaction as the seat.
 */
export const groupCodeSeats = pgTable(
  'group_code_seats',
  {
    tenantId: tenantId(),
    id: identityId(),
    codeId: ref('code_id').notNull(),
    poolId: ref('pool_id').notNull(),
    groupId: ref('group_id').notNull(),
    // Known when the visitor came with a customer token (or the simulator joined as a customer).
    customerId: ref('customer_id'),
    // `c<customerId>` or the H5 page's random visitor id: a reload gets the same seat back.
    visitorKey: text('visitor_key'),
    // 'reserved' | 'joined' | 'expired'
    status: text('status').notNull().default('reserved'),
    reservedAt: ts('reserved_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    settledAt: ts('settled_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('group_code_seats_pool_idx').on(t.tenantId, t.poolId, t.status),
    index('group_code_seats_due_idx').on(t.status, t.expiresAt),
    index('group_code_seats_customer_idx').on(t.tenantId, t.codeId, t.customerId),
    uniqueIndex('group_code_seats_visitor_uq')
      .on(t.tenantId, t.codeId, t.visitorKey)
      .where(sql`status = 'reserved' and visitor_key is not null`),
  ],
);

/** Groups a code opened (or tried to), in running-number order; at most one `opening` per code. */
export const groupCodeOpenings = pgTable(
  'group_code_openings',
  {
    tenantId: tenantId(),
    id: identityId(),
    codeId: ref('code_id').notNull(),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    ownerStaffId: ref('owner_staff_id'),
    // 'opening' | 'opened' | 'failed'
    status: text('status').notNull().default('opening'),
    groupId: ref('group_id'),
    chatId: text('chat_id'),
    // A worker that died mid-opening loses it after this; another takes over with the same keys.
    leaseUntil: ts('lease_until').notNull(),
    error: text('error'),
    startedAt: ts('started_at').notNull(),
    openedAt: ts('opened_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('group_code_openings_number_uq').on(t.tenantId, t.codeId, t.number),
    uniqueIndex('group_code_openings_one_uq').on(t.tenantId, t.codeId).where(sql`status = 'opening'`),
  ],
);

/** Members who joined a pool group through the code (join `state` `gc<codeId>`), for statistics. */
export const groupCodeJoins = pgTable(
  'group_code_joins',
  {
    tenantId: tenantId(),
    id: identityId(),
    codeId: ref('code_id').notNull(),
    groupId: ref('group_id').notNull(),
    customerId: ref('customer_id'),
    // The seat the join used, if one was matched.
    seatId: ref('seat_id'),
    joinedAt: ts('joined_at').notNull(),
    leftAt: ts('left_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('group_code_joins_code_idx').on(t.tenantId, t.codeId, t.joinedAt),
    index('group_code_joins_member_idx').on(t.tenantId, t.groupId, t.customerId),
  ],
);
