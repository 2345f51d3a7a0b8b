import { ApiError, buildUrl } from '../../api.ts';
import { i18n } from '../../i18n/index.ts';

// Shapes of the posters API (packages/core/src/modules/posters/posters.schemas.ts), as the console reads them.

export const POSTER_USES = ['staff_card', 'group_code', 'fission', 'checkin', 'generic'] as const;
export type TPosterUse = (typeof POSTER_USES)[number];

export type TTextBox = {
  visible: boolean;
  x: number;
  y: number;
  width: number;
  fontSize: number;
  color: string;
  align: 'left' | 'center' | 'right';
  bold: boolean;
  maxLines: number;
  text?: string;
};
export type TAvatarBox = { visible: boolean; x: number; y: number; size: number; shape: 'circle' | 'rounded' | 'square' };
export type TQrBox = { x: number; y: number; size: number; color: string; background: string };
export type TBackground =
  | { kind: 'color'; color: string }
  | { kind: 'gradient'; from: string; to: string; angle: number }
  | { kind: 'image'; imageId: number; color: string };

export type TPosterLayout = {
  width: number;
  height: number;
  background: TBackground;
  avatar: TAvatarBox;
  name: TTextBox;
  title: TTextBox;
  subtitle: TTextBox;
  qr: TQrBox;
};

export type TPosterTemplate = {
  id: number;
  name: string;
  uses: TPosterUse[];
  layout: TPosterLayout;
  version: number;
  defaultFor: TPosterUse[];
  createdAt: string;
  updatedAt: string;
};

export type TPosterImage = { id: number; contentType: string; width: number; height: number; byteSize: number; url: string };
export type TPosterDefaults = Record<TPosterUse, number | null>;

export type TStaffCard = {
  staffId: number;
  staffName: string;
  state: string;
  configId: string;
  qrCode: string;
  adds: number;
  lastAddAt: string | null;
  templateId: number | null;
  imageUrl: string;
  shareImageUrl: string;
};

// The server's limits (poster-layout.ts LAYOUT_LIMITS), for the inputs' ranges.
export const LIMITS = {
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
  minQrSize: 120,
  maxQrSize: 1200,
  maxImageBytes: 2 * 1024 * 1024,
} as const;

export const LINE_HEIGHT = 1.3;
export const textBoxHeight = (b: Pick<TTextBox, 'fontSize' | 'maxLines'>) => Math.ceil(b.fontSize * LINE_HEIGHT * b.maxLines);

export type TElement = 'avatar' | 'name' | 'title' | 'subtitle' | 'qr';
export const ELEMENTS: TElement[] = ['avatar', 'name', 'title', 'subtitle', 'qr'];

/** The rectangle an element takes on the canvas (hidden ones included). */
export function elementBox(
  layout: TPosterLayout,
  el: TElement,
): { x: number; y: number; w: number; h: number; visible: boolean } {
  if (el === 'avatar')
    return {
      x: layout.avatar.x,
      y: layout.avatar.y,
      w: layout.avatar.size,
      h: layout.avatar.size,
      visible: layout.avatar.visible,
    };
  if (el === 'qr') return { x: layout.qr.x, y: layout.qr.y, w: layout.qr.size, h: layout.qr.size, visible: true };
  const b = layout[el];
  return { x: b.x, y: b.y, w: b.width, h: textBoxHeight(b), visible: b.visible };
}

/** Elements that stick out of the canvas (the server refuses to save them). */
export function outOfBounds(layout: TPosterLayout): TElement[] {
  return ELEMENTS.filter((el) => {
    const b = elementBox(layout, el);
    return b.visible && (b.x < 0 || b.y < 0 || b.x + b.w > layout.width || b.y + b.h > layout.height);
  });
}

/** Renders an unsaved layout on the server; resolves to an object URL of the PNG (the caller revokes it). */
export async function previewLayout(
  body: { layout: TPosterLayout; name?: string; title?: string; subtitle?: string },
  signal?: AbortSignal,
  width?: number,
): Promise<string> {
  const res = await fetch(buildUrl('/api/poster-templates/preview', { width }), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'image/png, application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  });
  if (!res.ok) {
    let err: ApiError = new ApiError(res.status, `HTTP_${res.status}`, res.statusText || i18n.t('errors.UNKNOWN'));
    try {
      const j = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
      if (j.error) err = new ApiError(res.status, j.error.code ?? err.code, j.error.message ?? err.message, j.error.details);
    } catch {
      // Not JSON: keep the generic error.
    }
    throw err;
  }
  return URL.createObjectURL(await res.blob());
}

/** The field paths of a VALIDATION error's issues (`layout.qr.x`), for showing them by the inputs. */
export function issuePaths(err: unknown): { path: string; message: string }[] {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION') return [];
  const details = err.details as { issues?: { path: string; message: string }[] } | undefined;
  return details?.issues ?? [];
}

/**
 * The layout on a canvas of another size: positions scale with each axis, sizes and fonts with the
 * smaller factor (so nothing stretches), within the server's limits. Used by the size presets.
 */
export function rescaleLayout(layout: TPosterLayout, width: number, height: number): TPosterLayout {
  const sx = width / layout.width;
  const sy = height / layout.height;
  const s = Math.min(sx, sy);
  const r = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(n)));
  const text = (b: TTextBox): TTextBox => {
    const w = r(b.width * sx, LIMITS.minTextWidth, width);
    return {
      ...b,
      width: w,
      x: r(b.x * sx, 0, width - w),
      y: r(b.y * sy, 0, height),
      fontSize: r(b.fontSize * s, LIMITS.minFontSize, LIMITS.maxFontSize),
    };
  };
  const avatarSize = r(layout.avatar.size * s, LIMITS.minAvatarSize, LIMITS.maxAvatarSize);
  const qrSize = r(layout.qr.size * s, LIMITS.minQrSize, Math.min(LIMITS.maxQrSize, width, height));
  // Square boxes keep their centre where the axes put it.
  const centred = (x: number, y: number, size: number, newSize: number) => ({
    x: r((x + size / 2) * sx - newSize / 2, 0, width - newSize),
    y: r((y + size / 2) * sy - newSize / 2, 0, height - newSize),
  });
  return {
    ...layout,
    width,
    height,
    avatar: { ...layout.avatar, size: avatarSize, ...centred(layout.avatar.x, layout.avatar.y, layout.avatar.size, avatarSize) },
    name: text(layout.name),
    title: text(layout.title),
    subtitle: text(layout.subtitle),
    qr: { ...layout.qr, size: qrSize, ...centred(layout.qr.x, layout.qr.y, layout.qr.size, qrSize) },
  };
}
