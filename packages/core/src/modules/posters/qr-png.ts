import { createCanvas } from '@napi-rs/canvas';
import type { Deps } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { drawQr } from './draw-poster.ts';
import { posterCaches, renderKey } from './poster-cache.ts';

export const QR_SIZE = { min: 64, max: 1024, default: 360 } as const;

/**
 * A PNG of the QR code of `text`: black on white, `size` px square (64–1024, default 360) with a
 * quiet zone of `margin` modules (default 2), whole-pixel modules centred in the square.
 * @example
 * const png = await qrPng(linkUrl(ctx.publicUrl, 'group_code', slug), { size: 480 });
 */
export async function qrPng(text: string, options?: { size?: number; margin?: number }): Promise<Buffer> {
  const size = options?.size ?? QR_SIZE.default;
  const margin = options?.margin ?? 2;
  if (!Number.isInteger(size) || size < QR_SIZE.min || size > QR_SIZE.max)
    throw new AppError(
      'VALIDATION',
      `A QR code is ${QR_SIZE.min}–${QR_SIZE.max} px; ${size} is out of range. Pick a size inside it.`,
    );
  if (!Number.isInteger(margin) || margin < 0 || margin > 8)
    throw new AppError('VALIDATION', 'The QR margin is 0–8 modules. Pick a value inside it.');
  if (!text) throw new AppError('VALIDATION', 'A QR code needs some text to encode. Pass the link it should open.');
  const canvas = createCanvas(size, size);
  drawQr(canvas.getContext('2d'), text, { x: 0, y: 0, size, color: '#000000', background: '#FFFFFF' }, margin);
  return canvas.encode('png');
}

/** `qrPng` through the process's QR cache, with the ETag of its inputs (for the public QR route). */
export async function cachedQrPng(
  deps: Pick<Deps, 'database'>,
  text: string,
  options: { size: number; margin: number },
): Promise<{ png: Buffer; etag: string }> {
  const key = renderKey(['qr', 1, text, options.size, options.margin]);
  const etag = `"q-${key.slice(0, 32)}"`;
  const cache = posterCaches(deps.database).qrs;
  const hit = cache.get(key);
  if (hit) return { png: hit, etag };
  const png = await qrPng(text, options);
  cache.set(key, png, png.length);
  return { png, etag };
}
