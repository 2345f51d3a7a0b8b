import { customType, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';
import type { TPosterLayout, TPosterUse } from './posters.schemas.ts';

// Image bytes. PGlite returns a Uint8Array and node-postgres a Buffer: both become a Buffer.
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => Buffer.from(value),
});

/**
 * Poster templates of a tenant: canvas size, background and where the avatar, name, title,
 * subtitle and QR code go (`layout`). Every edit bumps `version`, which is part of the key of every
 * cached poster rendered from it, so an edited template never serves a stale poster.
 */
export const posterTemplates = pgTable(
  'poster_templates',
  {
    tenantId: tenantId(),
    id: identityId(),
    name: text('name').notNull(),
    // Which features may use it: 'staff_card' | 'group_code' | 'fission' | 'checkin' | 'generic'.
    uses: jsonb('uses').$type<TPosterUse[]>().notNull(),
    layout: jsonb('layout').$type<TPosterLayout>().notNull(),
    // The uploaded background (poster_images.id) when `layout.background.kind` is 'image'; kept as a
    // column so the orphan sweep can find images no template uses.
    backgroundImageId: ref('background_image_id'),
    // Starts at 1; +1 on every change (conditional update), part of the render cache key.
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('poster_templates_updated_idx').on(t.tenantId, t.updatedAt)],
);

/**
 * Uploaded background images (PNG or JPEG, ≤ 2 MB), stored in the database so every process
 * (API, workers, a second server) sees the same bytes whether or not it has a data directory.
 * Images no template references are deleted by the daily sweep a day after upload.
 */
export const posterImages = pgTable(
  'poster_images',
  {
    tenantId: tenantId(),
    id: identityId(),
    // 'image/png' | 'image/jpeg', sniffed from the bytes, not taken from the upload's claim.
    contentType: text('content_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    byteSize: integer('byte_size').notNull(),
    // Hex SHA-256 of the bytes: the cache key of the decoded image and the ETag.
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/**
 * The template each use renders with when the caller names none (a staff card, a group code's
 * poster). At most one per (tenant, use); no row → the built-in default template.
 */
export const posterDefaults = pgTable(
  'poster_defaults',
  {
    tenantId: tenantId(),
    id: identityId(),
    use: text('use').$type<TPosterUse>().notNull(),
    templateId: ref('template_id').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('poster_defaults_use_uq').on(t.tenantId, t.use)],
);

/**
 * Each staff member's personal contact way (员工名片): created on the first request for their card
 * with state `sc<staffId>`. One row per staff member; the row is claimed (`pending`) before the
 * channel is called, so concurrent first requests create exactly one way.
 */
export const staffCards = pgTable(
  'staff_cards',
  {
    tenantId: tenantId(),
    id: identityId(),
    staffId: ref('staff_id').notNull(),
    // `sc<staffId>`: comes back on the add event of every customer who scans the card.
    state: text('state').notNull(),
    // 'pending' (a request is creating the way) | 'ready'
    status: text('status').notNull().default('pending'),
    // When the pending claim was taken; a claim older than the lease may be taken over.
    claimedAt: ts('claimed_at'),
    // The channel's contact way (WeCom config_id) and the URL its QR code encodes.
    configId: text('config_id'),
    qrCode: text('qr_code'),
    // Customers added through the card (customer.added with this state), and the last time.
    adds: integer('adds').notNull().default(0),
    lastAddAt: ts('last_add_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('staff_cards_staff_uq').on(t.tenantId, t.staffId),
    index('staff_cards_state_idx').on(t.tenantId, t.state),
  ],
);
