import { type Canvas, createCanvas, type Image, type SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import { AppError } from '../../lib/errors.ts';
import { posterFont } from './poster-fonts.ts';
import {
  avatarColor,
  coverCrop,
  gradientLine,
  initialsOf,
  LINE_HEIGHT,
  qrPlacement,
  scaledSize,
  textAnchorX,
  wrapText,
} from './poster-layout.ts';
import type { TPosterLayout, TTextBox } from './posters.schemas.ts';

/** The QR matrix of `text` (error correction M: survives a logo-free print with some wear). */
export function qrMatrix(text: string): { size: number; get: (row: number, col: number) => boolean } {
  try {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    return { size: modules.size, get: (r, c) => Boolean(modules.get(r, c)) };
  } catch (err) {
    throw new AppError(
      'VALIDATION',
      `The text is too long for a QR code (${(err as Error).message}). Use a shorter link, e.g. a Pond short link.`,
    );
  }
}

/** Draws the QR code of `text` into the square box (x, y, size), quiet zone included. */
export function drawQr(
  g: SKRSContext2D,
  text: string,
  box: { x: number; y: number; size: number; color: string; background: string },
  margin = 2,
): void {
  const m = qrMatrix(text);
  const p = qrPlacement(m.size, box.size, margin);
  g.fillStyle = box.background;
  g.fillRect(box.x, box.y, box.size, box.size);
  g.fillStyle = box.color;
  const x0 = box.x + p.offset + margin * p.modulePx;
  const y0 = box.y + p.offset + margin * p.modulePx;
  for (let r = 0; r < m.size; r++) {
    // Runs of dark modules in a row as one rectangle: fewer draw calls, no seams between modules.
    let c = 0;
    while (c < m.size) {
      if (!m.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < m.size && m.get(r, c)) c++;
      g.fillRect(x0 + start * p.modulePx, y0 + r * p.modulePx, (c - start) * p.modulePx, p.modulePx);
    }
  }
}

function drawBackground(g: SKRSContext2D, layout: TPosterLayout, image: Image | null): void {
  const { width, height, background: bg } = layout;
  if (bg.kind === 'gradient') {
    const l = gradientLine(width, height, bg.angle);
    const gradient = g.createLinearGradient(l.x0, l.y0, l.x1, l.y1);
    gradient.addColorStop(0, bg.from);
    gradient.addColorStop(1, bg.to);
    g.fillStyle = gradient;
  } else {
    g.fillStyle = bg.color;
  }
  g.fillRect(0, 0, width, height);
  if (bg.kind === 'image' && image) {
    const c = coverCrop(image.width, image.height, width, height);
    g.drawImage(image, c.sx, c.sy, c.sw, c.sh, 0, 0, width, height);
  }
}

function clipShape(g: SKRSContext2D, shape: TPosterLayout['avatar']['shape'], x: number, y: number, size: number): void {
  g.beginPath();
  if (shape === 'circle') g.arc(x + size / 2, y + size / 2, size / 2, 0, Math.PI * 2);
  else if (shape === 'rounded') g.roundRect(x, y, size, size, size * 0.18);
  else g.rect(x, y, size, size);
  g.closePath();
  g.clip();
}

function drawAvatar(g: SKRSContext2D, layout: TPosterLayout, name: string | null, image: Image | null): void {
  const a = layout.avatar;
  if (!a.visible) return;
  g.save();
  clipShape(g, a.shape, a.x, a.y, a.size);
  if (image) {
    const c = coverCrop(image.width, image.height, a.size, a.size);
    g.drawImage(image, c.sx, c.sy, c.sw, c.sh, a.x, a.y, a.size, a.size);
  } else {
    // No picture: the initials on a colour of the name, as WeCom shows people without an avatar.
    g.fillStyle = avatarColor(name);
    g.fillRect(a.x, a.y, a.size, a.size);
    const initials = initialsOf(name);
    const fontSize = Math.round(a.size * ([...initials].length > 1 ? 0.34 : 0.46));
    g.font = posterFont(fontSize, true);
    g.fillStyle = '#FFFFFF';
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(initials, a.x + a.size / 2, a.y + a.size / 2);
  }
  g.restore();
  // A thin white ring separates a picture from busy backgrounds.
  if (a.shape === 'circle') {
    g.beginPath();
    g.arc(a.x + a.size / 2, a.y + a.size / 2, a.size / 2 - 1.5, 0, Math.PI * 2);
    g.lineWidth = 3;
    g.strokeStyle = 'rgba(255,255,255,0.9)';
    g.stroke();
  }
}

function drawText(g: SKRSContext2D, box: TTextBox, text: string): void {
  if (!box.visible || !text.trim()) return;
  g.font = posterFont(box.fontSize, box.bold);
  g.fillStyle = box.color;
  g.textAlign = box.align;
  g.textBaseline = 'top';
  const lines = wrapText(text, box.width, box.maxLines, (s) => g.measureText(s).width);
  const lineHeight = box.fontSize * LINE_HEIGHT;
  // Centre the glyphs in their line: half the extra line height above.
  const pad = (lineHeight - box.fontSize) / 2;
  lines.forEach((line, i) => {
    g.fillText(line, textAnchorX(box), box.y + pad + i * lineHeight);
  });
}

export type TPosterContent = {
  qrText: string;
  title: string;
  subtitle: string;
  name: string | null;
  avatar: Image | null;
  background: Image | null;
};

/** Draws a poster on a new canvas of the layout's size (or scaled down to `width`). */
export function drawPoster(layout: TPosterLayout, content: TPosterContent, width?: number): Canvas {
  const canvas = createCanvas(layout.width, layout.height);
  const g = canvas.getContext('2d');
  drawBackground(g, layout, content.background);
  drawAvatar(g, layout, content.name, content.avatar);
  drawText(g, layout.name, content.name ?? '');
  drawText(g, layout.title, content.title);
  drawText(g, layout.subtitle, content.subtitle);
  drawQr(g, content.qrText, layout.qr);
  const size = scaledSize(layout.width, layout.height, width);
  if (size.width === layout.width) return canvas;
  const small = createCanvas(size.width, size.height);
  const sg = small.getContext('2d');
  sg.imageSmoothingQuality = 'high';
  sg.drawImage(canvas, 0, 0, size.width, size.height);
  return small;
}
