import { createRequire } from 'node:module';
import { createCanvas, loadImage } from '@napi-rs/canvas';

// jsqr is CommonJS whose module.exports is the decoder itself (its typings declare a default export).
const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default;

/** The text of the QR code found in a PNG, or null: tests read posters back as a phone would. */
export async function decodeQr(png: Uint8Array): Promise<string | null> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const g = canvas.getContext('2d');
  g.drawImage(image, 0, 0);
  const { data } = g.getImageData(0, 0, image.width, image.height);
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), image.width, image.height)?.data ?? null;
}
