import type { TMessageContent } from '@pond/channels';
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';
import type { TLiveCodePoolMember, TLiveCodeSchedule } from './route-live-code.ts';

/** Folders that group live codes in the console (one level). */
export const liveCodeFolders = pgTable(
  'live_code_folders',
  {
    tenantId: tenantId(),
    id: identityId(),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('live_code_folders_name_uq').on(t.tenantId, t.name)],
);

/**
 * A staff live code (渠道活码): a WeCom contact way whose staff list Pond keeps routed by the code's
 * pool, schedules, caps and backups (see route-live-code.ts).
 */
export const liveCodes = pgTable(
  'live_codes',
  {
    tenantId: tenantId(),
    id: identityId(),
    folderId: ref('folder_id'),
    name: text('name').notNull(),
    // The channel the adds are attributed to in statistics and the remark ("门店海报", "抖音直播").
    channelName: text('channel_name').notNull(),
    // `lc<id>`: the contact way's state, which comes back on every add through it.
    state: text('state'),
    // The store a batch-created code was made for (its guides are the pool); null otherwise.
    storeId: ref('store_id'),
    // Staff pool: [{ staffId, weight, dailyCap?, schedule? }] in the operator's order.
    pool: jsonb('pool').$type<TLiveCodePoolMember[]>().notNull(),
    // The schedule of pool members that have none of their own; null = always on duty.
    schedule: jsonb('schedule').$type<TLiveCodeSchedule | null>(),
    // Adds through this code per staff member per day (Asia/Shanghai); null = no cap.
    dailyCap: integer('daily_cap'),
    // Used, in order, when every pool member is off duty, capped or gone.
    backupStaffIds: jsonb('backup_staff_ids').$type<number[]>().notNull().default([]),
    tagIds: jsonb('tag_ids').$type<number[]>().notNull().default([]),
    // e.g. `{channel}-{date}`; null = no remark.
    remarkTemplate: text('remark_template'),
    // Welcome message with {customer_name}/{staff_name}/{store_name}; null = the default welcome.
    welcome: jsonb('welcome').$type<TMessageContent | null>(),
    // WeCom's skip_verify: customers are added without the staff member accepting.
    skipVerify: boolean('skip_verify').notNull().default(true),
    // 'active' | 'paused' (the way stays, routing frozen) | 'archived' (the way is deleted)
    status: text('status').notNull().default('active'),
    // The contact way (add_contact_way's config_id and QR image URL); null until created / after deletion.
    configId: text('config_id'),
    qrCode: text('qr_code'),
    // How many contact ways this code has had (a re-activated archived code gets a new one).
    wayGeneration: integer('way_generation').notNull().default(0),
    // The staff list the contact way holds now, as last applied by Pond, and when.
    appliedStaffIds: jsonb('applied_staff_ids').$type<number[]>().notNull().default([]),
    // How the applied list was chosen: 'pool' | 'backup' | 'fallback'.
    appliedMode: text('applied_mode'),
    appliedAt: ts('applied_at'),
    // Bumped by each successful update_contact_way; part of the call's idempotency key.
    applyVersion: integer('apply_version').notNull().default(0),
    // A sweep holding the code until then calls the channel; others wait (see apply-live-code-routing.ts).
    applyingUntil: ts('applying_until'),
    // The last channel failure creating, updating or deleting the way; cleared by the next success.
    syncError: text('sync_error'),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('live_codes_state_uq').on(t.tenantId, t.state),
    index('live_codes_folder_idx').on(t.tenantId, t.folderId),
    index('live_codes_status_idx').on(t.status),
  ],
);

/** One add through a live code: the follow attributed to the code and its channel. */
export const liveCodeAttributions = pgTable(
  'live_code_attributions',
  {
    tenantId: tenantId(),
    id: identityId(),
    codeId: ref('code_id').notNull(),
    customerId: ref('customer_id').notNull(),
    staffId: ref('staff_id').notNull(),
    // The code's channel name at the time of the add.
    channelName: text('channel_name').notNull(),
    addedAt: ts('added_at').notNull(),
    // The add's day in Asia/Shanghai, for statistics.
    day: date('day', { mode: 'string' }).notNull(),
    // null for a first add; 'same_staff' (the pair was in relation before) | 'other_staff' (the customer knew the brand).
    readd: text('readd'),
    // The remark the template produced (WeCom's remark API is not wired: Pond keeps it here).
    remark: text('remark'),
    // When and by whom the follow ended while attributed to this add: 'customer' | 'staff'.
    deletedAt: ts('deleted_at'),
    deletedBy: text('deleted_by'),
    // A later add of the same pair (through any channel) took over the follow.
    supersededAt: ts('superseded_at'),
    // The customer's first paid order after the add (conversion), from `order.paid`.
    firstOrderAt: ts('first_order_at'),
    firstOrderId: ref('first_order_id'),
    // The customer had paid an order before this add: never a conversion of this code.
    orderedBefore: boolean('ordered_before').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('live_code_attributions_add_uq').on(t.tenantId, t.customerId, t.staffId, t.addedAt),
    index('live_code_attributions_code_idx').on(t.tenantId, t.codeId, t.day),
    index('live_code_attributions_open_idx')
      .on(t.tenantId, t.customerId, t.staffId)
      .where(sql`${t.deletedAt} is null and ${t.supersededAt} is null`),
  ],
);

/**
 * Per code, per day (Asia/Shanghai), per staff member: adds and deletions. Changed only by upsert
 * increments (never read-modify-write); caps read `added` of today.
 */
export const liveCodeDailyCounts = pgTable(
  'live_code_daily_counts',
  {
    tenantId: tenantId(),
    id: identityId(),
    codeId: ref('code_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    staffId: ref('staff_id').notNull(),
    // Every add through the code (re-adds included).
    added: integer('added').notNull().default(0),
    readds: integer('readds').notNull().default(0),
    deletedByCustomer: integer('deleted_by_customer').notNull().default(0),
    deletedByStaff: integer('deleted_by_staff').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('live_code_daily_counts_uq').on(t.tenantId, t.codeId, t.day, t.staffId),
  ],
);
