import { index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId } from '../../lib/columns.ts';

export const tagGroups = pgTable(
  'tag_groups',
  {
    tenantId: tenantId(),
    id: identityId(),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    // WeCom corp tag group id, once synced.
    externalId: text('external_id'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('tag_groups_name_uq').on(t.tenantId, t.name)],
);

export const tags = pgTable(
  'tags',
  {
    tenantId: tenantId(),
    id: identityId(),
    groupId: ref('group_id').notNull(),
    name: text('name').notNull(),
    // Where the tag comes from: 'manual' | 'wecom' | 'rule' | 'import' | 'sim'
    source: text('source').notNull().default('manual'),
    sort: integer('sort').notNull().default(0),
    externalId: text('external_id'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('tags_name_uq').on(t.tenantId, t.groupId, t.name)],
);

export const customerTags = pgTable(
  'customer_tags',
  {
    tenantId: tenantId(),
    customerId: ref('customer_id').notNull(),
    tagId: ref('tag_id').notNull(),
    // Who put it there: 'manual' | 'wecom' | 'rule' | 'import' | 'sim' | 'code'
    source: text('source').notNull().default('manual'),
    // The staff member (WeCom marks tags per follow) or account that added it, if known.
    addedByStaffId: ref('added_by_staff_id'),
    addedByAccountId: ref('added_by_account_id'),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId, t.tagId] }), index('customer_tags_tag_idx').on(t.tenantId, t.tagId)],
);
