import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import {
  type TCreateLiveCodeFolderRequest,
  type TLiveCodeFolder,
  type TUpdateLiveCodeFolderRequest,
  ZCreateLiveCodeFolderRequest,
} from './live-codes.schemas.ts';
import { liveCodeFolders, liveCodes } from './live-codes.tables.ts';

const taken = (name: string) => new AppError('CONFLICT', `A folder named “${name}” already exists. Choose another name.`);

/** Every folder with how many (not deleted) codes it holds, in their order. Everyone may read folders. */
export async function listLiveCodeFolders(ctx: Ctx): Promise<{ items: TLiveCodeFolder[] }> {
  const db = dbOf(ctx);
  const t = ctx.actor.tenantId;
  const [rows, counts] = await Promise.all([
    db
      .select()
      .from(liveCodeFolders)
      .where(eq(liveCodeFolders.tenantId, t))
      .orderBy(asc(liveCodeFolders.sort), asc(liveCodeFolders.id))
      .limit(500),
    db
      .select({ folderId: liveCodes.folderId, n: count() })
      .from(liveCodes)
      .where(and(eq(liveCodes.tenantId, t), isNull(liveCodes.deletedAt)))
      .groupBy(liveCodes.folderId),
  ]);
  const byFolder = new Map(counts.map((c) => [c.folderId, c.n]));
  return { items: rows.map((r) => ({ id: r.id, name: r.name, sort: r.sort, codeCount: byFolder.get(r.id) ?? 0 })) };
}

async function getFolder(ctx: Ctx, id: number): Promise<TLiveCodeFolder> {
  const { items } = await listLiveCodeFolders(ctx);
  const folder = items.find((f) => f.id === id);
  if (!folder) throw notFound('Folder', id);
  return folder;
}

export async function createLiveCodeFolder(ctx: Ctx, raw: TCreateLiveCodeFolderRequest): Promise<TLiveCodeFolder> {
  assertRole(ctx.actor, TENANT_WIDE, 'manage live code folders');
  const input = ZCreateLiveCodeFolderRequest.parse(raw);
  try {
    const [row] = await dbOf(ctx)
      .insert(liveCodeFolders)
      .values({ tenantId: ctx.actor.tenantId, name: input.name, sort: input.sort })
      .returning({ id: liveCodeFolders.id });
    if (!row) throw new AppError('INTERNAL', 'The folder was not created.');
    return await getFolder(ctx, row.id);
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(input.name);
    throw error;
  }
}

export async function updateLiveCodeFolder(ctx: Ctx, id: number, input: TUpdateLiveCodeFolderRequest): Promise<TLiveCodeFolder> {
  assertRole(ctx.actor, TENANT_WIDE, 'manage live code folders');
  requireChanges(input);
  try {
    const [row] = await dbOf(ctx)
      .update(liveCodeFolders)
      .set(input)
      .where(and(eq(liveCodeFolders.tenantId, ctx.actor.tenantId), eq(liveCodeFolders.id, id)))
      .returning({ id: liveCodeFolders.id });
    if (!row) throw notFound('Folder', id);
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(input.name ?? '');
    throw error;
  }
  return getFolder(ctx, id);
}

/** Deletes a folder; its codes stay, in no folder. */
export async function deleteLiveCodeFolder(ctx: Ctx, id: number): Promise<void> {
  assertRole(ctx.actor, TENANT_WIDE, 'manage live code folders');
  await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const [row] = await db
      .delete(liveCodeFolders)
      .where(and(eq(liveCodeFolders.tenantId, tctx.actor.tenantId), eq(liveCodeFolders.id, id)))
      .returning({ id: liveCodeFolders.id });
    if (!row) throw notFound('Folder', id);
    await db
      .update(liveCodes)
      .set({ folderId: null })
      .where(and(eq(liveCodes.tenantId, tctx.actor.tenantId), eq(liveCodes.folderId, id)));
  });
}
