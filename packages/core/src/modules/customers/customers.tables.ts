import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';

export const customers = pgTable(
  'customers',
  {
    tenantId: tenantId(),
    id: identityId(),
    // WeCom `external_userid`; null for customers imported before they added anyone.
    externalUserId: text('external_user_id'),
    unionId: text('union_id'),
    name: text('name').notNull(),
    avatar: text('avatar'),
    // 0 unknown, 1 male, 2 female (WeCom's coding).
    gender: smallint('gender').notNull().default(0),
    // AES-256-GCM ciphertext of the phone number (see lib/crypto.ts); never logged.
    phoneEnc: text('phone_enc'),
    // HMAC of the normalised phone number, to find duplicates without decrypting.
    phoneHash: text('phone_hash'),
    // Custom fields, validated against customer_fields.
    attrs: jsonb('attrs').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    // The store the customer belongs to (where they were first added or shop most).
    storeId: ref('store_id'),
    // How the customer first reached the brand: 'wecom' | 'import' | 'api' | 'sim'.
    source: text('source').notNull().default('api'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    // Soft delete: kept for history, hidden from lists unless asked.
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('customers_external_uq').on(t.tenantId, t.externalUserId).where(sql`${t.externalUserId} is not null`),
    index('customers_phone_idx').on(t.tenantId, t.phoneHash),
    index('customers_store_idx').on(t.tenantId, t.storeId),
    index('customers_name_idx').on(t.tenantId, t.name),
  ],
);

/** Definitions of custom fields ("typed attributes"). */
export const customerFields = pgTable(
  'customer_fields',
  {
    tenantId: tenantId(),
    id: identityId(),
    // Key inside customers.attrs.
    key: text('key').notNull(),
    label: text('label').notNull(),
    // 'text' | 'number' | 'date' | 'boolean' | 'select'
    type: text('type').notNull(),
    options: jsonb('options').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('customer_fields_key_uq').on(t.tenantId, t.key)],
);

/** The relation between a customer and a staff member (WeCom's follow_user). */
export const follows = pgTable(
  'follows',
  {
    tenantId: tenantId(),
    id: identityId(),
    customerId: ref('customer_id').notNull(),
    staffId: ref('staff_id').notNull(),
    remark: text('remark'),
    description: text('description'),
    // The channel `state` the customer came through (a live code's state), if any.
    state: text('state'),
    addedAt: ts('added_at').notNull(),
    deletedAt: ts('deleted_at'),
    // 'customer' (del_follow_user) | 'staff' (del_external_contact); null while in relation.
    deletedBy: text('deleted_by'),
    // Times this pair has re-added after a deletion.
    readds: smallint('readds').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('follows_pair_uq').on(t.tenantId, t.customerId, t.staffId),
    index('follows_staff_idx').on(t.tenantId, t.staffId),
  ],
);

/** The per-customer timeline: every event that touched the customer, newest first in reads. */
export const customerEvents = pgTable(
  'customer_events',
  {
    tenantId: tenantId(),
    id: identityId(),
    customerId: ref('customer_id').notNull(),
    // e.g. 'follow.added', 'follow.deleted', 'tag.added', 'group.joined', 'message', 'order.paid'
    type: text('type').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    // Who caused it: 'customer' | 'staff' | 'account' | 'system'
    actorType: text('actor_type').notNull().default('system'),
    actorId: text('actor_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('customer_events_idx').on(t.tenantId, t.customerId, t.occurredAt)],
);
