import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';

/** Categories of the script library (话术库): the built-in ones from the seeds (with a key) and the operators' own. */
export const scriptCategories = pgTable(
  'script_categories',
  {
    tenantId: tenantId(),
    id: identityId(),
    // Built-in categories: pre_group, group_rules, welcome, self_intro, activity, value, complaint; null for custom ones.
    key: text('key'),
    name: text('name').notNull(),
    // The English name; null shows `name`.
    nameEn: text('name_en'),
    sort: integer('sort').notNull().default(100),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('script_categories_name_uq').on(t.tenantId, t.name),
    uniqueIndex('script_categories_key_uq').on(t.tenantId, t.key),
  ],
);

/** A script (话术): text with {{variables}} and attached materials that guides search, copy and send. */
export const scripts = pgTable(
  'scripts',
  {
    tenantId: tenantId(),
    id: identityId(),
    categoryId: ref('category_id').notNull(),
    title: text('title').notNull(),
    // Text with {{customer_name}}, {{staff_name}}, {{store_name}}, {{group_name}} (CONTENT_VARIABLES).
    body: text('body').notNull(),
    // Materials sent after the text, in order (≤ 9).
    materialIds: jsonb('material_ids').$type<number[]>().notNull().default([]),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    // Disabled scripts stay listed for operators but are not offered to guides.
    enabled: boolean('enabled').notNull().default(true),
    // Sends that used it: a guide's `used` call or a resolveContent naming it.
    usageCount: integer('usage_count').notNull().default(0),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('scripts_category_idx').on(t.tenantId, t.categoryId)],
);
