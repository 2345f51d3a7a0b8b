import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { simWays } from '@pond/channels/simulator/simulator.tables';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels } from '../../../channels.ts';
import { type Ctx, systemActor, withActor } from '../../../context.ts';
import { decodeQr } from '../../../testing/decode-qr.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { json } from '../../../testing/json.ts';
import { registerInboxJobs } from '../../inbox/inbox.jobs.ts';
import { getStaffById } from '../../org/lookups.ts';
import { registerOutboxJobs } from '../../outbox/outbox.jobs.ts';
import { performSimAction } from '../../simulator/perform-sim-action.ts';
import { posterCaches } from '../poster-cache.ts';
import { deleteOrphanPosterImages } from '../poster-images.ts';
import { BUILTIN_LAYOUT } from '../poster-layout.ts';
import type { TPosterLayout } from '../posters.schemas.ts';
import { posterImages, staffCards } from '../posters.tables.ts';
import { qrPng } from '../qr-png.ts';
import { renderPoster } from '../render-poster.ts';
import { ensureStaffCardWay } from '../staff-cards.ts';

let w: TestWorld;
let ctx: Ctx;
let dataDir: string;
beforeAll(async () => {
  w = await createTestWorld();
  // A data directory, so the disk cache is exercised too.
  dataDir = mkdtempSync(join(tmpdir(), 'pond-posters-'));
  w.deps.dataDir = dataDir;
  registerChannels(w.deps);
  await w.deps.queue.start();
  await registerInboxJobs(w.deps);
  await registerOutboxJobs(w.deps);
  ctx = withActor(w.deps, systemActor(w.tenantId));
});
afterAll(async () => {
  await w.deps.queue.stop();
  await w.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Signature and IHDR size of a PNG, read from its bytes. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const b = Buffer.from(bytes);
  expect(b.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** What the QR code in the PNG says, read back from its pixels by a decoder that knows nothing of Pond. */
const stats = () => ({ ...posterCaches(w.deps.database).stats });

/** A small but real PNG of a solid colour. */
async function solidPng(width: number, height: number, color = '#3366CC'): Promise<Buffer> {
  const c = createCanvas(width, height);
  const g = c.getContext('2d');
  g.fillStyle = color;
  g.fillRect(0, 0, width, height);
  return c.encode('png');
}

async function upload(bytes: Uint8Array, as = 'admin', filename = 'bg.png', type = 'image/png') {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(bytes)], { type }), filename);
  return w.app.request('/api/poster-images', { method: 'POST', headers: { cookie: await w.login(as) }, body: fd });
}

const layoutWith = (change: Partial<TPosterLayout>): TPosterLayout => ({ ...BUILTIN_LAYOUT, ...change });
const B = BUILTIN_LAYOUT;
/** A layout of another canvas size with every box moved inside it. */
const compact = (width: number, height: number, change: Partial<TPosterLayout> = {}): TPosterLayout => ({
  ...B,
  width,
  height,
  avatar: { ...B.avatar, x: width / 2 - 64, y: 60 },
  name: { ...B.name, x: 20, y: 200, width: width - 40 },
  title: { ...B.title, x: 20, y: 270, width: width - 40 },
  subtitle: { ...B.subtitle, x: 20, y: 420, width: width - 40 },
  qr: { ...B.qr, x: (width - 300) / 2, y: height - 340, size: 300 },
  ...change,
});

async function createTemplate(body: Record<string, unknown>) {
  const res = await w.request('POST', '/api/poster-templates', { body });
  expect(res.status, await res.clone().text()).toBe(201);
  return json(res);
}

describe('renderPoster', () => {
  it('returns a PNG of the template’s size whose QR code reads back as the text', async () => {
    const qrText = 'https://pond.example.com/j/k3J9x2mQ7a';
    const { png, etag } = await renderPoster(ctx, { qrText, title: '扫码加入会员群', name: '王芳' });
    expect(pngSize(png)).toEqual({ width: 750, height: 1334 });
    expect(etag).toMatch(/^"p-[0-9a-f]{32}"$/);
    expect(await decodeQr(png)).toBe(qrText);
  });

  it('serves a second identical request from the cache: same bytes, nothing drawn', async () => {
    const input = { qrText: 'https://pond.example.com/f/cacheTest01', title: '邀请 3 位好友', name: '陈静' };
    const first = await renderPoster(ctx, input);
    const before = stats();
    const second = await renderPoster(ctx, input);
    expect(stats().renders).toBe(before.renders);
    expect(stats().memoryHits).toBe(before.memoryHits + 1);
    expect(second.etag).toBe(first.etag);
    expect(Buffer.compare(second.png, first.png)).toBe(0);
    // Another input is another poster.
    const other = await renderPoster(ctx, { ...input, name: '杨磊' });
    expect(other.etag).not.toBe(first.etag);
    expect(stats().renders).toBe(before.renders + 1);
  });

  it('reads the disk cache when memory lost the poster (a restart)', async () => {
    const input = { qrText: 'https://pond.example.com/c/diskTest001', title: '21 天打卡' };
    const first = await renderPoster(ctx, input);
    posterCaches(w.deps.database).pngs.clear();
    const before = stats();
    const again = await renderPoster(ctx, input);
    expect(stats().diskHits).toBe(before.diskHits + 1);
    expect(stats().renders).toBe(before.renders);
    expect(Buffer.compare(again.png, first.png)).toBe(0);
  });

  it('draws identical concurrent requests once', async () => {
    const input = { qrText: 'https://pond.example.com/j/burst000001', title: '同时请求' };
    const before = stats();
    const results = await Promise.all(Array.from({ length: 8 }, () => renderPoster(ctx, input)));
    expect(stats().renders).toBe(before.renders + 1);
    expect(new Set(results.map((r) => r.etag)).size).toBe(1);
  });

  it('draws again after the template changes, and never serves the old poster', async () => {
    const t = await createTemplate({
      name: '会员群海报',
      uses: ['group_code', 'generic'],
      layout: compact(600, 900),
    });
    const input = { templateId: t.id as number, qrText: 'https://pond.example.com/j/tmplTest001', name: '王芳' };
    const first = await renderPoster(ctx, input);
    expect(pngSize(first.png)).toEqual({ width: 600, height: 900 });
    expect(await renderPoster(ctx, input)).toEqual(first);

    const res = await w.request('PATCH', `/api/poster-templates/${t.id}`, {
      body: { layout: compact(600, 900, { background: { kind: 'color', color: '#123456' } }) },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).version).toBe(2);
    const before = stats();
    const second = await renderPoster(ctx, input);
    expect(stats().renders).toBe(before.renders + 1);
    expect(second.etag).not.toBe(first.etag);
    expect(Buffer.compare(second.png, first.png)).not.toBe(0);
    // The new background is really there: the top-left pixel is #123456.
    const image = await loadImage(second.png);
    const canvas = createCanvas(image.width, image.height);
    canvas.getContext('2d').drawImage(image, 0, 0);
    expect([...canvas.getContext('2d').getImageData(2, 2, 1, 1).data]).toEqual([0x12, 0x34, 0x56, 255]);
  });

  it('falls back to the built-in template for a template of another tenant or one that is gone', async () => {
    const t = await createTemplate({ name: '待删除', uses: ['generic'], layout: compact(600, 1100) });
    const otherCtx = withActor(w.deps, systemActor(w.otherTenantId));
    const foreign = await renderPoster(otherCtx, { templateId: t.id, qrText: 'x' });
    expect(pngSize(foreign.png)).toEqual({ width: 750, height: 1334 });
    expect((await w.request('DELETE', `/api/poster-templates/${t.id}`)).status).toBe(204);
    const gone = await renderPoster(ctx, { templateId: t.id, qrText: 'x' });
    expect(pngSize(gone.png)).toEqual({ width: 750, height: 1334 });
  });

  it('draws initials when the avatar cannot be loaded, and the picture when it can', async () => {
    const avatar = await solidPng(120, 120, '#00AA00');
    const dataUrl = `data:image/png;base64,${avatar.toString('base64')}`;
    const a = BUILTIN_LAYOUT.avatar;
    const pixelAtAvatarCentre = async (png: Buffer) => {
      const image = await loadImage(png);
      const canvas = createCanvas(image.width, image.height);
      canvas.getContext('2d').drawImage(image, 0, 0);
      return [...canvas.getContext('2d').getImageData(a.x + a.size / 2 - 30, a.y + a.size / 2 - 30, 1, 1).data];
    };
    const withPicture = await renderPoster(ctx, { qrText: 'avatar-test', name: '王芳', avatarUrl: dataUrl });
    expect(await pixelAtAvatarCentre(withPicture.png)).toEqual([0, 0xaa, 0, 255]);
    // An address nothing answers on, and a non-image: both fall back to initials, without failing.
    const unreachable = await renderPoster(ctx, { qrText: 'avatar-test', name: '王芳', avatarUrl: 'http://127.0.0.1:9/a.png' });
    const junk = await renderPoster(ctx, { qrText: 'avatar-test', name: '王芳', avatarUrl: 'data:text/plain;base64,aGVsbG8=' });
    for (const r of [unreachable, junk]) expect(await pixelAtAvatarCentre(r.png)).not.toEqual([0, 0xaa, 0, 255]);
  });
});

describe('qrPng and GET /api/public/qr', () => {
  it.each([
    { text: 'https://pond.example.com/j/k3J9x2mQ7a', size: 360 },
    { text: 'https://wework.qpic.cn/wwpic/123456_abcdefghijklmnop/0', size: 200 },
    { text: '扫码加入会员群', size: 512 },
  ])('encodes $text at $size px so a decoder reads it back', async ({ text, size }) => {
    const png = await qrPng(text, { size });
    expect(pngSize(png)).toEqual({ width: size, height: size });
    expect(await decodeQr(png)).toBe(text);
  });

  it('answers the public route without a session, with an ETag and a 304 for it', async () => {
    const url = `/api/public/qr?text=${encodeURIComponent('https://pond.example.com/s/abc123XYZ0')}&size=240`;
    const res = await w.app.request(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toContain('max-age');
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"q-/);
    const png = new Uint8Array(await res.arrayBuffer());
    expect(pngSize(png)).toEqual({ width: 240, height: 240 });
    expect(await decodeQr(png)).toBe('https://pond.example.com/s/abc123XYZ0');
    const again = await w.app.request(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it.each([
    ['no text', '/api/public/qr'],
    ['empty text', '/api/public/qr?text='],
    ['text over 1024 characters', `/api/public/qr?text=${'x'.repeat(1025)}`],
    ['size below 64', '/api/public/qr?text=x&size=63'],
    ['size over 1024', '/api/public/qr?text=x&size=1025'],
    ['size not a number', '/api/public/qr?text=x&size=big'],
  ])('refuses %s with a 400', async (_label, url) => {
    const res = await w.app.request(url);
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('VALIDATION');
  });

  it('answers 400, not 500, for text too long for any QR code', async () => {
    const res = await w.app.request(`/api/public/qr?text=${encodeURIComponent('码'.repeat(1024))}`);
    expect(res.status).toBe(400);
  });
});

describe('templates', () => {
  it('creates, lists by use, previews and deletes', async () => {
    const t = await createTemplate({
      name: '员工名片·蓝',
      uses: ['staff_card'],
      layout: layoutWith({ background: { kind: 'color', color: '#1677FF' } }),
    });
    expect(t.version).toBe(1);
    const list = await json(await w.request('GET', '/api/poster-templates?use=staff_card'));
    expect(list.items.map((i: { id: number }) => i.id)).toContain(t.id);
    const fission = await json(await w.request('GET', '/api/poster-templates?use=fission'));
    expect(fission.items.map((i: { id: number }) => i.id)).not.toContain(t.id);

    const preview = await w.app.request(`/api/poster-templates/${t.id}/preview.png?width=240`, {
      headers: { cookie: await w.login('guide1') },
    });
    expect(preview.status).toBe(200);
    expect(pngSize(new Uint8Array(await preview.arrayBuffer()))).toEqual({ width: 240, height: 427 });
    const full = await w.app.request(`/api/poster-templates/${t.id}/preview.png`, {
      headers: { cookie: await w.login('admin') },
    });
    const etag = full.headers.get('etag') ?? '';
    expect(await decodeQr(new Uint8Array(await full.arrayBuffer()))).toContain('/p/PREVIEW000');
    const cached = await w.app.request(`/api/poster-templates/${t.id}/preview.png`, {
      headers: { cookie: await w.login('admin'), 'if-none-match': etag },
    });
    expect(cached.status).toBe(304);

    expect((await w.request('DELETE', `/api/poster-templates/${t.id}`)).status).toBe(204);
    expect((await w.request('GET', `/api/poster-templates/${t.id}`)).status).toBe(404);
    expect(
      (await w.app.request(`/api/poster-templates/${t.id}/preview.png`, { headers: { cookie: await w.login('admin') } })).status,
    ).toBe(404);
  });

  it('renders an unsaved layout for the editor', async () => {
    const res = await w.request('POST', '/api/poster-templates/preview', {
      body: { layout: compact(500, 900), title: '预览' },
    });
    expect(res.status).toBe(200);
    expect(pngSize(new Uint8Array(await res.arrayBuffer()))).toEqual({ width: 500, height: 900 });
  });

  it.each([
    {
      label: 'QR off the canvas',
      body: { name: 'x', uses: ['generic'], layout: layoutWith({ qr: { ...BUILTIN_LAYOUT.qr, x: 600 } }) },
      path: 'layout.qr.x',
    },
    { label: 'no use', body: { name: 'x', uses: [], layout: BUILTIN_LAYOUT }, path: 'uses' },
    { label: 'a use twice', body: { name: 'x', uses: ['fission', 'fission'], layout: BUILTIN_LAYOUT }, path: 'uses' },
    { label: 'an unknown use', body: { name: 'x', uses: ['flyer'], layout: BUILTIN_LAYOUT }, path: 'uses.0' },
    { label: 'an empty name', body: { name: ' ', uses: ['generic'], layout: BUILTIN_LAYOUT }, path: 'name' },
    {
      label: 'a canvas of 10,000 px',
      body: { name: 'x', uses: ['generic'], layout: layoutWith({ height: 10_000 }) },
      path: 'layout.height',
    },
    {
      label: 'a background image that was never uploaded',
      body: {
        name: 'x',
        uses: ['generic'],
        layout: layoutWith({ background: { kind: 'image', imageId: 999_999, color: '#FFFFFF' } }),
      },
      path: 'layout.background.imageId',
    },
  ])('refuses $label with a 400 naming the field', async ({ body, path }) => {
    const res = await w.request('POST', '/api/poster-templates', { body });
    expect(res.status).toBe(400);
    const err = (await json(res)).error;
    expect(err.code).toBe('VALIDATION');
    expect(err.details.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('lets only HQ roles change templates', async () => {
    for (const as of ['guide1', 'manager1']) {
      const res = await w.request('POST', '/api/poster-templates', {
        as,
        body: { name: 'x', uses: ['generic'], layout: BUILTIN_LAYOUT },
      });
      expect(res.status).toBe(403);
    }
    const res = await w.request('POST', '/api/poster-templates', {
      as: 'operator',
      body: { name: '运营', uses: ['generic'], layout: BUILTIN_LAYOUT },
    });
    expect(res.status).toBe(201);
  });

  it('an empty PATCH is a 400', async () => {
    const t = await createTemplate({ name: 'p', uses: ['generic'], layout: BUILTIN_LAYOUT });
    expect((await w.request('PATCH', `/api/poster-templates/${t.id}`, { body: {} })).status).toBe(400);
  });
});

describe('background uploads', () => {
  it('stores a PNG and draws it as the background', async () => {
    const res = await upload(await solidPng(750, 1334, '#AA2200'));
    expect(res.status).toBe(201);
    const image = await json(res);
    expect(image).toMatchObject({ contentType: 'image/png', width: 750, height: 1334 });
    const got = await w.app.request(image.url, { headers: { cookie: await w.login('guide1') } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    const t = await createTemplate({
      name: '图片背景',
      uses: ['fission'],
      layout: layoutWith({ background: { kind: 'image', imageId: image.id, color: '#FFFFFF' } }),
    });
    const poster = await renderPoster(ctx, { templateId: t.id, qrText: 'bg-test' });
    const decoded = await loadImage(poster.png);
    const canvas = createCanvas(decoded.width, decoded.height);
    canvas.getContext('2d').drawImage(decoded, 0, 0);
    expect([...canvas.getContext('2d').getImageData(5, 5, 1, 1).data]).toEqual([0xaa, 0x22, 0, 255]);
  });

  it('accepts a JPEG', async () => {
    const c = createCanvas(400, 300);
    c.getContext('2d').fillRect(0, 0, 400, 300);
    const res = await upload(await c.encode('jpeg', 80), 'admin', 'bg.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    expect((await json(res)).contentType).toBe('image/jpeg');
  });

  it.each([
    { label: 'a text file', bytes: () => Buffer.from('name,phone\n陈静,13800001111\n'), status: 415 },
    {
      label: 'a GIF',
      bytes: () => Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!', 'latin1'),
      status: 415,
    },
    { label: 'a PNG renamed from an .exe', bytes: () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4096)]), status: 415 },
    { label: 'an image of 50×50 px', bytes: () => solidPng(50, 50), status: 400 },
    { label: 'an image of 5000×200 px', bytes: () => solidPng(5000, 200), status: 400 },
    {
      label: 'a PNG header over garbage',
      bytes: async () => Buffer.concat([(await solidPng(300, 300)).subarray(0, 33), Buffer.alloc(2000, 7)]),
      status: 400,
    },
    { label: 'an empty file', bytes: () => Buffer.alloc(0), status: 400 },
    {
      label: 'an image over 2 MB',
      bytes: async () => Buffer.concat([await solidPng(300, 300), Buffer.alloc(2 * 1024 * 1024)]),
      status: 413,
    },
  ])('refuses $label with $status and stores nothing', async ({ bytes, status }) => {
    const count = async () => (await w.deps.db.select({ id: posterImages.id }).from(posterImages)).length;
    const before = await count();
    const res = await upload(await bytes());
    expect(res.status).toBe(status);
    const body = await json(res);
    expect(typeof body.error.message).toBe('string');
    expect(await count()).toBe(before);
  });

  it('refuses a JSON body and uploads by guides', async () => {
    const asJson = await w.request('POST', '/api/poster-images', { body: { file: 'x' } });
    expect(asJson.status).toBe(415);
    expect((await upload(await solidPng(200, 200), 'guide1')).status).toBe(403);
  });

  it('sweeps uploads no template uses once they are a day old', async () => {
    const orphan = await json(await upload(await solidPng(200, 200)));
    const used = await json(await upload(await solidPng(200, 200)));
    await createTemplate({
      name: '在用',
      uses: ['generic'],
      layout: layoutWith({ background: { kind: 'image', imageId: used.id, color: '#FFFFFF' } }),
    });
    expect(await deleteOrphanPosterImages(w.deps)).toBe(0);
    const later = { ...w.deps, now: () => new Date(Date.now() + 25 * 3600_000) };
    const removed = await deleteOrphanPosterImages(later);
    expect(removed).toBeGreaterThanOrEqual(1);
    const left = (await w.deps.db.select({ id: posterImages.id }).from(posterImages)).map((r) => r.id);
    expect(left).toContain(used.id);
    expect(left).not.toContain(orphan.id);
  });
});

describe('staff cards', () => {
  const waysOf = async (state: string) =>
    w.deps.db
      .select()
      .from(simWays)
      .where(and(eq(simWays.tenantId, w.tenantId), eq(simWays.state, state)));

  it('creates exactly one contact way when many first requests race', async () => {
    const staffId = w.ids.guide2;
    const member = await getStaffById(ctx, staffId);
    if (!member) throw new Error('fixture: guide2');
    const cards = await Promise.all(Array.from({ length: 10 }, () => ensureStaffCardWay(ctx, member)));
    expect(new Set(cards.map((c) => c.configId)).size).toBe(1);
    expect(await waysOf(`sc${staffId}`)).toHaveLength(1);
    const rows = await w.deps.db
      .select()
      .from(staffCards)
      .where(and(eq(staffCards.tenantId, w.tenantId), eq(staffCards.staffId, staffId)));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe('ready');
    // And through HTTP, concurrently, for a staff member without a card yet.
    const admin = await w.login('admin');
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => w.app.request(`/api/staff/${w.ids.guide3}/card.png`, { headers: { cookie: admin } })),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await waysOf(`sc${w.ids.guide3}`)).toHaveLength(1);
  });

  it('renders the card with the way’s QR code, and counts adds through it', async () => {
    const card = await json(await w.request('GET', `/api/staff/${w.ids.guide1}/card`, { as: 'guide1' }));
    expect(card).toMatchObject({
      staffId: w.ids.guide1,
      staffName: '王芳',
      state: `sc${w.ids.guide1}`,
      adds: 0,
      templateId: null,
    });
    const png = await w.app.request(card.imageUrl, { headers: { cookie: await w.login('guide1') } });
    expect(png.status).toBe(200);
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect(pngSize(bytes)).toEqual({ width: 750, height: 1334 });
    expect(await decodeQr(bytes)).toBe(card.qrCode);

    // A customer scans the card in the simulator: the add carries the card's state.
    await performSimAction(ctx, { type: 'scan_contact_way', configId: card.configId, newCustomer: { name: '新朋友' } });
    const after = await json(await w.request('GET', `/api/staff/${w.ids.guide1}/card`, { as: 'guide1' }));
    expect(after.adds).toBe(1);
    expect(after.lastAddAt).not.toBeNull();
    expect(after.configId).toBe(card.configId);
  });

  it('is shared through a public link, without a session', async () => {
    const card = await json(await w.request('GET', `/api/staff/${w.ids.guide1}/card`));
    const path = new URL(card.shareImageUrl).pathname;
    expect(path).toMatch(/^\/api\/public\/staff-cards\/[0-9A-Za-z]+\.png$/);
    const res = await w.app.request(path);
    expect(res.status).toBe(200);
    expect(await decodeQr(new Uint8Array(await res.arrayBuffer()))).toBe(card.qrCode);
    expect((await w.app.request('/api/public/staff-cards/Zz9unknown0.png')).status).toBe(404);
    expect((await w.app.request('/api/public/staff-cards/not-a-slug')).status).toBe(400);
  });

  it.each([
    { as: 'guide1', staff: 'guide1', status: 200 },
    { as: 'guide1', staff: 'guide2', status: 404 },
    { as: 'manager1', staff: 'guide2', status: 200 },
    { as: 'manager1', staff: 'guide3', status: 404 },
    { as: 'operator', staff: 'guide3', status: 200 },
  ] as const)('$as asking for the card of $staff → $status', async ({ as, staff, status }) => {
    const res = await w.app.request(`/api/staff/${w.ids[staff]}/card.png`, { headers: { cookie: await w.login(as) } });
    expect(res.status).toBe(status);
  });

  it('uses the tenant’s staff-card default template, and the built-in one once it is deleted', async () => {
    const t = await createTemplate({
      name: '名片模板',
      uses: ['staff_card'],
      layout: compact(640, 1136),
    });
    const set = await w.request('PUT', '/api/poster-defaults', { body: { use: 'staff_card', templateId: t.id } });
    expect(set.status).toBe(200);
    expect((await json(set)).staff_card).toBe(t.id);
    const admin = await w.login('admin');
    const withTemplate = await w.app.request(`/api/staff/${w.ids.guide1}/card.png`, { headers: { cookie: admin } });
    expect(pngSize(new Uint8Array(await withTemplate.arrayBuffer()))).toEqual({ width: 640, height: 1136 });
    // A template not made for fission cannot be fission's default.
    expect((await w.request('PUT', '/api/poster-defaults', { body: { use: 'fission', templateId: t.id } })).status).toBe(400);
    await w.request('DELETE', `/api/poster-templates/${t.id}`);
    expect((await json(await w.request('GET', '/api/poster-defaults'))).staff_card).toBeNull();
    const builtin = await w.app.request(`/api/staff/${w.ids.guide1}/card.png`, { headers: { cookie: admin } });
    expect(pngSize(new Uint8Array(await builtin.arrayBuffer()))).toEqual({ width: 750, height: 1334 });
  });

  it('gives a download name when asked', async () => {
    const res = await w.app.request(`/api/staff/${w.ids.guide1}/card.png?download=1`, {
      headers: { cookie: await w.login('admin') },
    });
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="staff-card-\d+\.png"/);
  });
});
