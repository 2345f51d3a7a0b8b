import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';

/** Folders of the material library (素材库): a tree; names are unique among siblings. */
export const materialFolders = pgTable(
  'material_folders',
  {
    tenantId: tenantId(),
    id: identityId(),
    // null: a top-level folder.
    parentId: ref('parent_id'),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('material_folders_name_uq').on(t.tenantId, sql`coalesce(${t.parentId}, 0)`, t.name),
  ],
);

/**
 * A material every send can pick: an uploaded image / video / file / poster (bytes in the file
 * storage under `file_key`), a link card or a mini-program card. Soft-deleted, so content that
 * names a deleted material fails with a clear message instead of pointing at nothing.
 */
export const materials = pgTable(
  'materials',
  {
    tenantId: tenantId(),
    id: identityId(),
    // image | video | file | link | miniprogram | poster
    type: text('type').notNull(),
    title: text('title').notNull(),
    folderId: ref('folder_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    description: text('description'),
    // link: the page opened.
    linkUrl: text('link_url'),
    // link / miniprogram: the cover image URL.
    picUrl: text('pic_url'),
    // miniprogram: AppID and page path.
    appId: text('app_id'),
    pagePath: text('page_path'),
    // Uploads: the storage key (see lib/storage.ts), bytes, MIME type checked by magic bytes, original name, SHA-256 (ETag).
    fileKey: text('file_key'),
    byteSize: bigint('byte_size', { mode: 'number' }),
    mimeType: text('mime_type'),
    fileName: text('file_name'),
    sha256: text('sha256'),
    // Sends that used it (bumped by resolveContent).
    usageCount: integer('usage_count').notNull().default(0),
    createdBy: ref('created_by'),
    createdByName: text('created_by_name'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('materials_folder_idx').on(t.tenantId, t.folderId),
    index('materials_type_idx').on(t.tenantId, t.type),
    index('materials_tags_idx').using('gin', t.tags),
  ],
);
