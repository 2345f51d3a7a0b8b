import { createHash } from 'node:crypto';
import { loadImage } from '@napi-rs/canvas';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { type Ctx, type Deps, dbOf } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { imageInfo } from './poster-layout.ts';
import type { TPosterImage } from './posters.schemas.ts';
import { posterImages, posterTemplates } from './posters.tables.ts';

export const IMAGE_LIMITS = { maxBytes: 2 * 1024 * 1024, minSide: 100, maxSide: 4096 } as const;

const toImage = (r: Omit<typeof posterImages.$inferSelect, 'bytes' | 'tenantId' | 'sha256' | 'createdBy'>): TPosterImage => ({
  id: r.id,
  contentType: r.contentType as TPosterImage['contentType'],
  width: r.width,
  height: r.height,
  byteSize: r.byteSize,
  url: `/api/poster-images/${r.id}`,
  createdAt: r.createdAt.toISOString(),
});

/**
 * Stores an uploaded background: PNG or JPEG by its bytes (not its name or claimed type), at most
 * 2 MB and 100–4096 px a side, and decodable. Nothing is stored when any check fails.
 */
export async function uploadPosterImage(ctx: Ctx, bytes: Uint8Array): Promise<TPosterImage> {
  assertRole(ctx.actor, ['admin', 'operator'], 'upload poster backgrounds');
  if (bytes.length === 0) throw new AppError('VALIDATION', 'The file is empty. Choose a PNG or JPEG image.');
  if (bytes.length > IMAGE_LIMITS.maxBytes)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `The image is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; backgrounds are at most 2 MB. Save it as a JPEG of lower quality or smaller size and upload again.`,
    );
  const info = imageInfo(bytes);
  if (!info)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Backgrounds must be PNG or JPEG images. Convert the file and upload again.');
  const { minSide, maxSide } = IMAGE_LIMITS;
  if (info.width < minSide || info.height < minSide || info.width > maxSide || info.height > maxSide)
    throw new AppError(
      'VALIDATION',
      `The image is ${info.width}×${info.height} px; backgrounds are ${minSide}–${maxSide} px a side (750×1334 suits a phone). Resize it and upload again.`,
    );
  const buffer = Buffer.from(bytes);
  try {
    await loadImage(buffer);
  } catch {
    throw new AppError(
      'VALIDATION',
      'The image could not be read; it may be damaged. Export it again as PNG or JPEG and upload it.',
    );
  }
  const [row] = await dbOf(ctx)
    .insert(posterImages)
    .values({
      tenantId: ctx.actor.tenantId,
      contentType: info.type,
      width: info.width,
      height: info.height,
      byteSize: buffer.length,
      sha256: createHash('sha256').update(buffer).digest('hex'),
      bytes: buffer,
      createdBy: ctx.actor.name,
    })
    .returning();
  if (!row) throw new Error('Poster image was not inserted.');
  return toImage(row);
}

/** An uploaded image's bytes, for the editor (any role of the tenant may see backgrounds). */
export async function getPosterImage(ctx: Ctx, id: number): Promise<{ bytes: Buffer; contentType: string; sha256: string }> {
  const [row] = await dbOf(ctx)
    .select({ bytes: posterImages.bytes, contentType: posterImages.contentType, sha256: posterImages.sha256 })
    .from(posterImages)
    .where(and(eq(posterImages.tenantId, ctx.actor.tenantId), eq(posterImages.id, id)));
  if (!row) throw notFound('Poster image', id);
  return row;
}

/**
 * Deletes uploads no template uses, once they are a day old (an editor may still be about to save
 * a template with a fresh upload). Runs across tenants, as the system; returns how many went.
 */
export async function deleteOrphanPosterImages(
  deps: Pick<Deps, 'db' | 'now'>,
  options: { olderThanMs?: number } = {},
): Promise<number> {
  const before = new Date(deps.now().getTime() - (options.olderThanMs ?? 24 * 3600_000));
  const orphans = deps.db
    .select({ tenantId: posterImages.tenantId, id: posterImages.id })
    .from(posterImages)
    .leftJoin(
      posterTemplates,
      and(eq(posterTemplates.tenantId, posterImages.tenantId), eq(posterTemplates.backgroundImageId, posterImages.id)),
    )
    .where(and(isNull(posterTemplates.id), lt(posterImages.createdAt, before)))
    .limit(1000);
  const deleted = await deps.db
    .delete(posterImages)
    .where(sql`(${posterImages.tenantId}, ${posterImages.id}) in (${orphans})`)
    .returning({ id: posterImages.id });
  return deleted.length;
}
