import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';
import { ROUTE_REASONS } from './route-store.ts';

/** Bounds of a store code's radius: a shop front up to a metropolitan area. */
export const RADIUS_BOUNDS = { min: 100, max: 100_000, default: 3_000 } as const;
/** At most this many stores with their own target per code (a chain of several hundred stores). */
export const MAX_TARGETS = 2_000;

export const STORE_TARGET_KINDS = ['live_code', 'group_code', 'guides'] as const;
export type TStoreTargetKind = (typeof STORE_TARGET_KINDS)[number];
export const PARTICIPATIONS = ['all', 'stores', 'regions'] as const;

const id = () => z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const ZStoreTarget = z
  .object({
    storeId: id(),
    // live_code: a staff live code; group_code: a group live code; guides: the store's own guides.
    kind: z.enum(STORE_TARGET_KINDS),
    // The live code's or group code's id; null for `guides`.
    refId: id().nullable().default(null),
  })
  .openapi('StoreCodeTarget');
export type TStoreTarget = z.infer<typeof ZStoreTarget>;

const fields = {
  name: z.string().trim().min(1).max(64).openapi({ example: '全国门店活码' }),
  headline: z.string().trim().max(60).nullable().optional().openapi({ example: '添加附近门店福利官，领新人券' }),
  radiusMetres: z.number().int().min(RADIUS_BOUNDS.min).max(RADIUS_BOUNDS.max),
  fallbackStoreId: id(),
  participation: z.enum(PARTICIPATIONS),
  // Store ids (participation 'stores') or region ids ('regions'); empty for 'all'.
  unitIds: z.array(id()).max(MAX_TARGETS),
  targets: z.array(ZStoreTarget).max(MAX_TARGETS),
};

export const ZCreateStoreCodeRequest = z
  .object({
    name: fields.name,
    headline: fields.headline,
    radiusMetres: fields.radiusMetres.default(RADIUS_BOUNDS.default),
    fallbackStoreId: fields.fallbackStoreId,
    participation: fields.participation.default('all'),
    unitIds: fields.unitIds.default([]),
    targets: fields.targets.default([]),
  })
  .openapi('CreateStoreCodeRequest');
export type TCreateStoreCodeRequest = z.infer<typeof ZCreateStoreCodeRequest>;

export const ZUpdateStoreCodeRequest = z
  .object({
    name: fields.name.optional(),
    headline: fields.headline,
    radiusMetres: fields.radiusMetres.optional(),
    fallbackStoreId: fields.fallbackStoreId.optional(),
    participation: fields.participation.optional(),
    unitIds: fields.unitIds.optional(),
    // Replaces every per-store target when given.
    targets: fields.targets.optional(),
  })
  .openapi('UpdateStoreCodeRequest');
export type TUpdateStoreCodeRequest = z.infer<typeof ZUpdateStoreCodeRequest>;

export const ZStoreCode = z
  .object({
    id: z.number().int(),
    name: z.string(),
    headline: z.string().nullable(),
    radiusMetres: z.number().int(),
    fallbackStoreId: z.number().int(),
    fallbackStoreName: z.string().nullable(),
    // False when the fallback store has closed since: customers without a store in range get none.
    fallbackStoreOpen: z.boolean(),
    participation: z.enum(PARTICIPATIONS),
    unitIds: z.array(z.number().int()),
    // The permanent public URL printed in the QR (`/s/<slug>`).
    url: z.string(),
    slug: z.string(),
    // Stores taking part, and how many of them can be routed to (open, with coordinates).
    storeCount: z.number().int(),
    routableStoreCount: z.number().int(),
    scans7d: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string().nullable(),
  })
  .openapi('StoreCode');
export type TStoreCode = z.infer<typeof ZStoreCode>;

export const ZStoreCodeDetail = ZStoreCode.extend({
  targets: z.array(ZStoreTarget.extend({ storeName: z.string().nullable() })),
}).openapi('StoreCodeDetail');
export type TStoreCodeDetail = z.infer<typeof ZStoreCodeDetail>;

export const ZListStoreCodesQuery = ZPageQuery.extend({
  q: z.string().trim().max(64).optional(),
});
export type TListStoreCodesQuery = z.infer<typeof ZListStoreCodesQuery>;

// Coordinates arrive as query strings: an empty one means "not given" (the H5 sends `lat=&lng=`
// when it has none); the values are checked by parseLocation (400 on anything else).
const coordinate = (example: string) =>
  z
    .string()
    .max(24)
    .optional()
    .openapi({ example, description: 'Decimal degrees, WGS-84 (latitude −90…90, longitude −180…180)' });

export const ZLocationQuery = z.object({ lat: coordinate('31.2304'), lng: coordinate('121.4737') });

export const ZPublicLandingQuery = ZLocationQuery.extend({
  // A store the customer picked from the list (after declining to share their location).
  storeId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

export const ZSlugParam = z.object({
  slug: z
    .string()
    .min(1)
    .max(32)
    .openapi({ param: { name: 'slug', in: 'path' }, example: 'k3J9x2Lm0a' }),
});

/** What a routed customer is shown: a QR to scan (or long-press in WeChat) and, for group codes, a link. */
export const ZStoreTargetView = z
  .object({
    kind: z.enum(STORE_TARGET_KINDS),
    // The text the QR encodes (a contact way's QR URL, or the group code's landing URL).
    qrText: z.string().nullable(),
    // A page to open instead of scanning (the group code's landing page); null otherwise.
    url: z.string().nullable(),
    // Who the customer will add, when known (the guide's name for `guides`).
    staffName: z.string().nullable(),
  })
  .openapi('StoreTargetView');
export type TStoreTargetView = z.infer<typeof ZStoreTargetView>;

export const ZRoutedStore = z
  .object({
    id: z.number().int(),
    name: z.string(),
    city: z.string().nullable(),
    address: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    // Rounded metres from the customer, when their location is known.
    distanceMetres: z.number().int().nullable(),
  })
  .openapi('RoutedStore');
export type TRoutedStore = z.infer<typeof ZRoutedStore>;

export const ZStoreCodeLanding = z
  .object({
    title: z.string(),
    reason: z.enum(ROUTE_REASONS),
    store: ZRoutedStore.nullable(),
    target: ZStoreTargetView.nullable(),
    // Whether the customer can pick another store from the list.
    canChoose: z.boolean(),
  })
  .openapi('StoreCodeLanding');
export type TStoreCodeLanding = z.infer<typeof ZStoreCodeLanding>;

export const ZPublicStoresQuery = ZPageQuery.extend({
  city: z.string().trim().max(32).optional(),
});

export const ZPublicStore = ZRoutedStore.omit({ distanceMetres: true }).openapi('StoreCodePublicStore');
export const ZPublicCities = z
  .object({ items: z.array(z.object({ city: z.string(), storeCount: z.number().int() })) })
  .openapi('StoreCodeCities');

export const ZStoreCodePreview = z
  .object({
    reason: z.enum(ROUTE_REASONS),
    store: ZRoutedStore.nullable(),
    target: ZStoreTargetView.nullable(),
    radiusMetres: z.number().int(),
    // The nearest routable stores (up to 5) and whether each is inside the radius.
    nearest: z.array(ZRoutedStore.extend({ inRadius: z.boolean() })),
    // Stores of the code that routing skips, and why.
    skipped: z.object({ closed: z.number().int(), noCoordinates: z.number().int() }),
  })
  .openapi('StoreCodePreview');
export type TStoreCodePreview = z.infer<typeof ZStoreCodePreview>;

export const ZStoreCodeStatsQuery = z.object({
  // Days back from today (tenant time zone), today included.
  days: z.coerce.number().int().min(1).max(366).default(30),
});

export const ZStoreCodeStats = z
  .object({
    from: z.string(),
    to: z.string(),
    totals: z.object({
      scans: z.number().int(),
      nearest: z.number().int(),
      fallbackOutOfRange: z.number().int(),
      fallbackNoLocation: z.number().int(),
      chosen: z.number().int(),
      unavailable: z.number().int(),
      // (fallback_out_of_range + fallback_no_location) ÷ scans; 0 without scans.
      fallbackShare: z.number(),
    }),
    byStore: z.array(
      z.object({
        storeId: z.number().int().nullable(),
        storeName: z.string().nullable(),
        scans: z.number().int(),
        nearest: z.number().int(),
        fallbacks: z.number().int(),
        chosen: z.number().int(),
        // Median distance of the scans routed to the store with a known location, in metres.
        medianDistanceMetres: z.number().int().nullable(),
      }),
    ),
    byDay: z.array(
      z.object({ day: z.string(), scans: z.number().int(), fallbacks: z.number().int(), storeId: z.number().int().nullable() }),
    ),
  })
  .openapi('StoreCodeStats');
export type TStoreCodeStats = z.infer<typeof ZStoreCodeStats>;
