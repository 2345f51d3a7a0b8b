import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ctx, systemActor, withActor } from '../../../context.ts';
import { AppError } from '../../../lib/errors.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { type Json, json } from '../../../testing/json.ts';
import { resolveContent } from '../../materials/content-ref.ts';
import { getMaterial } from '../../materials/list-materials.ts';
import { DEFAULT_SCRIPT_CATEGORIES } from '../default-categories.ts';
import { ensureDefaultScriptCategories, listScriptCategories } from '../manage-script-categories.ts';
import { getScript } from '../manage-scripts.ts';
import { scriptCategories } from '../scripts.tables.ts';
import { seedDemoEngagementContent } from '../seed-demo-content.ts';

let w: TestWorld;
let ctx: Ctx;
beforeAll(async () => {
  w = await createTestWorld();
  ctx = withActor(w.deps, systemActor(w.tenantId));
});
afterAll(async () => {
  await w.cleanup();
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

async function uploadPng(name: string): Promise<number> {
  const fd = new FormData();
  fd.append('file', new Blob([PNG]), name);
  const res = await w.app.request('/api/materials/upload', {
    method: 'POST',
    headers: { cookie: await w.login('admin') },
    body: fd,
  });
  expect(res.status).toBe(201);
  return (await json(res)).id;
}

const categoryId = async (key: string): Promise<number> => {
  const cats = await json(await w.request('GET', '/api/script-categories'));
  return cats.items.find((c: { key: string }) => c.key === key).id;
};

describe('script categories', () => {
  it('gives every tenant the built-in categories of default-categories.ts from the start, without writing on read', async () => {
    const expected = DEFAULT_SCRIPT_CATEGORIES.map((c) => ({
      key: c.key,
      name: c.name,
      nameEn: c.nameEn,
      sort: c.sort,
      scriptCount: 0,
    }));
    const shape = (items: Json[]) =>
      items.map((c) => ({ key: c.key, name: c.name, nameEn: c.nameEn, sort: c.sort, scriptCount: c.scriptCount }));
    const [before] = await ctx.db.select({ n: count() }).from(scriptCategories);
    const guide = await w.request('GET', '/api/script-categories', { as: 'guide1' });
    expect(guide.status).toBe(200);
    expect(shape((await json(guide)).items)).toEqual(expected);
    // The other tenant has its own seven (the trigger runs for every new tenant).
    const other = await listScriptCategories(withActor(w.deps, systemActor(w.otherTenantId)));
    expect(shape(other.items)).toEqual(expected);
    const [after] = await ctx.db.select({ n: count() }).from(scriptCategories);
    expect(after?.n).toBe(before?.n);
    // Restoring the defaults is idempotent.
    await ensureDefaultScriptCategories(ctx);
    const [again] = await ctx.db.select({ n: count() }).from(scriptCategories);
    expect(again?.n).toBe(before?.n);
  });

  it('lets operators add, rename and delete categories; guides cannot; non-empty → 409', async () => {
    const res = await w.request('POST', '/api/script-categories', {
      as: 'operator',
      body: { name: '售后', nameEn: 'After-sales' },
    });
    expect(res.status).toBe(201);
    const cat = await json(res);
    expect((await w.request('POST', '/api/script-categories', { body: { name: '售后' } })).status).toBe(409);
    expect((await w.request('POST', '/api/script-categories', { as: 'guide1', body: { name: 'x' } })).status).toBe(403);
    const renamed = await json(await w.request('PATCH', `/api/script-categories/${cat.id}`, { body: { name: '售后服务' } }));
    expect(renamed.name).toBe('售后服务');
    const s = await json(
      await w.request('POST', '/api/scripts', {
        body: { categoryId: cat.id, title: '退换货', body: '您好，支持 7 天无理由退换。' },
      }),
    );
    expect((await w.request('DELETE', `/api/script-categories/${cat.id}`)).status).toBe(409);
    await w.request('DELETE', `/api/scripts/${s.id}`);
    expect((await w.request('DELETE', `/api/script-categories/${cat.id}`)).status).toBe(204);
  });
});

describe('scripts', () => {
  let welcomeId: number;
  beforeAll(async () => {
    welcomeId = await categoryId('welcome');
  });

  it('refuses unknown variables with a 400 listing the allowed ones', async () => {
    const res = await w.request('POST', '/api/scripts', {
      body: { categoryId: welcomeId, title: '欢迎', body: '{{nickname}}您好，欢迎来到{{store_name}}' },
    });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.message).toContain('{{nickname}}');
    expect(body.error.details.allowed).toEqual(['customer_name', 'staff_name', 'store_name', 'group_name']);
    const patch = await w.request('POST', '/api/scripts', {
      body: { categoryId: welcomeId, title: '欢迎', body: 'ok', materialIds: [999_999] },
    });
    expect(patch.status).toBe(400);
    expect((await json(patch)).error.message).toMatch(/999999/);
  });

  it('searches title, body and tags, by category, pages; guides see enabled ones only and cannot edit', async () => {
    const made: number[] = [];
    for (let i = 1; i <= 12; i++) {
      const res = await w.request('POST', '/api/scripts', {
        body: {
          categoryId: welcomeId,
          title: `欢迎语 ${i}`,
          body: `{{customer_name}}您好，我是{{staff_name}}，第 ${i} 条`,
          tags: i === 3 ? ['节日'] : [],
          enabled: i !== 12,
        },
      });
      expect(res.status).toBe(201);
      made.push((await json(res)).id);
    }
    const page = await json(await w.request('GET', `/api/scripts?categoryId=${welcomeId}&pageSize=5&page=3`));
    expect(page.total).toBe(12);
    expect(page.items.map((s: { title: string }) => s.title)).toEqual(['欢迎语 2', '欢迎语 1']);
    const guide = await json(await w.request('GET', `/api/scripts?categoryId=${welcomeId}&pageSize=50`, { as: 'guide1' }));
    expect(guide.total).toBe(11);
    expect((await w.request('GET', `/api/scripts/${made[11]}`, { as: 'guide1' })).status).toBe(404);
    expect((await json(await w.request('GET', `/api/scripts?q=${encodeURIComponent('第 7 条')}`, { as: 'guide1' }))).total).toBe(
      1,
    );
    expect((await json(await w.request('GET', `/api/scripts?q=${encodeURIComponent('节日')}`))).items[0].id).toBe(made[2]);
    expect((await w.request('PATCH', `/api/scripts/${made[0]}`, { as: 'guide1', body: { title: 'x' } })).status).toBe(403);
    expect((await w.request('DELETE', `/api/scripts/${made[0]}`, { as: 'guide1' })).status).toBe(403);
    expect(
      (await w.request('POST', '/api/scripts', { as: 'guide1', body: { categoryId: welcomeId, title: 'x', body: 'x' } })).status,
    ).toBe(403);
    const cats = await json(await w.request('GET', '/api/script-categories'));
    expect(cats.items.find((c: { id: number }) => c.id === welcomeId).scriptCount).toBe(12);
  });

  it('renders for a customer in the guide’s scope and counts sends', async () => {
    const s = await json(
      await w.request('POST', '/api/scripts', {
        body: {
          categoryId: welcomeId,
          title: '门店欢迎',
          body: '{{customer_name}}您好，我是{{staff_name}}，欢迎来到{{store_name}}！',
        },
      }),
    );
    const res = await w.request('POST', `/api/scripts/${s.id}/render`, { as: 'guide1', body: { customerId: w.ids.c1 } });
    expect(res.status).toBe(200);
    expect((await json(res)).text).toBe('陈静您好，我是王芳，欢迎来到徐汇店！');
    // c3 belongs to guide3: out of guide1's scope, so it looks missing.
    expect(
      (await w.request('POST', `/api/scripts/${s.id}/render`, { as: 'guide1', body: { customerId: w.ids.c3 } })).status,
    ).toBe(404);
    // An admin rendering for c3 speaks as c3's serving staff.
    const admin = await json(await w.request('POST', `/api/scripts/${s.id}/render`, { body: { customerId: w.ids.c3 } }));
    expect(admin.text).toBe('赵敏您好，我是张伟，欢迎来到西湖店！');
    expect((await json(await w.request('POST', `/api/scripts/${s.id}/used`, { as: 'guide1' }))).usageCount).toBe(1);
    expect((await json(await w.request('POST', `/api/scripts/${s.id}/used`, { as: 'guide2' }))).usageCount).toBe(2);
    const sorted = await json(await w.request('GET', '/api/scripts?sort=usage&pageSize=1'));
    expect(sorted.items[0].id).toBe(s.id);
  });
});

describe('resolveContent', () => {
  it('puts the script text, then the text, variables filled, then every material in order; counts usage', async () => {
    const imageId = await uploadPng('每日好物.png');
    const link = await json(
      await w.request('POST', '/api/materials', {
        body: {
          type: 'link',
          title: '会员日',
          linkUrl: 'https://shop.example.com/vip',
          description: '全场 8 折',
          picUrl: 'https://img.example.com/v.png',
        },
      }),
    );
    const mp = await json(
      await w.request('POST', '/api/materials', {
        body: { type: 'miniprogram', title: '商城', appId: 'wx1234567890abcdef', pagePath: 'pages/index/index' },
      }),
    );
    const script = await json(
      await w.request('POST', '/api/scripts', {
        body: {
          categoryId: await categoryId('activity'),
          title: '会员日',
          body: '{{customer_name}}，会员日来啦',
          materialIds: [link.id],
        },
      }),
    );
    const content = await resolveContent(
      ctx,
      { scriptId: script.id, text: '{{store_name}}等你', materialIds: [imageId, mp.id, link.id] },
      { customer_name: '陈静', store_name: '徐汇店' },
    );
    expect(content.text).toBe('陈静，会员日来啦\n徐汇店等你');
    // The script's material first, then the reference's own, each once.
    expect(content.attachments.map((a) => a.type)).toEqual(['link', 'image', 'miniprogram']);
    expect(content.attachments[0]).toEqual({
      type: 'link',
      title: '会员日',
      url: 'https://shop.example.com/vip',
      description: '全场 8 折',
      picUrl: 'https://img.example.com/v.png',
    });
    expect(content.attachments[2]).toMatchObject({
      type: 'miniprogram',
      appId: 'wx1234567890abcdef',
      page: 'pages/index/index',
      title: '商城',
    });
    const image = content.attachments[1];
    if (image?.type !== 'image') throw new Error('expected an image');
    expect(image.url.startsWith(`${w.deps.publicUrl}/api/public/materials/${w.tenantId}/${imageId}/`)).toBe(true);
    // The channel can fetch that URL without a session.
    const fetched = await w.app.request(image.url.slice(w.deps.publicUrl.length));
    expect(fetched.status).toBe(200);
    expect([...new Uint8Array(await fetched.arrayBuffer())]).toEqual([...PNG]);

    expect((await getMaterial(ctx, imageId)).usageCount).toBe(1);
    expect((await getMaterial(ctx, link.id)).usageCount).toBe(1);
    expect((await getScript(ctx, script.id)).usageCount).toBe(1);
    await resolveContent(ctx, { scriptId: script.id, materialIds: [imageId] }, {}, { countUsage: false });
    expect((await getMaterial(ctx, imageId)).usageCount).toBe(1);
    expect((await getScript(ctx, script.id)).usageCount).toBe(1);
  });

  it('names a deleted material or script, and refuses content that renders to nothing', async () => {
    const gone = await json(
      await w.request('POST', '/api/materials', { body: { type: 'link', title: '旧活动', linkUrl: 'https://old.example.com' } }),
    );
    await w.request('DELETE', `/api/materials/${gone.id}`);
    await expect(resolveContent(ctx, { text: 'hi', materialIds: [gone.id] })).rejects.toThrow(
      new RegExp(`Material ${gone.id} was deleted`),
    );
    const s = await json(
      await w.request('POST', '/api/scripts', {
        body: { categoryId: await categoryId('value'), title: '知识', body: '泡茶水温 85℃' },
      }),
    );
    await w.request('DELETE', `/api/scripts/${s.id}`);
    const err = await resolveContent(ctx, { scriptId: s.id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION');
    expect((err as AppError).message).toContain(`Script ${s.id}`);
    await expect(resolveContent(ctx, { text: '{{customer_name}}' }, {})).rejects.toThrow(/render to nothing/);
    // Another tenant cannot use this tenant's material.
    const mine = await json(
      await w.request('POST', '/api/materials', { body: { type: 'link', title: 'x', linkUrl: 'https://x.example.com' } }),
    );
    await expect(resolveContent(withActor(w.deps, systemActor(w.otherTenantId)), { materialIds: [mine.id] })).rejects.toThrow(
      /deleted or never existed/,
    );
  });
});

describe('demo content', () => {
  it('seeds materials and scripts of every built-in category once, with valid variables', async () => {
    const w2 = await createTestWorld();
    try {
      const first = await seedDemoEngagementContent(w2.deps, w2.tenantId);
      expect(first.scripts).toBe(13);
      expect(first.materials).toBe(4);
      expect(await seedDemoEngagementContent(w2.deps, w2.tenantId)).toEqual({ materials: 0, scripts: 0 });
      const cats = await json(await w2.request('GET', '/api/script-categories'));
      expect(cats.items.every((c: { scriptCount: number }) => c.scriptCount >= 1)).toBe(true);
      const imgs = await json(await w2.request('GET', '/api/materials?type=image'));
      expect(imgs.total).toBe(2);
      const file = await w2.app.request(imgs.items[0].fileUrl, { headers: { cookie: await w2.login('admin') } });
      expect(file.headers.get('content-type')).toBe('image/png');
    } finally {
      await w2.cleanup();
    }
  });
});
