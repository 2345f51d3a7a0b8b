import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import {
  type TCreateMaterialFolderRequest,
  type TMaterialFolder,
  type TUpdateMaterialFolderRequest,
  ZCreateMaterialFolderRequest,
} from './materials.schemas.ts';
import { materialFolders, materials } from './materials.tables.ts';

const MAX_FOLDERS = 500;
const taken = (name: string) => new AppError('CONFLICT', `A folder named “${name}” already exists here. Choose another name.`);

/** Every folder (a flat list with parentId, in display order) and how many materials each holds. Everyone may read. */
export async function listMaterialFolders(ctx: Ctx): Promise<{ items: TMaterialFolder[] }> {
  const db = dbOf(ctx);
  const t = ctx.actor.tenantId;
  const [rows, counts] = await Promise.all([
    db
      .select()
      .from(materialFolders)
      .where(eq(materialFolders.tenantId, t))
      .orderBy(asc(materialFolders.sort), asc(materialFolders.name), asc(materialFolders.id))
      .limit(MAX_FOLDERS),
    db
      .select({ folderId: materials.folderId, n: count() })
      .from(materials)
      .where(and(eq(materials.tenantId, t), isNull(materials.deletedAt)))
      .groupBy(materials.folderId),
  ]);
  const byFolder = new Map(counts.map((c) => [c.folderId, c.n]));
  return {
    items: rows.map((r) => ({
      id: r.id,
      parentId: r.parentId,
      name: r.name,
      sort: r.sort,
      materialCount: byFolder.get(r.id) ?? 0,
    })),
  };
}

/** Throws NOT_FOUND unless the folder exists in the tenant. */
export async function assertFolderExists(ctx: Ctx, id: number): Promise<{ id: number; parentId: number | null }> {
  const [row] = await dbOf(ctx)
    .select({ id: materialFolders.id, parentId: materialFolders.parentId })
    .from(materialFolders)
    .where(and(eq(materialFolders.tenantId, ctx.actor.tenantId), eq(materialFolders.id, id)));
  if (!row) throw notFound('Folder', id);
  return row;
}

async function getFolder(ctx: Ctx, id: number): Promise<TMaterialFolder> {
  const folder = (await listMaterialFolders(ctx)).items.find((f) => f.id === id);
  if (!folder) throw notFound('Folder', id);
  return folder;
}

// A folder cannot move under itself or its own descendants.
async function assertNoCycle(ctx: Ctx, id: number, newParentId: number): Promise<void> {
  let cursor: number | null = newParentId;
  for (let depth = 0; cursor !== null && depth < 50; depth++) {
    if (cursor === id) throw new AppError('VALIDATION', 'A folder cannot move into itself or one of its subfolders.');
    cursor = (await assertFolderExists(ctx, cursor)).parentId;
  }
}

export async function createMaterialFolder(ctx: Ctx, raw: TCreateMaterialFolderRequest): Promise<TMaterialFolder> {
  assertRole(ctx.actor, TENANT_WIDE, 'manage material folders');
  const input = ZCreateMaterialFolderRequest.parse(raw);
  if (input.parentId) await assertFolderExists(ctx, input.parentId);
  try {
    const [row] = await dbOf(ctx)
      .insert(materialFolders)
      .values({ tenantId: ctx.actor.tenantId, name: input.name, parentId: input.parentId ?? null, sort: input.sort })
      .returning({ id: materialFolders.id });
    if (!row) throw new Error('The folder was not created.');
    return await getFolder(ctx, row.id);
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(input.name);
    throw error;
  }
}

export async function updateMaterialFolder(ctx: Ctx, id: number, input: TUpdateMaterialFolderRequest): Promise<TMaterialFolder> {
  assertRole(ctx.actor, TENANT_WIDE, 'manage material folders');
  requireChanges(input);
  await assertFolderExists(ctx, id);
  if (input.parentId) await assertNoCycle(ctx, id, input.parentId);
  try {
    await dbOf(ctx)
      .update(materialFolders)
      .set(input)
      .where(and(eq(materialFolders.tenantId, ctx.actor.tenantId), eq(materialFolders.id, id)));
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(input.name ?? '');
    throw error;
  }
  return getFolder(ctx, id);
}

/** Deletes an empty folder; one holding materials or subfolders is a CONFLICT (move them out first). */
export async function deleteMaterialFolder(ctx: Ctx, id: number): Promise<void> {
  assertRole(ctx.actor, TENANT_WIDE, 'manage material folders');
  await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const t = tctx.actor.tenantId;
    const folder = await assertFolderExists(tctx, id);
    const [[inside], [children]] = await Promise.all([
      db
        .select({ n: count() })
        .from(materials)
        .where(and(eq(materials.tenantId, t), eq(materials.folderId, id), isNull(materials.deletedAt))),
      db
        .select({ n: count() })
        .from(materialFolders)
        .where(and(eq(materialFolders.tenantId, t), eq(materialFolders.parentId, id))),
    ]);
    if ((inside?.n ?? 0) > 0 || (children?.n ?? 0) > 0)
      throw new AppError(
        'CONFLICT',
        `The folder holds ${inside?.n ?? 0} material(s) and ${children?.n ?? 0} subfolder(s). Move or delete them first.`,
      );
    await db.delete(materialFolders).where(and(eq(materialFolders.tenantId, t), eq(materialFolders.id, id)));
    // Soft-deleted materials keep no folder, so the id can never point at a later folder.
    await db
      .update(materials)
      .set({ folderId: null })
      .where(and(eq(materials.tenantId, t), eq(materials.folderId, id)));
    await recordAudit(tctx, {
      action: 'material_folder.delete',
      targetType: 'material_folder',
      targetId: id,
      details: { parentId: folder.parentId },
    });
  });
}
