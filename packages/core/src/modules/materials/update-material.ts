import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { assertFolderExists } from './manage-material-folders.ts';
import { toMaterial } from './material-views.ts';
import type { TMaterial, TUpdateMaterialRequest } from './materials.schemas.ts';
import { materials } from './materials.tables.ts';

/** Changes a material's title, folder, tags, description, and the card fields of links and mini programs. */
export async function updateMaterial(ctx: Ctx, id: number, input: TUpdateMaterialRequest): Promise<TMaterial> {
  assertRole(ctx.actor, TENANT_WIDE, 'edit materials');
  requireChanges(input);
  const where = and(eq(materials.tenantId, ctx.actor.tenantId), eq(materials.id, id), isNull(materials.deletedAt));
  const [current] = await dbOf(ctx).select({ type: materials.type }).from(materials).where(where);
  if (!current) throw notFound('Material', id);
  if (input.linkUrl !== undefined && current.type !== 'link')
    throw new AppError('VALIDATION', 'linkUrl: only link materials have a URL. Leave it out.');
  if ((input.appId !== undefined || input.pagePath !== undefined) && current.type !== 'miniprogram')
    throw new AppError('VALIDATION', 'appId / pagePath: only mini-program materials have them. Leave them out.');
  if (input.picUrl !== undefined && current.type !== 'link' && current.type !== 'miniprogram')
    throw new AppError('VALIDATION', 'picUrl: only link and mini-program cards have a cover. Leave it out.');
  if (input.title !== undefined && current.type === 'miniprogram' && input.title.length > 64)
    throw new AppError('VALIDATION', 'title: a mini-program card title is at most 64 characters. Shorten it.');
  if (input.folderId) await assertFolderExists(ctx, input.folderId);
  const [row] = await dbOf(ctx)
    .update(materials)
    .set({ ...input, updatedAt: ctx.now() })
    .where(where)
    .returning();
  if (!row) throw notFound('Material', id);
  return toMaterial(row);
}

/**
 * Soft-deletes a material (content naming it then fails with a clear message). The bytes stay in
 * storage: messages already queued may still fetch them until they are sent.
 */
export async function deleteMaterial(ctx: Ctx, id: number): Promise<void> {
  assertRole(ctx.actor, TENANT_WIDE, 'delete materials');
  await inTransaction(ctx, async (tctx) => {
    const [row] = await dbOf(tctx)
      .update(materials)
      .set({ deletedAt: tctx.now(), folderId: null })
      .where(and(eq(materials.tenantId, tctx.actor.tenantId), eq(materials.id, id), isNull(materials.deletedAt)))
      .returning({ id: materials.id, title: materials.title, type: materials.type });
    if (!row) throw notFound('Material', id);
    await recordAudit(tctx, {
      action: 'material.delete',
      targetType: 'material',
      targetId: id,
      details: { title: row.title, type: row.type },
    });
  });
}

/** Counts one send of a material by a guide (the workbench calls it after the guide sends it by hand). */
export async function markMaterialUsed(ctx: Ctx, id: number): Promise<{ usageCount: number }> {
  const [row] = await dbOf(ctx)
    .update(materials)
    .set({ usageCount: sql`${materials.usageCount} + 1` })
    .where(and(eq(materials.tenantId, ctx.actor.tenantId), eq(materials.id, id), isNull(materials.deletedAt)))
    .returning({ usageCount: materials.usageCount });
  if (!row) throw notFound('Material', id);
  return row;
}
