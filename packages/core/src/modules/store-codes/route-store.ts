import { distanceMetres, type TLatLng } from './geodesic.ts';

/** A store as routing sees it; callers pass their own richer objects and get them back. */
export type TRoutableStore = {
  id: number;
  latitude: number | null;
  longitude: number | null;
  // 'open' | 'closed' (org units); anything but 'open' is skipped.
  status: string;
};

export const ROUTE_REASONS = [
  // The nearest open store of the code within its radius.
  'nearest',
  // A location was given but no open store of the code is within the radius.
  'fallback_out_of_range',
  // No location (denied, unavailable, or not asked): the fallback store.
  'fallback_no_location',
  // The customer picked the store from the list (after denying the location).
  'chosen',
  // Nothing to route to: no open store in range and the fallback store is closed or gone.
  'unavailable',
] as const;
export type TRouteReason = (typeof ROUTE_REASONS)[number];

export type TRankedStore<S> = { store: S; distanceMetres: number };

export type TRouteResult<S> = {
  store: S | null;
  /** From the customer to the chosen store, when both locations are known; else null. */
  distanceMetres: number | null;
  reason: TRouteReason;
};

const located = (s: TRoutableStore): s is TRoutableStore & { latitude: number; longitude: number } =>
  s.latitude !== null && s.longitude !== null && Number.isFinite(s.latitude) && Number.isFinite(s.longitude);

// Distances are compared at centimetre precision, then by store id: two stores the same distance
// away always route the same way, whatever floating-point noise the formula leaves.
const byDistanceThenId = <S extends TRoutableStore>(a: TRankedStore<S>, b: TRankedStore<S>) =>
  Math.round(a.distanceMetres * 100) - Math.round(b.distanceMetres * 100) || a.store.id - b.store.id;

/**
 * The open stores with coordinates, nearest first (ties by id), with their geodesic distance from
 * `from`. Closed stores and stores without coordinates are left out.
 * @example
 * rankStores(stores, { lat: 31.2304, lng: 121.4737 })[0]; // { store, distanceMetres }
 */
export function rankStores<S extends TRoutableStore>(stores: readonly S[], from: TLatLng): TRankedStore<S>[] {
  return stores
    .filter((s) => s.status === 'open' && located(s))
    .map((store) => ({
      store,
      distanceMetres: distanceMetres(from, { lat: store.latitude as number, lng: store.longitude as number }),
    }))
    .sort(byDistanceThenId);
}

/**
 * Where a store code sends a customer: the nearest open store within `radiusMetres` of their
 * location; else the fallback store (when it is open); else nobody. Pure.
 * @example
 * routeStore({ stores, radiusMetres: 5000, fallback, location: { lat: 31.2397, lng: 121.4998 } });
 * // → { store: 陆家嘴店, distanceMetres: 1472.3, reason: 'nearest' }
 */
export function routeStore<S extends TRoutableStore>(input: {
  /** The stores taking part in the code (any status; closed ones are skipped). */
  stores: readonly S[];
  radiusMetres: number;
  /** The code's fallback store, or null when it no longer exists. */
  fallback: S | null;
  /** The customer's location (WGS-84), or null when unknown. */
  location: TLatLng | null;
}): TRouteResult<S> {
  const { stores, radiusMetres, fallback, location } = input;
  if (location) {
    const nearest = rankStores(stores, location)[0];
    if (nearest && nearest.distanceMetres <= radiusMetres) {
      return { store: nearest.store, distanceMetres: nearest.distanceMetres, reason: 'nearest' };
    }
  }
  if (fallback?.status !== 'open') return { store: null, distanceMetres: null, reason: 'unavailable' };
  const distance =
    location && located(fallback) ? distanceMetres(location, { lat: fallback.latitude, lng: fallback.longitude }) : null;
  return { store: fallback, distanceMetres: distance, reason: location ? 'fallback_out_of_range' : 'fallback_no_location' };
}
