import { createHash, randomUUID } from 'node:crypto';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { storageFor } from '../../lib/storage.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { assertFolderExists } from './manage-material-folders.ts';
import { toMaterial } from './material-views.ts';
import type { TMaterial, TUploadMaterialFields } from './materials.schemas.ts';
import { materials } from './materials.tables.ts';
import { checkUpload } from './upload-rules.ts';

/** Comma-separated (or a JSON array of) tags from a form field. */
export function parseTagField(raw: string | undefined): string[] {
  if (!raw?.trim()) return [];
  let list: unknown = null;
  if (raw.trim().startsWith('[')) {
    try {
      list = JSON.parse(raw);
    } catch {
      throw new AppError('VALIDATION', 'tags: not a valid JSON array. Send tags separated by commas.');
    }
  }
  const tags = (Array.isArray(list) ? list.map(String) : raw.split(/[,，]/)).map((s) => s.trim()).filter(Boolean);
  if (tags.length > 20 || tags.some((t) => t.length > 32))
    throw new AppError('VALIDATION', 'tags: at most 20 tags of at most 32 characters each.');
  return [...new Set(tags)];
}

/**
 * Stores an uploaded image, video or file after checking its name and bytes (upload-rules.ts).
 * The bytes go to the file storage first; if the row cannot be written, they are removed again.
 */
export async function uploadMaterial(
  ctx: Ctx,
  file: { name: string; bytes: Uint8Array },
  fields: TUploadMaterialFields,
): Promise<TMaterial> {
  assertRole(ctx.actor, TENANT_WIDE, 'upload materials');
  const checked = checkUpload(file.name, file.bytes);
  const asPoster = fields.poster === 'true';
  if (asPoster && checked.type !== 'image')
    throw new AppError('VALIDATION', 'Only an image can be stored as a poster. Untick “poster” or upload an image.');
  if (fields.folderId) await assertFolderExists(ctx, fields.folderId);
  const tags = parseTagField(fields.tags);
  const title = (fields.title?.trim() || file.name.replace(/\.[^.]+$/, '')).slice(0, 128) || file.name.slice(0, 128);
  const key = `t${ctx.actor.tenantId}/materials/${randomUUID()}.${checked.ext}`;
  const storage = storageFor(ctx);
  await storage.put(key, file.bytes, checked.mime);
  try {
    const [row] = await dbOf(ctx)
      .insert(materials)
      .values({
        tenantId: ctx.actor.tenantId,
        type: asPoster ? 'poster' : checked.type,
        title,
        folderId: fields.folderId ?? null,
        tags,
        description: fields.description?.trim() || null,
        fileKey: key,
        byteSize: file.bytes.length,
        mimeType: checked.mime,
        fileName: file.name.slice(0, 256),
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        createdBy: ctx.actor.accountId,
        createdByName: ctx.actor.name,
      })
      .returning();
    if (!row) throw new Error('Material was not inserted.');
    return toMaterial(row);
  } catch (error) {
    await storage.delete(key);
    throw error;
  }
}
