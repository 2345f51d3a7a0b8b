import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { DEFAULT_SCRIPT_CATEGORIES } from './default-categories.ts';
import {
  type TCreateScriptCategoryRequest,
  type TScriptCategory,
  type TUpdateScriptCategoryRequest,
  ZCreateScriptCategoryRequest,
} from './scripts.schemas.ts';
import { scriptCategories, scripts } from './scripts.tables.ts';

const taken = (name: string) => new AppError('CONFLICT', `A category named “${name}” already exists. Choose another name.`);

/**
 * Creates the built-in categories a tenant does not have yet (by key; safe to call concurrently).
 * New tenants get them from a database trigger (migration 0009); this restores deleted ones (demo seed).
 */
export async function ensureDefaultScriptCategories(ctx: Ctx): Promise<void> {
  await dbOf(ctx)
    .insert(scriptCategories)
    .values(DEFAULT_SCRIPT_CATEGORIES.map((c) => ({ tenantId: ctx.actor.tenantId, ...c })))
    .onConflictDoNothing();
}

/** Every category with its number of scripts, in display order. Everyone may read; reading never writes. */
export async function listScriptCategories(ctx: Ctx): Promise<{ items: TScriptCategory[] }> {
  const db = dbOf(ctx);
  const t = ctx.actor.tenantId;
  const rows = await db
    .select()
    .from(scriptCategories)
    .where(eq(scriptCategories.tenantId, t))
    .orderBy(asc(scriptCategories.sort), asc(scriptCategories.id))
    .limit(500);
  const counts = await db
    .select({ categoryId: scripts.categoryId, n: count() })
    .from(scripts)
    .where(and(eq(scripts.tenantId, t), isNull(scripts.deletedAt)))
    .groupBy(scripts.categoryId);
  const byCategory = new Map(counts.map((c) => [c.categoryId, c.n]));
  return {
    items: rows.map((r) => ({
      id: r.id,
      key: r.key,
      name: r.name,
      nameEn: r.nameEn,
      sort: r.sort,
      scriptCount: byCategory.get(r.id) ?? 0,
    })),
  };
}

/** Throws NOT_FOUND unless the category exists in the tenant. */
export async function assertCategoryExists(ctx: Ctx, id: number): Promise<void> {
  const [row] = await dbOf(ctx)
    .select({ id: scriptCategories.id })
    .from(scriptCategories)
    .where(and(eq(scriptCategories.tenantId, ctx.actor.tenantId), eq(scriptCategories.id, id)));
  if (!row) throw notFound('Script category', id);
}

async function getCategory(ctx: Ctx, id: number): Promise<TScriptCategory> {
  const found = (await listScriptCategories(ctx)).items.find((c) => c.id === id);
  if (!found) throw notFound('Script category', id);
  return found;
}

export async function createScriptCategory(ctx: Ctx, raw: TCreateScriptCategoryRequest): Promise<TScriptCategory> {
  assertRole(ctx.actor, TENANT_WIDE, 'manage script categories');
  const input = ZCreateScriptCategoryRequest.parse(raw);
  try {
    const [row] = await dbOf(ctx)
      .insert(scriptCategories)
      .values({ tenantId: ctx.actor.tenantId, name: input.name, nameEn: input.nameEn ?? null, sort: input.sort })
      .returning({ id: scriptCategories.id });
    if (!row) throw new Error('The category was not created.');
    return await getCategory(ctx, row.id);
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(input.name);
    throw error;
  }
}

export async function updateScriptCategory(ctx: Ctx, id: number, input: TUpdateScriptCategoryRequest): Promise<TScriptCategory> {
  assertRole(ctx.actor, TENANT_WIDE, 'manage script categories');
  requireChanges(input);
  try {
    const [row] = await dbOf(ctx)
      .update(scriptCategories)
      .set(input)
      .where(and(eq(scriptCategories.tenantId, ctx.actor.tenantId), eq(scriptCategories.id, id)))
      .returning({ id: scriptCategories.id });
    if (!row) throw notFound('Script category', id);
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(input.name ?? '');
    throw error;
  }
  return getCategory(ctx, id);
}

/** Deletes a category without scripts; one with scripts is a CONFLICT (move or delete them first). */
export async function deleteScriptCategory(ctx: Ctx, id: number): Promise<void> {
  assertRole(ctx.actor, TENANT_WIDE, 'manage script categories');
  await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const t = tctx.actor.tenantId;
    const [inside] = await db
      .select({ n: count() })
      .from(scripts)
      .where(and(eq(scripts.tenantId, t), eq(scripts.categoryId, id), isNull(scripts.deletedAt)));
    if ((inside?.n ?? 0) > 0)
      throw new AppError(
        'CONFLICT',
        `The category holds ${inside?.n} script(s). Move them to another category or delete them first.`,
      );
    const [row] = await db
      .delete(scriptCategories)
      .where(and(eq(scriptCategories.tenantId, t), eq(scriptCategories.id, id)))
      .returning({ name: scriptCategories.name });
    if (!row) throw notFound('Script category', id);
    await recordAudit(tctx, {
      action: 'script_category.delete',
      targetType: 'script_category',
      targetId: id,
      details: { name: row.name },
    });
  });
}
