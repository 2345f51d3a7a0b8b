import { type Ctx, dbOf } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { TLatLng } from './geodesic.ts';
import { assertCanReadStoreCodes, findStoreCode, getStoreCodeTargets } from './get-store-code.ts';
import { parseLocation } from './parse-location.ts';
import { loadUnits, participatingStores, type TStoreUnit } from './participating-stores.ts';
import { rankStores, routeStore, type TRouteResult } from './route-store.ts';
import { resolveStoreTarget } from './store-code-targets.ts';
import type { TRoutedStore, TStoreCodeLanding, TStoreCodePreview, TStoreTarget } from './store-codes.schemas.ts';
import { storeCodeScans, type storeCodes } from './store-codes.tables.ts';

type TRouted = {
  result: TRouteResult<TStoreUnit>;
  members: TStoreUnit[];
  targets: Map<number, TStoreTarget>;
};

const toRoutedStore = (s: TStoreUnit, distance: number | null): TRoutedStore => ({
  id: s.id,
  name: s.name,
  city: s.city,
  address: s.address,
  latitude: s.latitude,
  longitude: s.longitude,
  distanceMetres: distance === null ? null : Math.round(distance),
});

/** Routes one request for a code: by location, or to the store the customer picked. */
async function routeCode(
  ctx: Ctx,
  code: typeof storeCodes.$inferSelect,
  input: { location: TLatLng | null; chosenStoreId?: number },
): Promise<TRouted> {
  const [{ stores }, targetList] = await Promise.all([loadUnits(ctx), getStoreCodeTargets(ctx, code.id)]);
  const members = participatingStores(code, stores);
  const targets = new Map(targetList.map((t) => [t.storeId, t]));
  if (input.chosenStoreId !== undefined) {
    const chosen = members.find((s) => s.id === input.chosenStoreId && s.status === 'open');
    if (!chosen) throw notFound('Store', input.chosenStoreId);
    const ranked = input.location ? rankStores([chosen], input.location)[0] : undefined;
    return { result: { store: chosen, distanceMetres: ranked?.distanceMetres ?? null, reason: 'chosen' }, members, targets };
  }
  const result = routeStore({
    stores: members,
    radiusMetres: code.radiusMetres,
    fallback: stores.get(code.fallbackStoreId) ?? null,
    location: input.location,
  });
  return { result, members, targets };
}

async function targetFor(ctx: Ctx, routed: TRouted, turn: number) {
  const store = routed.result.store;
  return store ? resolveStoreTarget(ctx, store, routed.targets.get(store.id), turn) : null;
}

/**
 * The landing page of a store code (`/s/<slug>`, public): routes the customer by their location
 * (or to the store they picked), logs the resolution for statistics, and answers the store and
 * what to scan. Retired codes are 404; bad coordinates are 400 and log nothing. `ctx` acts for the
 * tenant the slug belongs to (see `storeCodeOfSlug`).
 */
export async function resolveStoreCodeLanding(
  ctx: Ctx,
  codeId: number,
  query: { lat?: string; lng?: string; storeId?: number },
): Promise<TStoreCodeLanding> {
  const location = parseLocation(query.lat, query.lng);
  const code = await findStoreCode(ctx, codeId);
  if (!code) throw new AppError('NOT_FOUND', 'This store code is no longer in use. Ask the store staff for a new one.');
  const routed = await routeCode(ctx, code, { location, chosenStoreId: query.storeId });
  const { store, distanceMetres, reason } = routed.result;
  const [scan] = await dbOf(ctx)
    .insert(storeCodeScans)
    .values({
      tenantId: ctx.actor.tenantId,
      storeCodeId: code.id,
      storeId: store?.id ?? null,
      reason,
      distanceMetres: distanceMetres === null ? null : Math.round(distanceMetres),
    })
    .returning({ id: storeCodeScans.id });
  ctx.log.info({ storeCodeId: code.id, storeId: store?.id ?? null, reason, distanceMetres }, 'store code resolved');
  return {
    title: code.headline || code.name,
    reason,
    store: store ? toRoutedStore(store, distanceMetres) : null,
    // Successive scans take the store's guides in turn.
    target: await targetFor(ctx, routed, scan?.id ?? 0),
    canChoose: routed.members.some((s) => s.status === 'open'),
  };
}

/**
 * What the code would do for a customer at `location` (or without one), for the console's "test a
 * location" box: the routed store and target, the nearest stores and what routing skips. Logs nothing.
 */
export async function previewStoreCode(ctx: Ctx, id: number, location: TLatLng | null): Promise<TStoreCodePreview> {
  assertCanReadStoreCodes(ctx);
  const code = await findStoreCode(ctx, id);
  if (!code) throw notFound('Store code', id);
  const routed = await routeCode(ctx, code, { location });
  const { store, distanceMetres, reason } = routed.result;
  const nearest = location
    ? rankStores(routed.members, location)
        .slice(0, 5)
        .map((r) => ({ ...toRoutedStore(r.store, r.distanceMetres), inRadius: r.distanceMetres <= code.radiusMetres }))
    : [];
  return {
    reason,
    store: store ? toRoutedStore(store, distanceMetres) : null,
    target: await targetFor(ctx, routed, 0),
    radiusMetres: code.radiusMetres,
    nearest,
    skipped: {
      closed: routed.members.filter((s) => s.status !== 'open').length,
      noCoordinates: routed.members.filter((s) => s.status === 'open' && (s.latitude === null || s.longitude === null)).length,
    },
  };
}
