import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ctx, systemActor, withActor } from '../../../context.ts';
import { storageFor } from '../../../lib/storage.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { json } from '../../../testing/json.ts';
import { getMaterial } from '../list-materials.ts';
import { publicMaterialUrl } from '../material-views.ts';
import { purgeDeletedMaterialFiles } from '../materials.jobs.ts';
import { materials } from '../materials.tables.ts';

let w: TestWorld;
let ctx: Ctx;
let dataDir: string;
beforeAll(async () => {
  w = await createTestWorld();
  // Files on disk, so the local storage is what the routes use.
  dataDir = mkdtempSync(join(tmpdir(), 'pond-materials-'));
  w.deps.dataDir = dataDir;
  ctx = withActor(w.deps, systemActor(w.tenantId));
});
afterAll(async () => {
  await w.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);

async function upload(bytes: Uint8Array, filename: string, fields: Record<string, string> = {}, as = 'admin'): Promise<Response> {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), filename);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return w.app.request('/api/materials/upload', { method: 'POST', headers: { cookie: await w.login(as) }, body: fd });
}

const filesOnDisk = (): string[] => {
  const dir = join(dataDir, 'files', `t${w.tenantId}`, 'materials');
  try {
    return readdirSync(dir).filter((f) => !f.endsWith('.type'));
  } catch {
    return [];
  }
};

describe('upload', () => {
  it('stores a valid PNG under the data directory and serves it back with an ETag', async () => {
    const res = await upload(PNG, '新品海报.png', { title: '夏季新品', tags: '新品, 夏季' });
    expect(res.status).toBe(201);
    const m = await json(res);
    expect(m).toMatchObject({
      type: 'image',
      title: '夏季新品',
      tags: ['新品', '夏季'],
      mimeType: 'image/png',
      byteSize: PNG.length,
    });
    expect(m.fileUrl).toBe(`/api/materials/${m.id}/file`);
    expect(filesOnDisk()).toHaveLength(1);

    const file = await w.app.request(m.fileUrl, { headers: { cookie: await w.login('guide1') } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([...PNG]);
    const etag = file.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"m-[0-9a-f]{32}"$/);
    const again = await w.app.request(m.fileUrl, { headers: { cookie: await w.login('guide1'), 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('refuses bytes that are not what the name says with 415, storing nothing', async () => {
    const before = filesOnDisk().length;
    const res = await upload(JPEG, 'fake.png');
    expect(res.status).toBe(415);
    expect((await json(res)).error.message).toMatch(/not PNG/);
    const exe = await upload(new Uint8Array([0x4d, 0x5a, 0, 0]), 'tool.exe');
    expect(exe.status).toBe(415);
    expect(filesOnDisk()).toHaveLength(before);
  });

  it('refuses an image over 10 MB with 413 and a message saying the limit', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG);
    const res = await upload(big, 'big.png');
    expect(res.status).toBe(413);
    expect((await json(res)).error.message).toMatch(/at most 10 MB/);
  });

  it('keeps a file name with path parts out of the storage path', async () => {
    const res = await upload(PNG, '../../../etc/evil.png');
    expect(res.status).toBe(201);
    const m = await json(res);
    // The name is only a label: the key is Pond's own, under the tenant's folder.
    expect(m.fileName).toBe('../../../etc/evil.png');
    expect(filesOnDisk().every((f) => /^[0-9a-f-]{36}\.png$/.test(f))).toBe(true);
    // And the storage itself refuses any key that would leave its root.
    const storage = storageFor(w.deps);
    await expect(storage.get('../../../etc/passwd')).rejects.toThrow(/safe relative path/);
    await expect(storage.put(`t${w.tenantId}/../../escape.png`, PNG, 'image/png')).rejects.toThrow(/safe relative path/);
  });

  it('lets only admins and operators upload', async () => {
    expect((await upload(PNG, 'a.png', {}, 'guide1')).status).toBe(403);
    expect((await upload(PNG, 'a.png', {}, 'manager1')).status).toBe(403);
    expect((await upload(PNG, 'a.png', {}, 'operator')).status).toBe(201);
  });

  it('answers 415 to a JSON body on the upload route', async () => {
    const res = await w.request('POST', '/api/materials/upload', { body: { title: 'x' } });
    expect(res.status).toBe(415);
  });
});

describe('links, mini programs, list and search', () => {
  let folderId: number;
  beforeAll(async () => {
    const f = await json(await w.request('POST', '/api/material-folders', { body: { name: '活动' } }));
    folderId = f.id;
    for (let i = 1; i <= 25; i++) {
      const res = await w.request('POST', '/api/materials', {
        body: {
          type: 'link',
          title: `会员日 ${i}`,
          linkUrl: `https://shop.example.com/e/${i}`,
          tags: i % 2 ? ['会员'] : [],
          folderId,
        },
      });
      expect(res.status).toBe(201);
    }
    const mp = await w.request('POST', '/api/materials', {
      body: {
        type: 'miniprogram',
        title: '商城首页',
        appId: 'wx1234567890abcdef',
        pagePath: 'pages/index/index',
        description: '百分百_折扣',
      },
    });
    expect(mp.status).toBe(201);
  });

  it('validates link and mini-program fields', async () => {
    const bad = await w.request('POST', '/api/materials', { body: { type: 'link', title: 'x', linkUrl: 'javascript:alert(1)' } });
    expect(bad.status).toBe(400);
    const badApp = await w.request('POST', '/api/materials', {
      body: { type: 'miniprogram', title: 'x', appId: 'nope', pagePath: 'p' },
    });
    expect(badApp.status).toBe(400);
    expect((await json(badApp)).error.message).toMatch(/AppID/);
  });

  it('pages deterministically, newest first, with totals', async () => {
    const p1 = await json(await w.request('GET', `/api/materials?folderId=${folderId}&pageSize=10`));
    const p3 = await json(await w.request('GET', `/api/materials?folderId=${folderId}&pageSize=10&page=3`));
    expect(p1.total).toBe(25);
    expect(p1.items).toHaveLength(10);
    expect(p1.items[0].title).toBe('会员日 25');
    expect(p3.items.map((m: { title: string }) => m.title)).toEqual(['会员日 5', '会员日 4', '会员日 3', '会员日 2', '会员日 1']);
  });

  it('searches title, description and tags; filters by type and tag; % and _ are literal', async () => {
    const byTitle = await json(await w.request('GET', `/api/materials?q=${encodeURIComponent('会员日 2')}`));
    expect(byTitle.total).toBe(7); // 2, 20–25
    const byTag = await json(await w.request('GET', `/api/materials?tag=${encodeURIComponent('会员')}&pageSize=50`));
    expect(byTag.total).toBe(13);
    const byTagSearch = await json(await w.request('GET', `/api/materials?q=${encodeURIComponent('夏季')}`));
    expect(byTagSearch.items.map((m: { title: string }) => m.title)).toEqual(['夏季新品']);
    const underscore = await json(await w.request('GET', `/api/materials?q=${encodeURIComponent('百_折')}`));
    expect(underscore.total).toBe(1);
    const percent = await json(await w.request('GET', `/api/materials?q=${encodeURIComponent('%')}`));
    expect(percent.total).toBe(0);
    const mps = await json(await w.request('GET', '/api/materials?type=miniprogram'));
    expect(mps.items.map((m: { appId: string }) => m.appId)).toEqual(['wx1234567890abcdef']);
    const tags = await json(await w.request('GET', '/api/materials/tags', { as: 'guide1' }));
    expect(tags.items).toEqual(expect.arrayContaining(['会员', '夏季', '新品']));
  });

  it('lets guides read and search but not change anything', async () => {
    const list = await w.request('GET', '/api/materials?type=link&pageSize=1', { as: 'guide1' });
    expect(list.status).toBe(200);
    const id = (await json(list)).items[0].id;
    expect((await w.request('GET', `/api/materials/${id}`, { as: 'guide1' })).status).toBe(200);
    expect((await w.request('PATCH', `/api/materials/${id}`, { as: 'guide1', body: { title: 'x' } })).status).toBe(403);
    expect((await w.request('DELETE', `/api/materials/${id}`, { as: 'guide1' })).status).toBe(403);
    expect(
      (await w.request('POST', '/api/materials', { as: 'guide1', body: { type: 'link', title: 'x', linkUrl: 'https://a.b' } }))
        .status,
    ).toBe(403);
    expect((await w.request('POST', '/api/material-folders', { as: 'guide1', body: { name: 'x' } })).status).toBe(403);
  });

  it('keeps tenants apart', async () => {
    const other = await w.request('GET', '/api/materials', { as: null });
    expect(other.status).toBe(401);
    const list = await json(await w.request('GET', '/api/materials?pageSize=1'));
    const id = list.items[0].id;
    const otherCtx = withActor(w.deps, systemActor(w.otherTenantId));
    await expect(getMaterial(otherCtx, id)).rejects.toThrow(/not found/);
  });

  it('updates, checks fields against the type, and soft-deletes with an audit entry', async () => {
    const list = await json(await w.request('GET', `/api/materials?folderId=${folderId}&pageSize=1`));
    const id = list.items[0].id;
    const patched = await json(
      await w.request('PATCH', `/api/materials/${id}`, { body: { title: '改名了', tags: ['a', 'a', 'b'] } }),
    );
    expect(patched).toMatchObject({ title: '改名了', tags: ['a', 'b'] });
    const wrong = await w.request('PATCH', `/api/materials/${id}`, { body: { appId: 'wx1234567890abcdef' } });
    expect(wrong.status).toBe(400);
    // A guide's manual send counts.
    expect((await json(await w.request('POST', `/api/materials/${id}/used`, { as: 'guide1' }))).usageCount).toBe(1);
    expect((await w.request('DELETE', `/api/materials/${id}`)).status).toBe(204);
    expect((await w.request('POST', `/api/materials/${id}/used`, { as: 'guide1' })).status).toBe(404);
    expect((await w.request('GET', `/api/materials/${id}`)).status).toBe(404);
    expect((await w.request('DELETE', `/api/materials/${id}`)).status).toBe(404);
    const audit = await json(await w.request('GET', '/api/audit?pageSize=50'));
    expect(
      audit.items.some((a: { action: string; targetId: string }) => a.action === 'material.delete' && a.targetId === String(id)),
    ).toBe(true);
  });
});

describe('folders', () => {
  it('nests folders, keeps sibling names unique, and refuses to delete a non-empty one', async () => {
    const parent = await json(await w.request('POST', '/api/material-folders', { body: { name: '门店' } }));
    const child = await w.request('POST', '/api/material-folders', { body: { name: '徐汇', parentId: parent.id } });
    expect(child.status).toBe(201);
    const childId = (await json(child)).id;
    // The same name elsewhere is fine; twice under one parent is not.
    expect((await w.request('POST', '/api/material-folders', { body: { name: '徐汇' } })).status).toBe(201);
    expect((await w.request('POST', '/api/material-folders', { body: { name: '徐汇', parentId: parent.id } })).status).toBe(409);
    // A folder cannot move under its own child.
    expect((await w.request('PATCH', `/api/material-folders/${parent.id}`, { body: { parentId: childId } })).status).toBe(400);
    expect((await w.request('DELETE', `/api/material-folders/${parent.id}`)).status).toBe(409);
    const m = await json(
      await w.request('POST', '/api/materials', {
        body: { type: 'link', title: 'in child', linkUrl: 'https://a.example.com', folderId: childId },
      }),
    );
    const busy = await w.request('DELETE', `/api/material-folders/${childId}`);
    expect(busy.status).toBe(409);
    expect((await json(busy)).error.message).toMatch(/1 material/);
    await w.request('PATCH', `/api/materials/${m.id}`, { body: { folderId: null } });
    expect((await w.request('DELETE', `/api/material-folders/${childId}`)).status).toBe(204);
    expect((await w.request('DELETE', `/api/material-folders/${parent.id}`)).status).toBe(204);
    const folders = await json(await w.request('GET', '/api/material-folders', { as: 'guide1' }));
    expect(folders.items.some((f: { id: number }) => f.id === parent.id)).toBe(false);
  });
});

describe('public file URL', () => {
  it('serves the bytes without a session for the right signature, 404 for a tampered one', async () => {
    const m = await json(await upload(PNG, 'pub.png'));
    const url = publicMaterialUrl(w.deps, w.tenantId, { id: m.id, sha256: await sha256Of(m.id) });
    expect(url.startsWith(`${w.deps.publicUrl}/api/public/materials/${w.tenantId}/${m.id}/`)).toBe(true);
    const path = url.slice(w.deps.publicUrl.length);
    const ok = await w.app.request(path);
    expect(ok.status).toBe(200);
    expect([...new Uint8Array(await ok.arrayBuffer())]).toEqual([...PNG]);

    const sig = path.split('/').pop() ?? '';
    const tampered = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    expect((await w.app.request(path.replace(sig, tampered))).status).toBe(404);
    // The signature of one material does not open another, nor the same id in another tenant.
    const other = await json(await upload(PNG, 'other.png'));
    expect((await w.app.request(path.replace(`/${m.id}/`, `/${other.id}/`))).status).toBe(404);
    expect((await w.app.request(path.replace(`/${w.tenantId}/`, `/${w.otherTenantId}/`))).status).toBe(404);
    // A deleted material is gone from its public URL too.
    await w.request('DELETE', `/api/materials/${m.id}`);
    expect((await w.app.request(path)).status).toBe(404);
  });
});

async function sha256Of(id: number): Promise<string | null> {
  const [row] = await ctx.db
    .select({ sha256: materials.sha256 })
    .from(materials)
    .where(and(eq(materials.tenantId, w.tenantId), eq(materials.id, id)));
  return row?.sha256 ?? null;
}

describe('purge of deleted files', () => {
  it('removes the bytes of materials deleted over 30 days ago, and only those', async () => {
    const keep = await json(await upload(PNG, 'keep.png'));
    const recent = await json(await upload(PNG, 'recent.png'));
    const old = await json(await upload(PNG, 'old.png'));
    await w.request('DELETE', `/api/materials/${recent.id}`);
    await w.request('DELETE', `/api/materials/${old.id}`);
    await ctx.db
      .update(materials)
      .set({ deletedAt: new Date(Date.now() - 31 * 24 * 3600_000) })
      .where(and(eq(materials.tenantId, w.tenantId), eq(materials.id, old.id)));
    const keyOf = async (id: number) =>
      (
        await ctx.db
          .select({ k: materials.fileKey })
          .from(materials)
          .where(and(eq(materials.tenantId, w.tenantId), eq(materials.id, id)))
      )[0]?.k;
    const oldKey = await keyOf(old.id);
    expect(oldKey).toBeTruthy();
    expect(await purgeDeletedMaterialFiles(w.deps)).toBe(1);
    expect(await keyOf(old.id)).toBeNull();
    expect(await storageFor(w.deps).get(oldKey as string)).toBeNull();
    expect(await keyOf(recent.id)).toBeTruthy();
    expect((await w.request('GET', `/api/materials/${keep.id}/file`)).status).toBe(200);
    expect(await purgeDeletedMaterialFiles(w.deps)).toBe(0);
  });
});
