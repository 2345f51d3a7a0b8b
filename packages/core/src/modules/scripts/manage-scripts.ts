import { and, count, desc, eq, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { assertRole, isTenantWide, TENANT_WIDE } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { assertKnownVariables, getMaterialsForSend } from '../materials/content-ref.ts';
import { likePattern } from '../materials/list-materials.ts';
import { assertCategoryExists } from './manage-script-categories.ts';
import {
  type TCreateScriptRequest,
  type TListScriptsQuery,
  type TScript,
  type TUpdateScriptRequest,
  ZCreateScriptRequest,
} from './scripts.schemas.ts';
import { scripts } from './scripts.tables.ts';

type TScriptRow = typeof scripts.$inferSelect;

const toScript = (r: TScriptRow): TScript => ({
  id: r.id,
  categoryId: r.categoryId,
  title: r.title,
  body: r.body,
  materialIds: r.materialIds,
  tags: r.tags,
  enabled: r.enabled,
  usageCount: r.usageCount,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

// Guides and store managers see only enabled scripts; HQ sees every script to manage them.
const visible = (ctx: Ctx): SQL[] => {
  const where = [eq(scripts.tenantId, ctx.actor.tenantId), isNull(scripts.deletedAt)];
  if (!isTenantWide(ctx.actor)) where.push(eq(scripts.enabled, true));
  return where;
};

/** Scripts, searched by title, body and tags, newest (or most used) first. Every role may read. */
export async function listScripts(ctx: Ctx, query: TListScriptsQuery): Promise<TPage<TScript>> {
  const where: (SQL | undefined)[] = visible(ctx);
  if (query.q) {
    const p = likePattern(query.q);
    where.push(or(ilike(scripts.title, p), ilike(scripts.body, p), sql`array_to_string(${scripts.tags}, ' ') ilike ${p}`));
  }
  if (query.categoryId) where.push(eq(scripts.categoryId, query.categoryId));
  if (query.enabled) where.push(eq(scripts.enabled, query.enabled === 'true'));
  const db = dbOf(ctx);
  const [total] = await db
    .select({ n: count() })
    .from(scripts)
    .where(and(...where));
  const order =
    query.sort === 'usage' ? [desc(scripts.usageCount), desc(scripts.id)] : [desc(scripts.createdAt), desc(scripts.id)];
  const rows = await db
    .select()
    .from(scripts)
    .where(and(...where))
    .orderBy(...order)
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return { items: rows.map(toScript), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function getScript(ctx: Ctx, id: number): Promise<TScript> {
  const [row] = await dbOf(ctx)
    .select()
    .from(scripts)
    .where(and(...visible(ctx), eq(scripts.id, id)));
  if (!row) throw notFound('Script', id);
  return toScript(row);
}

/** Creates a script; its body may use only CONTENT_VARIABLES and its materials must exist. */
export async function createScript(ctx: Ctx, raw: TCreateScriptRequest): Promise<TScript> {
  assertRole(ctx.actor, TENANT_WIDE, 'create scripts');
  const input = ZCreateScriptRequest.parse(raw);
  assertKnownVariables(input.body, 'body');
  await assertCategoryExists(ctx, input.categoryId);
  await getMaterialsForSend(ctx, input.materialIds);
  const [row] = await dbOf(ctx)
    .insert(scripts)
    .values({ tenantId: ctx.actor.tenantId, ...input, createdBy: ctx.actor.accountId })
    .returning();
  if (!row) throw new Error('Script was not inserted.');
  return toScript(row);
}

export async function updateScript(ctx: Ctx, id: number, input: TUpdateScriptRequest): Promise<TScript> {
  assertRole(ctx.actor, TENANT_WIDE, 'edit scripts');
  requireChanges(input);
  if (input.body !== undefined) assertKnownVariables(input.body, 'body');
  if (input.categoryId !== undefined) await assertCategoryExists(ctx, input.categoryId);
  if (input.materialIds !== undefined) await getMaterialsForSend(ctx, input.materialIds);
  const [row] = await dbOf(ctx)
    .update(scripts)
    .set({ ...input, updatedAt: ctx.now() })
    .where(and(...visible(ctx), eq(scripts.id, id)))
    .returning();
  if (!row) throw notFound('Script', id);
  return toScript(row);
}

/** Soft-deletes a script: content naming it then fails with a message saying which. */
export async function deleteScript(ctx: Ctx, id: number): Promise<void> {
  assertRole(ctx.actor, TENANT_WIDE, 'delete scripts');
  await inTransaction(ctx, async (tctx) => {
    const [row] = await dbOf(tctx)
      .update(scripts)
      .set({ deletedAt: tctx.now() })
      .where(and(...visible(tctx), eq(scripts.id, id)))
      .returning({ title: scripts.title });
    if (!row) throw notFound('Script', id);
    await recordAudit(tctx, { action: 'script.delete', targetType: 'script', targetId: id, details: { title: row.title } });
  });
}
