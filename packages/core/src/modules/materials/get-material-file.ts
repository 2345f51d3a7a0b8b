import { and, eq, isNull } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { storageFor } from '../../lib/storage.ts';
import { materialEtag, verifyMaterialSignature } from './material-views.ts';
import { materials } from './materials.tables.ts';

export type TMaterialFile = { bytes: Buffer; contentType: string; etag: string; fileName: string };

async function readFile(ctx: Ctx, id: number): Promise<TMaterialFile & { sha256: string | null }> {
  const [row] = await dbOf(ctx)
    .select({ id: materials.id, fileKey: materials.fileKey, fileName: materials.fileName, sha256: materials.sha256 })
    .from(materials)
    .where(and(eq(materials.tenantId, ctx.actor.tenantId), eq(materials.id, id), isNull(materials.deletedAt)));
  if (!row?.fileKey) throw notFound('Material file', id);
  const file = await storageFor(ctx).get(row.fileKey);
  if (!file) throw notFound('Material file', id);
  return { ...file, etag: materialEtag(row.sha256, row.id), fileName: row.fileName ?? `material-${id}`, sha256: row.sha256 };
}

/** The bytes of an uploaded material, for logged-in users of the tenant (any role reads the library). */
export async function getMaterialFile(ctx: Ctx, id: number): Promise<TMaterialFile> {
  return readFile(ctx, id);
}

/**
 * The bytes behind a public material URL (publicMaterialUrl), for the channel: NOT_FOUND when the
 * signature does not match — a tampered or guessed URL looks exactly like a missing material.
 */
export async function getPublicMaterialFile(ctx: Ctx, id: number, sig: string): Promise<TMaterialFile> {
  const [row] = await dbOf(ctx)
    .select({ id: materials.id, sha256: materials.sha256 })
    .from(materials)
    .where(and(eq(materials.tenantId, ctx.actor.tenantId), eq(materials.id, id), isNull(materials.deletedAt)));
  if (!row || !verifyMaterialSignature(ctx, ctx.actor.tenantId, row, sig)) throw notFound('Material file', id);
  return readFile(ctx, id);
}
