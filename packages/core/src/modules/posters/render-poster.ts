import { type Image, loadImage } from '@napi-rs/canvas';
import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { drawPoster } from './draw-poster.ts';
import { posterCaches, readDiskCache, renderKey, writeDiskCache } from './poster-cache.ts';
import { ensurePosterFonts } from './poster-fonts.ts';
import { BUILTIN_LAYOUT, BUILTIN_LAYOUT_VERSION, imageInfo } from './poster-layout.ts';
import type { TPosterLayout } from './posters.schemas.ts';
import { posterImages, posterTemplates } from './posters.tables.ts';

export type TPosterInput = {
  /** A poster template of ctx's tenant; null/undefined → the built-in default template. */
  templateId?: number | null;
  /** What the QR encodes (a Pond short-link URL or a WeCom QR URL). */
  qrText: string;
  /** Big text line (campaign name, "扫码加入会员群"); undefined → the template's own title. */
  title?: string;
  /** Smaller line; undefined → the template's own subtitle. */
  subtitle?: string;
  /** The person's display name (staff or customer). */
  name?: string | null;
  /** http(s) or data: URL; unreachable/missing → a circle with initials. */
  avatarUrl?: string | null;
};

/** A template ready to draw: its layout and what identifies this version of it in cache keys. */
export type TResolvedTemplate = { templateId: number | null; layout: TPosterLayout; scope: readonly unknown[] };

// Bump when drawing changes, so posters cached on disk by an older Pond are drawn again.
const RENDERER_VERSION = 1;
// A poster drawn with a placeholder (an avatar that did not load) is kept only this long.
const DEGRADED_TTL_MS = 10 * 60_000;
const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
const AVATAR_TIMEOUT_MS = 2_000;
const IMAGE_MAX_SIDE = 4096;

export const BUILTIN_TEMPLATE: TResolvedTemplate = {
  templateId: null,
  layout: BUILTIN_LAYOUT,
  scope: ['builtin', BUILTIN_LAYOUT_VERSION],
};

/**
 * The template to draw with: the tenant's template `templateId`, or the built-in one for null. A
 * template that no longer exists (deleted while a campaign still names it) falls back to the
 * built-in one with a warning, so participants' posters keep working.
 */
export async function resolvePosterTemplate(ctx: Ctx, templateId: number | null | undefined): Promise<TResolvedTemplate> {
  if (templateId === null || templateId === undefined) return BUILTIN_TEMPLATE;
  const [row] = await dbOf(ctx)
    .select({ id: posterTemplates.id, version: posterTemplates.version, layout: posterTemplates.layout })
    .from(posterTemplates)
    .where(and(eq(posterTemplates.tenantId, ctx.actor.tenantId), eq(posterTemplates.id, templateId)));
  if (!row) {
    ctx.log.warn({ templateId }, 'poster template not found; rendering with the built-in template');
    return BUILTIN_TEMPLATE;
  }
  return { templateId: row.id, layout: row.layout, scope: ['template', row.id, row.version] };
}

/**
 * Renders a poster as PNG: the template's background, the person's avatar and name, the title and
 * subtitle, and the QR code of `qrText`. Cached by (template version, input) in memory and under
 * the data directory, so the same poster is drawn once; `etag` identifies the bytes.
 * @example
 * const { png, etag } = await renderPoster(ctx, { templateId: campaign.posterTemplateId, qrText: url, title: campaign.name, name: customer.name, avatarUrl: customer.avatar });
 */
export async function renderPoster(ctx: Ctx, input: TPosterInput): Promise<{ png: Buffer; etag: string }> {
  const template = await resolvePosterTemplate(ctx, input.templateId);
  return renderWithTemplate(ctx, template, input);
}

/**
 * The render path under `renderPoster`, for a template already resolved (or an unsaved layout of
 * the editor's preview, whose `scope` then carries the layout itself). `width` scales it down;
 * `persist: false` keeps it out of the disk cache.
 */
export async function renderWithTemplate(
  ctx: Ctx,
  template: TResolvedTemplate,
  input: Omit<TPosterInput, 'templateId'>,
  options: { width?: number; persist?: boolean } = {},
): Promise<{ png: Buffer; etag: string }> {
  const { layout } = template;
  const content = {
    qrText: input.qrText,
    title: input.title ?? layout.title.text,
    subtitle: input.subtitle ?? layout.subtitle.text,
    name: input.name ?? null,
    avatarUrl: input.avatarUrl || null,
  };
  const key = renderKey([RENDERER_VERSION, ctx.actor.tenantId, ...template.scope, content, options.width ?? null]);
  const etag = `"p-${key.slice(0, 32)}"`;
  const caches = posterCaches(ctx.database);
  const hit = caches.pngs.get(key);
  if (hit) {
    caches.stats.memoryHits++;
    return { png: hit, etag };
  }
  const running = caches.inflight.get(key);
  if (running) {
    caches.stats.inflightJoins++;
    return running;
  }
  const persist = options.persist !== false;
  const work = (async () => {
    const stored = persist ? await readDiskCache(ctx.dataDir, key) : null;
    if (stored) {
      caches.stats.diskHits++;
      caches.pngs.set(key, stored, stored.length);
      return { png: stored, etag };
    }
    ensurePosterFonts(ctx.log);
    const [background, avatar] = await Promise.all([loadBackground(ctx, layout), loadAvatar(ctx, content.avatarUrl)]);
    caches.stats.renders++;
    const canvas = drawPoster(layout, { ...content, avatar, background }, options.width);
    const png = await canvas.encode('png');
    // A placeholder stands in for a picture that did not load: keep that poster only briefly.
    const degraded =
      (content.avatarUrl !== null && layout.avatar.visible && !avatar) || (layout.background.kind === 'image' && !background);
    caches.pngs.set(key, png, png.length, degraded ? DEGRADED_TTL_MS : undefined);
    if (persist && !degraded) {
      await writeDiskCache(ctx.dataDir, key, png).catch((err) => ctx.log.warn({ err }, 'poster not written to the disk cache'));
    }
    return { png, etag };
  })();
  caches.inflight.set(key, work);
  try {
    return await work;
  } finally {
    caches.inflight.delete(key);
  }
}

/** The decoded background image of a layout (cached per image; image rows never change), or null. */
async function loadBackground(ctx: Ctx, layout: TPosterLayout): Promise<Image | null> {
  if (layout.background.kind !== 'image') return null;
  const imageId = layout.background.imageId;
  const cache = posterCaches(ctx.database).images;
  const key = `${ctx.actor.tenantId}:${imageId}`;
  const cached = cache.get(key) as Image | null | undefined;
  if (cached !== undefined) return cached;
  const [row] = await dbOf(ctx)
    .select({ bytes: posterImages.bytes })
    .from(posterImages)
    .where(and(eq(posterImages.tenantId, ctx.actor.tenantId), eq(posterImages.id, imageId)));
  if (!row) {
    ctx.log.warn({ imageId }, 'poster background image not found; drawing the background colour');
    return null;
  }
  try {
    const image = await loadImage(row.bytes);
    cache.set(key, image, image.width * image.height * 4);
    return image;
  } catch (err) {
    ctx.log.warn({ err, imageId }, 'poster background image could not be decoded');
    return null;
  }
}

/** Decodes a data: URL's bytes (base64 or percent-encoded). */
function dataUrlBytes(url: string): Buffer | null {
  const match = /^data:([^,]*?)(;base64)?,(.*)$/s.exec(url);
  if (!match) return null;
  const body = match[3] ?? '';
  return match[2] ? Buffer.from(body, 'base64') : Buffer.from(decodeURIComponent(body), 'binary');
}

async function fetchAvatar(url: string): Promise<Buffer | null> {
  const res = await fetch(url, { signal: AbortSignal.timeout(AVATAR_TIMEOUT_MS), redirect: 'follow' });
  if (!res.ok) return null;
  if (Number(res.headers.get('content-length') ?? 0) > AVATAR_MAX_BYTES) return null;
  const bytes = Buffer.from(await res.arrayBuffer());
  return bytes.length <= AVATAR_MAX_BYTES ? bytes : null;
}

/**
 * The avatar at `url` (http(s) or data:, PNG or JPEG), cached by URL; null when missing, unreachable
 * within 2 s, too large or not an image (remembered for 10 minutes, then tried again).
 */
async function loadAvatar(ctx: Ctx, url: string | null): Promise<Image | null> {
  if (!url) return null;
  const cache = posterCaches(ctx.database).avatars;
  const cached = cache.get(url) as Image | null | undefined;
  if (cached !== undefined) return cached;
  try {
    const bytes = url.startsWith('data:') ? dataUrlBytes(url) : /^https?:\/\//i.test(url) ? await fetchAvatar(url) : null;
    const info = bytes ? imageInfo(bytes) : null;
    if (!bytes || !info || info.width > IMAGE_MAX_SIDE || info.height > IMAGE_MAX_SIDE) {
      cache.set(url, null, 64, DEGRADED_TTL_MS);
      return null;
    }
    const image = await loadImage(bytes);
    cache.set(url, image, image.width * image.height * 4);
    return image;
  } catch (err) {
    ctx.log.debug({ err }, 'avatar not loaded; drawing initials');
    cache.set(url, null, 64, DEGRADED_TTL_MS);
    return null;
  }
}
