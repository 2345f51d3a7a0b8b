import type { TPosterLayout, TTextBox } from './posters.schemas.ts';

// Pure layout math of posters: bounds, the built-in template, QR module sizing, cropping, text
// wrapping and initials. No canvas here, so all of it is tested with plain tables.

export const LAYOUT_LIMITS = {
  minWidth: 320,
  maxWidth: 2000,
  minHeight: 320,
  maxHeight: 3000,
  minFontSize: 12,
  maxFontSize: 160,
  minTextWidth: 40,
  maxLines: 3,
  maxTextLength: 60,
  minAvatarSize: 32,
  maxAvatarSize: 600,
  // Below ~120 px a dense QR (long URLs) is no longer reliably scanned from a phone screen.
  minQrSize: 120,
  maxQrSize: 1200,
} as const;

/** Line height as a multiple of the font size. */
export const LINE_HEIGHT = 1.3;

/** The height a text box takes: its lines at the line height. */
export const textBoxHeight = (box: Pick<TTextBox, 'fontSize' | 'maxLines'>) =>
  Math.ceil(box.fontSize * LINE_HEIGHT * box.maxLines);

export type TLayoutProblem = { path: (string | number)[]; message: string };

/**
 * What is wrong with a layout's geometry: visible boxes must lie inside the canvas. Field ranges
 * (sizes, colours) are the schema's job; this checks how the fields relate.
 */
export function layoutProblems(layout: TPosterLayout): TLayoutProblem[] {
  const problems: TLayoutProblem[] = [];
  const { width: W, height: H } = layout;
  const check = (path: string, x: number, y: number, w: number, h: number) => {
    if (x + w > W)
      problems.push({
        path: [path, 'x'],
        message: `${path} reaches ${x + w} px but the poster is ${W} px wide. Move it left or make it smaller`,
      });
    if (y + h > H)
      problems.push({
        path: [path, 'y'],
        message: `${path} reaches ${y + h} px but the poster is ${H} px high. Move it up or make it smaller`,
      });
  };
  if (layout.avatar.visible) check('avatar', layout.avatar.x, layout.avatar.y, layout.avatar.size, layout.avatar.size);
  for (const key of ['name', 'title', 'subtitle'] as const) {
    const box = layout[key];
    if (box.visible) check(key, box.x, box.y, box.width, textBoxHeight(box));
  }
  check('qr', layout.qr.x, layout.qr.y, layout.qr.size, layout.qr.size);
  return problems;
}

/** The template used when none is chosen: 750×1334 (a phone screen at 2×), warm gradient. */
export const BUILTIN_LAYOUT: TPosterLayout = {
  width: 750,
  height: 1334,
  background: { kind: 'gradient', from: '#FF7A45', to: '#FFD591', angle: 0 },
  avatar: { visible: true, x: 311, y: 140, size: 128, shape: 'circle' },
  name: {
    visible: true,
    x: 75,
    y: 290,
    width: 600,
    fontSize: 44,
    color: '#FFFFFF',
    align: 'center',
    bold: true,
    maxLines: 1,
  },
  title: {
    visible: true,
    x: 60,
    y: 380,
    width: 630,
    fontSize: 56,
    color: '#FFFFFF',
    align: 'center',
    bold: true,
    maxLines: 2,
    text: '扫码添加，领取专属福利',
  },
  qr: { x: 175, y: 600, size: 400, color: '#1F1F1F', background: '#FFFFFF' },
  subtitle: {
    visible: true,
    x: 75,
    y: 1040,
    width: 600,
    fontSize: 30,
    color: '#8C3A12',
    align: 'center',
    bold: false,
    maxLines: 2,
    text: '长按识别二维码',
  },
};
// Changing BUILTIN_LAYOUT changes how default posters look: bump this so cached ones are redrawn.
export const BUILTIN_LAYOUT_VERSION = 1;

export type TQrPlacement = {
  /** Side of one module in pixels (a whole number, so modules stay crisp). */
  modulePx: number;
  /** Offset of the first module (quiet zone included) from the box's corner, centring the code. */
  offset: number;
  /** Side of the drawn code, quiet zone included. */
  drawn: number;
};

/**
 * How a QR code of `moduleCount` modules plus `margin` quiet modules each side fits a square box of
 * `size` px: whole-pixel modules (blurry half-pixel edges hurt scanning), centred. When even one
 * pixel per module does not fit, the code is drawn at one pixel per module and overflows evenly.
 */
export function qrPlacement(moduleCount: number, size: number, margin: number): TQrPlacement {
  const total = moduleCount + 2 * margin;
  const modulePx = Math.max(1, Math.floor(size / total));
  const drawn = modulePx * total;
  return { modulePx, offset: Math.floor((size - drawn) / 2), drawn };
}

/** The part of an image to draw so it covers a `dstW`×`dstH` box (centre crop, no distortion). */
export function coverCrop(
  srcW: number,
  srcH: number,
  dstW: number,
  dstH: number,
): { sx: number; sy: number; sw: number; sh: number } {
  const scale = Math.max(dstW / srcW, dstH / srcH);
  const sw = dstW / scale;
  const sh = dstH / scale;
  return { sx: (srcW - sw) / 2, sy: (srcH - sh) / 2, sw, sh };
}

/** The line a linear gradient runs along: through the centre, `angle` degrees (0 = downwards). */
export function gradientLine(width: number, height: number, angle: number): { x0: number; y0: number; x1: number; y1: number } {
  const rad = (angle * Math.PI) / 180;
  const dx = Math.sin(rad);
  const dy = Math.cos(rad);
  // Half the length of the canvas's projection on the direction, so the ends touch the corners.
  const half = (Math.abs(width * dx) + Math.abs(height * dy)) / 2;
  const cx = width / 2;
  const cy = height / 2;
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return { x0: r(cx - dx * half), y0: r(cy - dy * half), x1: r(cx + dx * half), y1: r(cy + dy * half) };
}

const HAN = /\p{Script=Han}/u;

/**
 * What an avatar placeholder shows: the last two characters of a Chinese name (王芳 → 王芳,
 * 欧阳娜娜 → 娜娜, as WeCom does), the initials of up to two words otherwise (Li Na → LN), '?' when empty.
 */
export function initialsOf(name: string | null | undefined): string {
  const clean = (name ?? '').trim();
  if (!clean) return '?';
  const chars = [...clean.replace(/\s+/g, '')];
  if (chars.some((c) => HAN.test(c)))
    return chars
      .filter((c) => HAN.test(c))
      .slice(-2)
      .join('');
  const words = clean.split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? words.slice(0, 2).map((w) => [...w][0] ?? '') : [...(words[0] ?? '')].slice(0, 1);
  return letters.join('').toUpperCase() || '?';
}

const AVATAR_COLORS = ['#1677FF', '#13C2C2', '#52C41A', '#FA8C16', '#EB2F96', '#722ED1', '#2F54EB', '#FA541C'];

/** A stable background colour for a name's placeholder avatar. */
export function avatarColor(name: string | null | undefined): string {
  let h = 0;
  for (const ch of name ?? '') h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return AVATAR_COLORS[h % AVATAR_COLORS.length] ?? '#1677FF';
}

// Runs that must stay together when wrapping: a Latin word or number, or a single other character.
const TOKEN = /[A-Za-z0-9@#&'’._\-/:%+]+|\s+|[\s\S]/gu;

/**
 * Breaks `text` into at most `maxLines` lines no wider than `maxWidth` (as `measure` says): Latin
 * words stay whole when they fit on a line, CJK breaks between any two characters, and text that
 * does not fit ends the last line with "…".
 * @example
 * wrapText('扫码加入会员群', 100, 1, (s) => s.length * 30) // ['扫码…']
 */
export function wrapText(text: string, maxWidth: number, maxLines: number, measure: (s: string) => number): string[] {
  const tokens = text.replace(/\s+/g, ' ').trim().match(TOKEN) ?? [];
  const lines: string[] = [];
  let line = '';
  let i = 0;
  while (i < tokens.length && lines.length < maxLines) {
    const token = tokens[i] as string;
    if (line === '' && token.trim() === '') {
      i++;
      continue;
    }
    if (measure(line + token) <= maxWidth) {
      line += token;
      i++;
      continue;
    }
    if (line === '') {
      // A word wider than the line: break it between characters.
      const chars = [...token];
      let part = '';
      let k = 0;
      while (k < chars.length && measure(part + chars[k]) <= maxWidth) part += chars[k++];
      if (part === '') part = chars[k++] ?? '';
      lines.push(part);
      tokens[i] = chars.slice(k).join('');
      if (tokens[i] === '') i++;
      continue;
    }
    lines.push(line.trimEnd());
    line = '';
  }
  if (line !== '' && lines.length < maxLines) lines.push(line.trimEnd());
  const rest = tokens.slice(i).join('').trim();
  if (rest !== '' && lines.length > 0) {
    // The text goes on past the last line: end that line with an ellipsis that fits.
    let last = [...(lines[lines.length - 1] as string)];
    while (last.length > 0 && measure(`${last.join('').trimEnd()}…`) > maxWidth) last = last.slice(0, -1);
    lines[lines.length - 1] = `${last.join('').trimEnd()}…`;
  }
  return lines;
}

/** Where `fillText` anchors a line of a box, for the box's alignment. */
export function textAnchorX(box: Pick<TTextBox, 'x' | 'width' | 'align'>): number {
  if (box.align === 'center') return box.x + box.width / 2;
  if (box.align === 'right') return box.x + box.width;
  return box.x;
}

/** The size of a preview scaled down to `width` (never up), keeping the aspect ratio. */
export function scaledSize(width: number, height: number, target?: number): { width: number; height: number } {
  if (!target || target >= width) return { width, height };
  return { width: target, height: Math.max(1, Math.round((height * target) / width)) };
}

/** Dimensions from the header of a PNG or JPEG, or null for anything else (sniffed, not trusted). */
export function imageInfo(bytes: Uint8Array): { type: 'image/png' | 'image/jpeg'; width: number; height: number } | null {
  const b = bytes;
  const u16 = (o: number) => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
  const u32 = (o: number) => (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0;
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length >= 24 && PNG.every((v, k) => b[k] === v)) {
    // The first chunk must be IHDR: width and height at bytes 16–23.
    if (String.fromCharCode(b[12] ?? 0, b[13] ?? 0, b[14] ?? 0, b[15] ?? 0) !== 'IHDR') return null;
    const width = u32(16);
    const height = u32(20);
    return width > 0 && height > 0 ? { type: 'image/png', width, height } : null;
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    // Walk the JPEG segments to a start-of-frame marker (SOF0–SOF15 except DHT, JPG and DAC).
    let o = 2;
    while (o + 9 < b.length) {
      if (b[o] !== 0xff) return null;
      const marker = b[o + 1] ?? 0;
      if (marker === 0xff) {
        o++;
        continue;
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        o += 2;
        continue;
      }
      const length = u16(o + 2);
      if (length < 2) return null;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const height = u16(o + 5);
        const width = u16(o + 7);
        return width > 0 && height > 0 ? { type: 'image/jpeg', width, height } : null;
      }
      o += 2 + length;
    }
    return null;
  }
  return null;
}
