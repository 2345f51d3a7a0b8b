import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../context.ts';
import { LruCache } from '../poster-cache.ts';
import {
  BUILTIN_LAYOUT,
  coverCrop,
  gradientLine,
  imageInfo,
  initialsOf,
  layoutProblems,
  qrPlacement,
  scaledSize,
  textAnchorX,
  textBoxHeight,
  wrapText,
} from '../poster-layout.ts';
import { ZPosterLayout } from '../posters.schemas.ts';
import { canSeeStaffCard, staffCardState, staffIdOfState } from '../staff-cards.ts';

describe('qrPlacement', () => {
  // 25 modules (version 2) + 2×2 quiet modules = 29 modules across.
  it.each([
    { modules: 25, size: 360, margin: 2, modulePx: 12, offset: 6, drawn: 348 },
    { modules: 25, size: 348, margin: 2, modulePx: 12, offset: 0, drawn: 348 },
    { modules: 25, size: 347, margin: 2, modulePx: 11, offset: 14, drawn: 319 },
    { modules: 21, size: 64, margin: 0, modulePx: 3, offset: 0, drawn: 63 },
    { modules: 21, size: 64, margin: 4, modulePx: 2, offset: 3, drawn: 58 },
    // Too small for one pixel a module: drawn at 1 px, overflowing evenly on both sides.
    { modules: 177, size: 120, margin: 2, modulePx: 1, offset: -31, drawn: 181 },
  ])('$modules modules in $size px, margin $margin → $modulePx px a module', ({ modules, size, margin, ...expected }) => {
    expect(qrPlacement(modules, size, margin)).toEqual(expected);
  });
});

describe('coverCrop', () => {
  it.each([
    { src: [750, 1334], dst: [750, 1334], crop: { sx: 0, sy: 0, sw: 750, sh: 1334 } },
    // Wider source: cut the sides.
    { src: [2000, 1000], dst: [500, 500], crop: { sx: 500, sy: 0, sw: 1000, sh: 1000 } },
    // Taller source: cut top and bottom.
    { src: [1000, 3000], dst: [500, 500], crop: { sx: 0, sy: 1000, sw: 1000, sh: 1000 } },
    // Smaller source is scaled up, same crop rule.
    { src: [100, 100], dst: [750, 1334], crop: { sx: 21.889, sy: 0, sw: 56.222, sh: 100 } },
  ])('$src into $dst', ({ src, dst, crop }) => {
    const got = coverCrop(src[0] as number, src[1] as number, dst[0] as number, dst[1] as number);
    for (const k of ['sx', 'sy', 'sw', 'sh'] as const) expect(got[k]).toBeCloseTo(crop[k], 2);
  });
});

describe('gradientLine', () => {
  it.each([
    { angle: 0, line: { x0: 375, y0: 0, x1: 375, y1: 1334 } },
    { angle: 90, line: { x0: 0, y0: 667, x1: 750, y1: 667 } },
    { angle: 180, line: { x0: 375, y0: 1334, x1: 375, y1: 0 } },
  ])('$angle° on 750×1334', ({ angle, line }) => {
    const got = gradientLine(750, 1334, angle);
    for (const k of ['x0', 'y0', 'x1', 'y1'] as const) expect(got[k]).toBeCloseTo(line[k], 2);
  });
  it('reaches the corners at 45°', () => {
    const got = gradientLine(100, 100, 45);
    expect(got.x0).toBeCloseTo(0, 2);
    expect(got.y0).toBeCloseTo(0, 2);
    expect(got.x1).toBeCloseTo(100, 2);
    expect(got.y1).toBeCloseTo(100, 2);
  });
});

describe('initialsOf', () => {
  it.each([
    ['王芳', '王芳'],
    ['欧阳娜娜', '娜娜'],
    ['李', '李'],
    [' 张 伟 ', '张伟'],
    ['Li Na', 'LN'],
    ['alice', 'A'],
    ['Mary Jane Watson', 'MJ'],
    ['Tom 汤姆', '汤姆'],
    ['', '?'],
    [null, '?'],
    ['   ', '?'],
  ])('%s → %s', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});

describe('wrapText', () => {
  // Every character is 10 px wide, so widths are easy to reason about.
  const m = (s: string) => [...s].length * 10;
  it.each([
    { text: '扫码加入会员群', width: 200, lines: 1, out: ['扫码加入会员群'] },
    { text: '扫码加入会员群', width: 40, lines: 1, out: ['扫码加…'] },
    { text: '扫码加入会员群', width: 40, lines: 2, out: ['扫码加入', '会员群'] },
    { text: '扫码加入会员群领取福利', width: 40, lines: 2, out: ['扫码加入', '会员群…'] },
    // Latin words stay whole when they fit.
    { text: 'hello world again', width: 110, lines: 2, out: ['hello world', 'again'] },
    { text: 'hello world again', width: 100, lines: 2, out: ['hello', 'world…'] },
    { text: 'hello world again', width: 60, lines: 2, out: ['hello', 'world…'] },
    // A word longer than the line is broken between characters.
    { text: 'abcdefghij', width: 40, lines: 3, out: ['abcd', 'efgh', 'ij'] },
    { text: 'abcdefghijklmn', width: 40, lines: 3, out: ['abcd', 'efgh', 'ijk…'] },
    // Whitespace runs collapse; leading spaces never start a line.
    { text: '  王芳   徐汇店  ', width: 200, lines: 1, out: ['王芳 徐汇店'] },
    { text: '会员日 Member day', width: 70, lines: 2, out: ['会员日', 'Member…'] },
    { text: '', width: 100, lines: 2, out: [] },
  ])('"$text" in $width px × $lines', ({ text, width, lines, out }) => {
    const got = wrapText(text, width, lines, m);
    expect(got).toEqual(out);
    for (const line of got) expect(m(line)).toBeLessThanOrEqual(width);
  });
});

describe('text boxes', () => {
  it.each([
    { align: 'left' as const, x: 100 },
    { align: 'center' as const, x: 250 },
    { align: 'right' as const, x: 400 },
  ])('anchors $align at $x', ({ align, x }) => {
    expect(textAnchorX({ x: 100, width: 300, align })).toBe(x);
  });
  it.each([
    { fontSize: 40, maxLines: 1, height: 52 },
    { fontSize: 30, maxLines: 2, height: 78 },
    { fontSize: 13, maxLines: 3, height: 51 },
  ])('$fontSize px × $maxLines lines is $height px high', ({ fontSize, maxLines, height }) => {
    expect(textBoxHeight({ fontSize, maxLines })).toBe(height);
  });
});

describe('layoutProblems', () => {
  const base = BUILTIN_LAYOUT;
  it('accepts the built-in layout', () => {
    expect(layoutProblems(base)).toEqual([]);
    expect(ZPosterLayout.safeParse(base).success).toBe(true);
  });
  it.each([
    { label: 'QR past the right edge', change: { qr: { ...base.qr, x: 500 } }, paths: ['qr.x'] },
    { label: 'QR past the bottom', change: { qr: { ...base.qr, y: 1000 } }, paths: ['qr.y'] },
    { label: 'avatar past both edges', change: { avatar: { ...base.avatar, x: 700, y: 1300 } }, paths: ['avatar.x', 'avatar.y'] },
    { label: 'a hidden avatar may sit anywhere', change: { avatar: { ...base.avatar, x: 700, visible: false } }, paths: [] },
    { label: 'title too wide', change: { title: { ...base.title, width: 700 } }, paths: ['title.x'] },
    {
      label: 'three lines of subtitle past the bottom',
      change: { subtitle: { ...base.subtitle, y: 1250, maxLines: 3 } },
      paths: ['subtitle.y'],
    },
    {
      label: 'a smaller canvas pushes the QR out',
      change: { width: 500, height: 800 },
      paths: ['name.x', 'title.x', 'subtitle.x', 'subtitle.y', 'qr.x', 'qr.y'],
    },
    { label: 'exactly touching the edge is inside', change: { qr: { ...base.qr, x: 350, y: 934 } }, paths: [] },
  ])('$label', ({ change, paths }) => {
    const layout = { ...base, ...change };
    const got = layoutProblems(layout).map((p) => p.path.join('.'));
    expect(got).toEqual(paths);
    const parsed = ZPosterLayout.safeParse(layout);
    expect(parsed.success).toBe(paths.length === 0);
    if (!parsed.success) expect(parsed.error.issues.map((i) => i.path.join('.'))).toEqual(paths);
  });
  it.each([
    { label: 'a colour without #', change: { qr: { ...base.qr, color: '000000' } } },
    { label: 'a canvas over the maximum', change: { width: 5000 } },
    { label: 'a font too small to read', change: { name: { ...base.name, fontSize: 8 } } },
    { label: 'a QR too small to scan', change: { qr: { ...base.qr, size: 60 } } },
    { label: 'an unknown background kind', change: { background: { kind: 'video', color: '#FFFFFF' } } },
    { label: 'an image background without an id', change: { background: { kind: 'image', color: '#FFFFFF' } } },
  ])('rejects $label', ({ change }) => {
    expect(ZPosterLayout.safeParse({ ...base, ...change }).success).toBe(false);
  });
});

describe('scaledSize', () => {
  it.each([
    { w: 750, h: 1334, target: undefined, out: { width: 750, height: 1334 } },
    { w: 750, h: 1334, target: 240, out: { width: 240, height: 427 } },
    { w: 750, h: 1334, target: 2000, out: { width: 750, height: 1334 } },
    { w: 1000, h: 1000, target: 60, out: { width: 60, height: 60 } },
  ])('$w×$h to $target', ({ w, h, target, out }) => {
    expect(scaledSize(w, h, target)).toEqual(out);
  });
});

describe('imageInfo', () => {
  const png = (w: number, h: number, chunk = 'IHDR') => {
    const b = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
    b.writeUInt32BE(13, 8);
    b.write(chunk, 12, 'latin1');
    b.writeUInt32BE(w, 16);
    b.writeUInt32BE(h, 20);
    return b;
  };
  // SOI, an APP0 segment of 16 bytes, then SOF0 (or SOF2) with height and width.
  const jpeg = (w: number, h: number, sof = 0xc0) =>
    Buffer.from([
      0xff,
      0xd8,
      0xff,
      0xe0,
      0x00,
      0x10,
      ...Buffer.alloc(14),
      0xff,
      sof,
      0x00,
      0x11,
      0x08,
      h >> 8,
      h & 255,
      w >> 8,
      w & 255,
      0x03,
      ...Buffer.alloc(9),
    ]);
  it.each([
    { label: 'a PNG', bytes: png(750, 1334), out: { type: 'image/png', width: 750, height: 1334 } },
    { label: 'a baseline JPEG', bytes: jpeg(1080, 1920), out: { type: 'image/jpeg', width: 1080, height: 1920 } },
    { label: 'a progressive JPEG', bytes: jpeg(640, 480, 0xc2), out: { type: 'image/jpeg', width: 640, height: 480 } },
    { label: 'a PNG whose first chunk is not IHDR', bytes: png(10, 10, 'IDAT'), out: null },
    { label: 'a PNG of zero width', bytes: png(0, 10), out: null },
    { label: 'a truncated PNG', bytes: png(10, 10).subarray(0, 20), out: null },
    {
      label: 'a JPEG with no frame header',
      bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0, 0, 0xff, 0xd9, 0, 0]),
      out: null,
    },
    { label: 'a GIF', bytes: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'), out: null },
    { label: 'an .exe', bytes: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), out: null },
    { label: 'nothing', bytes: Buffer.alloc(0), out: null },
  ])('$label', ({ bytes, out }) => {
    expect(imageInfo(bytes)).toEqual(out);
  });
});

describe('staff cards', () => {
  it.each([
    ['sc12', 12],
    ['sc1', 1],
    ['sc', null],
    ['sc12x', null],
    ['lc12', null],
    ['fi3.17', null],
    [null, null],
    ['', null],
  ])('state %s → staff %s', (state, staffId) => {
    expect(staffIdOfState(state)).toBe(staffId);
  });
  it('round-trips a staff id through the state, within WeCom’s 30 characters', () => {
    const state = staffCardState(Number.MAX_SAFE_INTEGER);
    expect(state.length).toBeLessThanOrEqual(30);
    expect(staffIdOfState(state)).toBe(Number.MAX_SAFE_INTEGER);
  });

  const actor = (role: Actor['role'], staffId: number | null, storeId: number | null): Actor => ({
    tenantId: 1,
    accountId: 1,
    name: role,
    role,
    staffId,
    storeId,
  });
  const member = { id: 7, storeId: 3 };
  it.each([
    { who: 'admin', a: actor('admin', null, null), ok: true },
    { who: 'operator', a: actor('operator', null, null), ok: true },
    { who: 'system', a: actor('system', null, null), ok: true },
    { who: 'the manager of the store', a: actor('store_manager', 9, 3), ok: true },
    { who: 'the manager of another store', a: actor('store_manager', 9, 4), ok: false },
    { who: 'a manager without a store', a: actor('store_manager', 9, null), ok: false },
    { who: 'the guide themselves', a: actor('guide', 7, 3), ok: true },
    { who: 'another guide of the store', a: actor('guide', 8, 3), ok: false },
    { who: 'a guide without a staff record', a: actor('guide', null, 3), ok: false },
  ])('$who → $ok', ({ a, ok }) => {
    expect(canSeeStaffCard(a, member)).toBe(ok);
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entries past its budget', () => {
    const c = new LruCache<string>(10);
    c.set('a', 'A', 4);
    c.set('b', 'B', 4);
    expect(c.get('a')).toBe('A'); // a is now the most recent
    c.set('c', 'C', 4); // 12 > 10: b goes
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe('A');
    expect(c.get('c')).toBe('C');
    expect(c.cost).toBe(8);
  });
  it('never holds an entry larger than the budget', () => {
    const c = new LruCache<string>(10);
    c.set('big', 'x', 11);
    expect(c.get('big')).toBeUndefined();
    expect(c.cost).toBe(0);
  });
  it('expires entries with a time to live', () => {
    let now = 1000;
    const c = new LruCache<string>(100, () => now);
    c.set('k', 'v', 1, 500);
    expect(c.get('k')).toBe('v');
    now = 1500;
    expect(c.get('k')).toBeUndefined();
    expect(c.size).toBe(0);
  });
  it('replacing a key keeps the cost right', () => {
    const c = new LruCache<string>(100);
    c.set('k', 'v1', 30);
    c.set('k', 'v2', 20);
    expect(c.cost).toBe(20);
    expect(c.get('k')).toBe('v2');
  });
});
