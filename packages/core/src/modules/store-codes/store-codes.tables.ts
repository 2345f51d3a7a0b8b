import { bigint, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';

/**
 * A store code (门店活码 / LBS): one permanent QR for a whole chain or region. Its landing page
 * (`/s/<slug>`) routes each customer to the nearest open store within the radius, then shows that
 * store's staff live code or group code; the fallback store takes everyone else.
 */
export const storeCodes = pgTable(
  'store_codes',
  {
    tenantId: tenantId(),
    id: identityId(),
    name: text('name').notNull(),
    // What the landing page says to the customer (e.g. "添加附近门店福利官"); the name when empty.
    headline: text('headline'),
    // Stores farther than this from the customer are out of range (metres, geodesic).
    radiusMetres: integer('radius_metres').notNull(),
    // Where customers without a location, or with no store in range, are sent. An org unit (store).
    fallbackStoreId: ref('fallback_store_id').notNull(),
    // Which stores take part: 'all' (every store of the tenant, new ones included), 'stores'
    // (those in unit_ids) or 'regions' (the stores under the regions in unit_ids).
    participation: text('participation').notNull().default('all'),
    unitIds: bigint('unit_ids', { mode: 'number' }).array().notNull().default([]),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
    // Soft delete: the printed QR then answers "no longer in use" instead of routing.
    deletedAt: ts('deleted_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('store_codes_tenant_idx').on(t.tenantId, t.deletedAt)],
);

/**
 * Per store, what a routed customer is shown. A store without a row gets its guides (the default).
 */
export const storeCodeTargets = pgTable(
  'store_code_targets',
  {
    tenantId: tenantId(),
    id: identityId(),
    storeCodeId: ref('store_code_id').notNull(),
    storeId: ref('store_id').notNull(),
    // 'live_code' (a staff live code, ref_id in the live-codes module) | 'group_code' (ref_id in
    // the group-codes module) | 'guides' (the store's own guides; ref_id null)
    kind: text('kind').notNull(),
    refId: ref('ref_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('store_code_targets_store_uq').on(t.tenantId, t.storeCodeId, t.storeId),
  ],
);

/**
 * One row per landing-page resolution, for statistics (scans per store per day, share of
 * fallbacks). The customer's coordinates are not kept — only the store, distance and reason.
 */
export const storeCodeScans = pgTable(
  'store_code_scans',
  {
    tenantId: tenantId(),
    id: identityId(),
    storeCodeId: ref('store_code_id').notNull(),
    // The store the customer was sent to; null when none was available.
    storeId: ref('store_id'),
    // nearest | fallback_out_of_range | fallback_no_location | chosen | unavailable (route-store.ts)
    reason: text('reason').notNull(),
    // Rounded metres from the customer to the store, when both locations were known.
    distanceMetres: integer('distance_metres'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('store_code_scans_code_idx').on(t.tenantId, t.storeCodeId, t.createdAt),
    index('store_code_scans_created_idx').on(t.createdAt),
  ],
);
