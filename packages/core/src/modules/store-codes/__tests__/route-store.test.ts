import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceMetres, type TLatLng } from '../geodesic.ts';
import { rankStores, routeStore, type TRoutableStore, type TRouteReason } from '../route-store.ts';

type TStore = TRoutableStore & { name: string };

// The demo brand's stores (packages/sim/src/data/brand.ts), plus a closed one near People's
// Square and an open one without coordinates.
const S = {
  xujiahui: { id: 101, name: '徐家汇店', latitude: 31.1934, longitude: 121.4372, status: 'open' },
  jingan: { id: 102, name: '静安寺店', latitude: 31.2237, longitude: 121.4459, status: 'open' },
  lujiazui: { id: 103, name: '陆家嘴店', latitude: 31.2303, longitude: 121.5158, status: 'open' },
  zhongshan: { id: 104, name: '中山公园店', latitude: 31.2195, longitude: 121.4178, status: 'open' },
  hubin: { id: 105, name: '湖滨店', latitude: 30.2587, longitude: 120.1664, status: 'open' },
  wensan: { id: 106, name: '文三路店', latitude: 30.2801, longitude: 120.1296, status: 'open' },
  nanjingEast: { id: 107, name: '南京东路店(已闭店)', latitude: 31.2352, longitude: 121.48, status: 'closed' },
  online: { id: 108, name: '线上旗舰店', latitude: null, longitude: null, status: 'open' },
} satisfies Record<string, TStore>;
const ALL: TStore[] = Object.values(S);

// Real places customers stand at.
const AT = {
  orientalPearl: { lat: 31.2397, lng: 121.4998 },
  grandGateway: { lat: 31.1947, lng: 121.4365 },
  peoplesSquare: { lat: 31.2304, lng: 121.4737 },
  brokenBridge: { lat: 30.2593, lng: 120.151 },
  zjuYuquan: { lat: 30.2636, lng: 120.1238 },
  hongqiaoStation: { lat: 31.1945, lng: 121.3203 },
  hangzhouEast: { lat: 30.2906, lng: 120.2131 },
  tiananmen: { lat: 39.9087, lng: 116.3975 },
} satisfies Record<string, TLatLng>;

type TCase = {
  name: string;
  location: TLatLng | null;
  radius?: number;
  fallback?: TStore | null;
  stores?: TStore[];
  store: TStore | null;
  /** Expected distance in metres (to 0.1 m), or null. */
  distance: number | null;
  reason: TRouteReason;
};

const CASES: TCase[] = [
  { name: 'Oriental Pearl Tower → 陆家嘴店', location: AT.orientalPearl, store: S.lujiazui, distance: 1846.5, reason: 'nearest' },
  { name: 'Grand Gateway 66 → 徐家汇店', location: AT.grandGateway, store: S.xujiahui, distance: 158.8, reason: 'nearest' },
  {
    name: "People's Square: the closed 南京东路店 (0.9 km) is skipped → 静安寺店",
    location: AT.peoplesSquare,
    store: S.jingan,
    distance: 2750.9,
    reason: 'nearest',
  },
  {
    name: "People's Square with a 2 km radius → out of range → fallback 徐家汇店",
    location: AT.peoplesSquare,
    radius: 2000,
    store: S.xujiahui,
    distance: 5378.3,
    reason: 'fallback_out_of_range',
  },
  { name: 'West Lake Broken Bridge → 湖滨店', location: AT.brokenBridge, store: S.hubin, distance: 1483.5, reason: 'nearest' },
  { name: 'Zhejiang University Yuquan → 文三路店', location: AT.zjuYuquan, store: S.wensan, distance: 1912.4, reason: 'nearest' },
  {
    name: 'Hongqiao Railway Station (9.7 km from the nearest) → fallback',
    location: AT.hongqiaoStation,
    store: S.xujiahui,
    distance: 11142.5,
    reason: 'fallback_out_of_range',
  },
  {
    name: 'Hangzhou East Station, 3 km radius → fallback',
    location: AT.hangzhouEast,
    store: S.xujiahui,
    distance: 154135.3,
    reason: 'fallback_out_of_range',
  },
  {
    name: 'Hangzhou East Station, 6 km radius → 湖滨店',
    location: AT.hangzhouEast,
    radius: 6000,
    store: S.hubin,
    distance: 5718.1,
    reason: 'nearest',
  },
  {
    name: 'Tiananmen (another city) → fallback 徐家汇店, ~1,069 km away',
    location: AT.tiananmen,
    store: S.xujiahui,
    distance: 1069011.2,
    reason: 'fallback_out_of_range',
  },
  {
    name: 'no location → fallback, no distance',
    location: null,
    store: S.xujiahui,
    distance: null,
    reason: 'fallback_no_location',
  },
  {
    name: 'out of range, fallback store without coordinates → fallback, no distance',
    location: AT.peoplesSquare,
    radius: 1000,
    fallback: S.online,
    store: S.online,
    distance: null,
    reason: 'fallback_out_of_range',
  },
  {
    name: 'out of range and the fallback store has closed → nobody',
    location: AT.hongqiaoStation,
    fallback: S.nanjingEast,
    store: null,
    distance: null,
    reason: 'unavailable',
  },
  {
    name: 'no location and the fallback store is gone → nobody',
    location: null,
    fallback: null,
    store: null,
    distance: null,
    reason: 'unavailable',
  },
  {
    name: 'in range of an open store even when the fallback has closed',
    location: AT.orientalPearl,
    fallback: S.nanjingEast,
    store: S.lujiazui,
    distance: 1846.5,
    reason: 'nearest',
  },
  {
    name: 'no participating store at all → fallback',
    location: AT.orientalPearl,
    stores: [],
    store: S.xujiahui,
    distance: 7869.8,
    reason: 'fallback_out_of_range',
  },
];

describe('routeStore (known coordinates in Shanghai and Hangzhou)', () => {
  it.each(CASES)('$name', (c) => {
    const result = routeStore({
      stores: c.stores ?? ALL,
      radiusMetres: c.radius ?? 3000,
      fallback: c.fallback === undefined ? S.xujiahui : c.fallback,
      location: c.location,
    });
    expect(result.reason).toBe(c.reason);
    expect(result.store?.id ?? null).toBe(c.store?.id ?? null);
    if (c.distance === null) expect(result.distanceMetres).toBeNull();
    else expect(result.distanceMetres).toBeCloseTo(c.distance, 0);
  });

  it('counts a store exactly at the radius as in range (and 1 cm beyond as out)', () => {
    const exact = distanceMetres(AT.brokenBridge, { lat: S.hubin.latitude, lng: S.hubin.longitude });
    const at = routeStore({ stores: ALL, radiusMetres: exact, fallback: S.xujiahui, location: AT.brokenBridge });
    expect(at).toMatchObject({ store: S.hubin, reason: 'nearest' });
    const beyond = routeStore({ stores: ALL, radiusMetres: exact - 0.01, fallback: S.xujiahui, location: AT.brokenBridge });
    expect(beyond).toMatchObject({ store: S.xujiahui, reason: 'fallback_out_of_range' });
  });

  it('breaks ties by store id, whatever the order stores come in', () => {
    const customer = { lat: 31.2, lng: 121.45 };
    // Mirror images east and west of the customer: the same geodesic distance.
    const west: TStore = { id: 9, name: 'west', latitude: 31.2, longitude: 121.44, status: 'open' };
    const east: TStore = { id: 8, name: 'east', latitude: 31.2, longitude: 121.46, status: 'open' };
    const twin: TStore = { id: 7, name: 'twin of west', latitude: 31.2, longitude: 121.44, status: 'open' };
    for (const stores of [
      [west, east, twin],
      [twin, east, west],
      [east, twin, west],
    ]) {
      const r = routeStore({ stores, radiusMetres: 3000, fallback: null, location: customer });
      expect(r.store?.id).toBe(7);
      expect(rankStores(stores, customer).map((x) => x.store.id)).toEqual([7, 8, 9]);
    }
  });

  it('ranks only open stores with coordinates, nearest first', () => {
    const ranked = rankStores(ALL, AT.peoplesSquare);
    expect(ranked.map((r) => r.store.name)).toEqual(['静安寺店', '陆家嘴店', '徐家汇店', '中山公园店', '湖滨店', '文三路店']);
    expect(ranked.every((r, i) => i === 0 || (ranked[i - 1]?.distanceMetres ?? 0) <= r.distanceMetres)).toBe(true);
  });
});

describe('routeStore properties', () => {
  const store = (id: number) =>
    fc.record({
      id: fc.constant(id),
      name: fc.constant(`s${id}`),
      latitude: fc.option(fc.double({ min: 29.5, max: 32.5, noNaN: true }), { nil: null, freq: 8 }),
      longitude: fc.option(fc.double({ min: 119.5, max: 122.5, noNaN: true }), { nil: null, freq: 8 }),
      status: fc.constantFrom('open', 'open', 'open', 'closed'),
    });
  const stores = fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => store(i + 1))));
  const location = fc.option(
    fc.record({ lat: fc.double({ min: 29.5, max: 32.5, noNaN: true }), lng: fc.double({ min: 119.5, max: 122.5, noNaN: true }) }),
    { nil: null, freq: 6 },
  );
  const radius = fc.integer({ min: 100, max: 100_000 });

  it('never routes to a closed store; "nearest" is in range and nothing open is closer; order does not matter', () => {
    fc.assert(
      fc.property(stores, location, radius, fc.nat(), (list, loc, r, fallbackPick) => {
        const fallback = list.length ? (list[fallbackPick % list.length] ?? null) : null;
        const result = routeStore({ stores: list, radiusMetres: r, fallback, location: loc });
        if (result.store) expect(result.store.status).toBe('open');
        if (result.reason === 'nearest') {
          expect(result.distanceMetres).not.toBeNull();
          expect(result.distanceMetres as number).toBeLessThanOrEqual(r);
          for (const other of rankStores(list, loc as TLatLng)) {
            expect(Math.round(other.distanceMetres * 100)).toBeGreaterThanOrEqual(
              Math.round((result.distanceMetres as number) * 100),
            );
          }
        } else if (result.reason !== 'unavailable') {
          expect(result.store?.id).toBe(fallback?.id);
        }
        const reversed = routeStore({ stores: [...list].reverse(), radiusMetres: r, fallback, location: loc });
        expect(reversed.store?.id).toBe(result.store?.id);
        expect(reversed.reason).toBe(result.reason);
      }),
      { numRuns: 500 },
    );
  });
});
