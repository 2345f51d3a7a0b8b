import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels } from '../../../channels.ts';
import { systemActor, withActor } from '../../../context.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { orgUnits } from '../../org/org.tables.ts';
import { pruneStoreCodeScans, SCAN_RETENTION_DAYS } from '../prune-store-code-scans.ts';
import { createStoreCode } from '../save-store-code.ts';
import type { TStoreCodeDetail, TStoreCodeLanding, TStoreCodePreview, TStoreCodeStats } from '../store-codes.schemas.ts';
import { storeCodeScans } from '../store-codes.tables.ts';

let w: TestWorld;
// Stores added to the fixture's 徐汇店 (Shanghai, fallback) and 西湖店 (Hangzhou), at the demo
// brand's coordinates.
const ids = { lujiazui: 0, jingan: 0, nanjingEast: 0, noCoords: 0, otherStore: 0 };
let code: TStoreCodeDetail;

// Real places customers stand at.
const ORIENTAL_PEARL = { lat: '31.2397', lng: '121.4998' };
const PEOPLES_SQUARE = { lat: '31.2304', lng: '121.4737' };
const HONGQIAO_STATION = { lat: '31.1945', lng: '121.3203' };
const BROKEN_BRIDGE = { lat: '30.2593', lng: '120.1510' };

const json = async <T>(res: Response, status = 200): Promise<T> => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
};
const land = (slug: string, query: Record<string, string> = {}) =>
  w.app.request(`/api/public/store-codes/${slug}?${new URLSearchParams(query).toString()}`);
const scanCount = async (storeCodeId?: number) => {
  const [row] = await w.deps.db
    .select({ n: count() })
    .from(storeCodeScans)
    .where(storeCodeId ? eq(storeCodeScans.storeCodeId, storeCodeId) : undefined);
  return row?.n ?? 0;
};

beforeAll(async () => {
  w = await createTestWorld();
  registerChannels(w.deps);
  const unit = async (body: Record<string, unknown>) =>
    (
      await json<{ id: number }>(
        await w.request('POST', '/api/org/units', { body: { kind: 'store', parentId: w.ids.region, ...body } }),
        201,
      )
    ).id;
  ids.lujiazui = await unit({
    name: '陆家嘴店',
    code: 'SH03',
    city: '上海',
    address: '上海市浦东新区张杨路 500 号',
    latitude: 31.2303,
    longitude: 121.5158,
  });
  ids.jingan = await unit({
    name: '静安寺店',
    code: 'SH02',
    city: '上海',
    address: '上海市静安区南京西路 1618 号',
    latitude: 31.2237,
    longitude: 121.4459,
  });
  ids.nanjingEast = await unit({ name: '南京东路店', code: 'SH05', city: '上海', latitude: 31.2352, longitude: 121.48 });
  ids.noCoords = await unit({ name: '线上店', code: 'WEB', city: null });
  await json(await w.request('PATCH', `/api/org/units/${ids.nanjingEast}`, { body: { status: 'closed' } }));
  // The other tenant: one store at People's Square, and its own store code.
  const [other] = await w.deps.db
    .insert(orgUnits)
    .values({
      tenantId: w.otherTenantId,
      kind: 'store',
      name: '别家人民广场店',
      code: 'O1',
      latitude: 31.2304,
      longitude: 121.4737,
    })
    .returning();
  ids.otherStore = other?.id ?? 0;
});
afterAll(async () => {
  await w?.cleanup();
});

describe('store codes: create and validate', () => {
  it('refuses bad configurations with a 400 that says what to fix', async () => {
    const base = { name: '全国门店码', fallbackStoreId: w.ids.store1 };
    const cases: [string, Record<string, unknown>, string][] = [
      ['radius below 100 m', { ...base, radiusMetres: 50 }, 'radiusMetres'],
      ['radius above 100 km', { ...base, radiusMetres: 100_001 }, 'radiusMetres'],
      ['closed fallback', { ...base, fallbackStoreId: ids.nanjingEast }, 'fallbackStoreId'],
      ['fallback of another tenant', { ...base, fallbackStoreId: ids.otherStore }, 'fallbackStoreId'],
      ['a region as fallback', { ...base, fallbackStoreId: w.ids.region }, 'fallbackStoreId'],
      ['no stores chosen', { ...base, participation: 'stores', unitIds: [] }, 'unitIds'],
      ['a region listed as a store', { ...base, participation: 'stores', unitIds: [w.ids.region] }, 'unitIds'],
      ['a store listed as a region', { ...base, participation: 'regions', unitIds: [w.ids.store1] }, 'unitIds'],
      [
        'a target for a store outside the code',
        { ...base, participation: 'stores', unitIds: [w.ids.store1], targets: [{ storeId: ids.jingan, kind: 'guides' }] },
        'targets.0.storeId',
      ],
      [
        'a live code that does not exist',
        { ...base, targets: [{ storeId: ids.jingan, kind: 'live_code', refId: 999999 }] },
        'targets.0.refId',
      ],
      ['a group code without its id', { ...base, targets: [{ storeId: ids.jingan, kind: 'group_code' }] }, 'targets.0.refId'],
      [
        'two targets for one store',
        {
          ...base,
          targets: [
            { storeId: ids.jingan, kind: 'guides' },
            { storeId: ids.jingan, kind: 'guides' },
          ],
        },
        'targets.1.storeId',
      ],
    ];
    for (const [label, body, field] of cases) {
      const res = await w.request('POST', '/api/store-codes', { as: 'operator', body });
      const answer = (await res.json()) as { error: { code: string; message: string } };
      expect(res.status, label).toBe(400);
      expect(answer.error.message, label).toContain(field);
    }
    expect(await scanCount()).toBe(0);
    const list = await json<{ total: number }>(await w.request('GET', '/api/store-codes'));
    expect(list.total).toBe(0);
  });

  it('lets operators create codes, store managers read them, and nobody else', async () => {
    const body = { name: '店长试建', fallbackStoreId: w.ids.store1 };
    expect((await w.request('POST', '/api/store-codes', { as: 'manager1', body })).status).toBe(403);
    expect((await w.request('POST', '/api/store-codes', { as: 'guide1', body })).status).toBe(403);
    expect((await w.request('GET', '/api/store-codes', { as: 'guide1' })).status).toBe(403);
    code = await json<TStoreCodeDetail>(
      await w.request('POST', '/api/store-codes', {
        as: 'operator',
        body: { name: '全国门店码', headline: '添加附近门店福利官', radiusMetres: 3000, fallbackStoreId: w.ids.store1 },
      }),
      201,
    );
    expect(code.url).toMatch(new RegExp(`/s/${code.slug}$`));
    expect(code).toMatchObject({ participation: 'all', storeCount: 6, routableStoreCount: 4, fallbackStoreName: '徐汇店' });
    const read = await json<TStoreCodeDetail>(await w.request('GET', `/api/store-codes/${code.id}`, { as: 'manager1' }));
    expect(read.slug).toBe(code.slug);
  });
});

describe('store codes: the public landing route', () => {
  it('routes the Oriental Pearl Tower to 陆家嘴店 (1.85 km) and logs it', async () => {
    const before = await scanCount(code.id);
    const body = await json<TStoreCodeLanding>(await land(code.slug, ORIENTAL_PEARL));
    expect(body.reason).toBe('nearest');
    expect(body.title).toBe('添加附近门店福利官');
    expect(body.store).toMatchObject({ id: ids.lujiazui, name: '陆家嘴店', address: '上海市浦东新区张杨路 500 号' });
    expect(body.store?.distanceMetres).toBe(1847);
    expect(body.canChoose).toBe(true);
    expect(await scanCount(code.id)).toBe(before + 1);
  });

  it("skips the closed 南京东路店 nearest to People's Square and routes to 静安寺店", async () => {
    const body = await json<TStoreCodeLanding>(await land(code.slug, PEOPLES_SQUARE));
    expect(body).toMatchObject({ reason: 'nearest', store: { id: ids.jingan, distanceMetres: 2751 } });
  });

  it('routes Hangzhou customers to 西湖店 within the radius', async () => {
    const body = await json<TStoreCodeLanding>(await land(code.slug, BROKEN_BRIDGE));
    expect(body.reason).toBe('nearest');
    expect(body.store?.id).toBe(w.ids.store2);
  });

  it('sends customers out of range, or without a location, to the fallback store', async () => {
    const far = await json<TStoreCodeLanding>(await land(code.slug, HONGQIAO_STATION));
    expect(far).toMatchObject({ reason: 'fallback_out_of_range', store: { id: w.ids.store1 } });
    expect(far.store?.distanceMetres).toBeGreaterThan(11_000);
    const none = await json<TStoreCodeLanding>(await land(code.slug));
    expect(none).toMatchObject({ reason: 'fallback_no_location', store: { id: w.ids.store1, distanceMetres: null } });
    const empty = await json<TStoreCodeLanding>(await land(code.slug, { lat: '', lng: '' }));
    expect(empty.reason).toBe('fallback_no_location');
  });

  it("shows the store's guides' staff cards in turn when the store has no code of its own", async () => {
    const seen = new Set<string | null>();
    for (let i = 0; i < 4; i++) {
      const body = await json<TStoreCodeLanding>(await land(code.slug, { lat: '31.1932', lng: '121.4375' }));
      expect(body.store?.id).toBe(w.ids.store1);
      expect(body.target?.kind).toBe('guides');
      expect(body.target?.qrText).toMatch(/^https:\/\/sim\.pond\.local\/qr\//);
      seen.add(body.target?.staffName ?? null);
    }
    // 徐汇店's two guides, not its manager.
    expect([...seen].sort()).toEqual(['李娜', '王芳']);
    // A store without staff still shows itself, without a QR.
    const bare = await json<TStoreCodeLanding>(await land(code.slug, ORIENTAL_PEARL));
    expect(bare.target).toEqual({ kind: 'guides', qrText: null, url: null, staffName: null });
  });

  it('answers bad coordinates with 400 and logs nothing', async () => {
    const before = await scanCount();
    const bad: Record<string, string>[] = [
      { lat: '91', lng: '121' },
      { lat: '31', lng: '-180.5' },
      { lat: 'abc', lng: '121' },
      { lat: '31.2' },
      { lat: '1e2', lng: '121' },
      { lat: 'NaN', lng: 'NaN' },
    ];
    for (const q of bad) {
      const res = await land(code.slug, q);
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
    }
    expect(await scanCount()).toBe(before);
  });

  it('lets a customer who shares no location pick a city and a store', async () => {
    const cities = await json<{ items: { city: string; storeCount: number }[] }>(
      await w.app.request(`/api/public/store-codes/${code.slug}/cities`),
    );
    expect(cities.items).toEqual(
      expect.arrayContaining([
        { city: '上海', storeCount: 3 },
        { city: '杭州', storeCount: 1 },
        { city: '', storeCount: 1 },
      ]),
    );
    const shanghai = await json<{ items: { id: number; name: string }[]; total: number }>(
      await w.app.request(`/api/public/store-codes/${code.slug}/stores?city=${encodeURIComponent('上海')}`),
    );
    // Closed stores are not offered.
    expect(shanghai.items.map((s) => s.id).sort()).toEqual([w.ids.store1, ids.lujiazui, ids.jingan].sort());
    const chosen = await json<TStoreCodeLanding>(await land(code.slug, { storeId: String(ids.lujiazui) }));
    expect(chosen).toMatchObject({ reason: 'chosen', store: { id: ids.lujiazui, distanceMetres: null } });
    expect((await land(code.slug, { storeId: String(ids.nanjingEast) })).status).toBe(404);
    expect((await land(code.slug, { storeId: String(ids.otherStore) })).status).toBe(404);
  });

  it("keeps tenants apart: the other tenant's slug routes to its own stores only", async () => {
    const sys = withActor(w.deps, systemActor(w.otherTenantId));
    const theirs = await createStoreCode(sys, {
      name: 'their code',
      radiusMetres: 3000,
      fallbackStoreId: ids.otherStore,
      participation: 'all',
      unitIds: [],
      targets: [],
    });
    // From Lujiazui their only store is 4 km away: out of range → their fallback, never acme's 陆家嘴店.
    const body = await json<TStoreCodeLanding>(await land(theirs.slug, ORIENTAL_PEARL));
    expect(body.store?.id).toBe(ids.otherStore);
    expect(JSON.stringify(body)).not.toContain('陆家嘴');
    expect((await land(theirs.slug, { storeId: String(ids.lujiazui) })).status).toBe(404);
    // acme cannot see it by id, and its scans are not acme's.
    expect((await w.request('GET', `/api/store-codes/${theirs.id}`)).status).toBe(404);
    expect((await w.request('GET', `/api/store-codes/${theirs.id}/stats`)).status).toBe(404);
    expect((await w.request('GET', `/api/store-codes/${theirs.id}/preview?lat=31.23&lng=121.47`)).status).toBe(404);
    expect((await w.request('PATCH', `/api/store-codes/${theirs.id}`, { body: { name: 'x' } })).status).toBe(404);
    expect((await w.request('DELETE', `/api/store-codes/${theirs.id}`)).status).toBe(404);
    expect((await land(theirs.slug)).status).toBe(200);
    const [row] = await w.deps.db
      .select({ n: count() })
      .from(storeCodeScans)
      .where(and(eq(storeCodeScans.tenantId, w.tenantId), eq(storeCodeScans.storeCodeId, theirs.id)));
    expect(row?.n).toBe(0);
    // Another kind of link, and unknown slugs, are 404.
    expect((await land('Zz9unknown0')).status).toBe(404);
  });
});

describe('store codes: console preview, stats, changes', () => {
  it('previews routing for a location without logging it', async () => {
    const before = await scanCount();
    const p = await json<TStoreCodePreview>(
      await w.request('GET', `/api/store-codes/${code.id}/preview?lat=${PEOPLES_SQUARE.lat}&lng=${PEOPLES_SQUARE.lng}`, {
        as: 'operator',
      }),
    );
    expect(p.reason).toBe('nearest');
    expect(p.store?.id).toBe(ids.jingan);
    expect(p.nearest.map((s) => [s.id, s.inRadius])).toEqual([
      [ids.jingan, true],
      [ids.lujiazui, false],
      [w.ids.store1, false],
      [w.ids.store2, false],
    ]);
    expect(p.skipped).toEqual({ closed: 1, noCoordinates: 1 });
    expect(p.target?.kind).toBe('guides');
    expect((await w.request('GET', `/api/store-codes/${code.id}/preview?lat=95&lng=0`)).status).toBe(400);
    expect(await scanCount()).toBe(before);
  });

  it('counts scans by reason, store and day, and the share of fallbacks', async () => {
    const stats = await json<TStoreCodeStats>(
      await w.request('GET', `/api/store-codes/${code.id}/stats?days=7`, { as: 'operator' }),
    );
    // Nearest ×8: Oriental Pearl ×2, People's Square, Broken Bridge, at 徐汇店 ×4; fallback ×3:
    // Hongqiao, no location, empty location; chosen ×1.
    expect(stats.totals).toEqual({
      scans: 12,
      nearest: 8,
      fallbackOutOfRange: 1,
      fallbackNoLocation: 2,
      chosen: 1,
      unavailable: 0,
      fallbackShare: 3 / 12,
    });
    const byStore = new Map(stats.byStore.map((s) => [s.storeId, s]));
    expect(byStore.get(w.ids.store1)).toMatchObject({ storeName: '徐汇店', scans: 7, fallbacks: 3, nearest: 4 });
    expect(byStore.get(ids.lujiazui)).toMatchObject({ scans: 3, nearest: 2, chosen: 1, medianDistanceMetres: 1847 });
    expect(stats.byDay.reduce((n, d) => n + d.scans, 0)).toBe(12);
    expect(stats.to).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A store manager sees the scans routed to their store only (manager1 runs 徐汇店).
    const mine = await json<TStoreCodeStats>(await w.request('GET', `/api/store-codes/${code.id}/stats`, { as: 'manager1' }));
    expect(mine.totals.scans).toBe(7);
    expect(mine.byStore.map((s) => s.storeId)).toEqual([w.ids.store1]);
  });

  it('applies a smaller radius at once, and retires a code', async () => {
    expect((await w.request('PATCH', `/api/store-codes/${code.id}`, { body: {} })).status).toBe(400);
    const changed = await json<TStoreCodeDetail>(
      await w.request('PATCH', `/api/store-codes/${code.id}`, { as: 'operator', body: { radiusMetres: 1000 } }),
    );
    expect(changed.radiusMetres).toBe(1000);
    const far = await json<TStoreCodeLanding>(await land(code.slug, ORIENTAL_PEARL));
    expect(far.reason).toBe('fallback_out_of_range');
    expect((await w.request('DELETE', `/api/store-codes/${code.id}`, { as: 'guide1' })).status).toBe(403);
    expect((await w.request('DELETE', `/api/store-codes/${code.id}`, { as: 'operator' })).status).toBe(204);
    const gone = await land(code.slug, ORIENTAL_PEARL);
    expect(gone.status).toBe(404);
    expect((await w.request('GET', `/api/store-codes/${code.id}`)).status).toBe(404);
    expect((await json<{ total: number }>(await w.request('GET', '/api/store-codes'))).total).toBe(0);
  });
});

describe("store codes: each store's own live code or group code", () => {
  it('shows the store’s live code or group code, and its guides once the code is paused or archived', async () => {
    const live = await json<{ id: number; qrCode: string | null }>(
      await w.request('POST', '/api/live-codes', {
        as: 'operator',
        body: { name: '静安寺店导购码', channelName: '门店活码', pool: [{ staffId: w.ids.guide3 }] },
      }),
      201,
    );
    expect(live.qrCode).toBeTruthy();
    const group = await json<{ id: number; url: string }>(
      await w.request('POST', '/api/group-codes', {
        as: 'operator',
        body: {
          name: '徐汇店福利群码',
          storeId: w.ids.store1,
          groupNameTemplate: '徐汇店福利{n}群',
          groupIds: [w.ids.group1],
          ownerStaffIds: [w.ids.guide1],
        },
      }),
      201,
    );
    const code2 = await json<TStoreCodeDetail>(
      await w.request('POST', '/api/store-codes', {
        as: 'operator',
        body: {
          name: '上海门店码',
          fallbackStoreId: w.ids.store1,
          targets: [
            { storeId: ids.jingan, kind: 'live_code', refId: live.id },
            { storeId: w.ids.store1, kind: 'group_code', refId: group.id },
          ],
        },
      }),
      201,
    );
    expect(code2.targets.map((t) => [t.storeName, t.kind])).toEqual([
      ['徐汇店', 'group_code'],
      ['静安寺店', 'live_code'],
    ]);

    const atJingan = await json<TStoreCodeLanding>(await land(code2.slug, PEOPLES_SQUARE));
    expect(atJingan.store?.id).toBe(ids.jingan);
    expect(atJingan.target).toEqual({ kind: 'live_code', qrText: live.qrCode, url: null, staffName: null });
    const fallback = await json<TStoreCodeLanding>(await land(code2.slug));
    expect(fallback.store?.id).toBe(w.ids.store1);
    expect(fallback.target).toEqual({ kind: 'group_code', qrText: group.url, url: group.url, staffName: null });

    // A paused group code turns visitors away: the store's guides take them instead.
    await json(await w.request('PATCH', `/api/group-codes/${group.id}`, { as: 'operator', body: { status: 'paused' } }));
    const paused = await json<TStoreCodeLanding>(await land(code2.slug));
    expect(paused.target?.kind).toBe('guides');
    expect(['王芳', '李娜']).toContain(paused.target?.staffName);

    // An archived live code has no QR any more, and cannot be chosen for a new store code.
    await json(await w.request('PATCH', `/api/live-codes/${live.id}`, { as: 'operator', body: { status: 'archived' } }));
    const archived = await json<TStoreCodeLanding>(await land(code2.slug, PEOPLES_SQUARE));
    expect(archived.target).toEqual({ kind: 'guides', qrText: null, url: null, staffName: null });
    const refused = await w.request('POST', '/api/store-codes', {
      as: 'operator',
      body: { name: 'x', fallbackStoreId: w.ids.store1, targets: [{ storeId: ids.jingan, kind: 'live_code', refId: live.id }] },
    });
    expect(refused.status).toBe(400);
    // Renaming the store code does not re-check the targets it already has.
    const renamed = await w.request('PATCH', `/api/store-codes/${code2.id}`, { as: 'operator', body: { name: '上海门店码 2' } });
    expect(renamed.status).toBe(200);
  });
});

describe('store codes: retention', () => {
  it('prunes scans older than the retention and keeps the rest', async () => {
    const old = new Date(Date.now() - (SCAN_RETENTION_DAYS + 1) * 24 * 3600_000);
    const recent = new Date(Date.now() - (SCAN_RETENTION_DAYS - 1) * 24 * 3600_000);
    const row = { tenantId: w.tenantId, storeCodeId: 424242, storeId: null, reason: 'unavailable', distanceMetres: null };
    await w.deps.db.insert(storeCodeScans).values([
      { ...row, createdAt: old },
      { ...row, createdAt: old },
      { ...row, createdAt: recent },
    ]);
    const before = await scanCount();
    expect(await pruneStoreCodeScans(w.deps)).toBe(2);
    expect(await scanCount()).toBe(before - 2);
    expect(await scanCount(424242)).toBe(1);
    expect(await pruneStoreCodeScans(w.deps)).toBe(0);
  });
});
