import { and, asc, count, desc, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { assertRole } from '../access/assert-role.ts';
import type {
  TCreatePosterTemplate,
  TListPosterTemplatesQuery,
  TPosterLayout,
  TPosterTemplate,
  TPosterUse,
  TUpdatePosterTemplate,
} from './posters.schemas.ts';
import { posterDefaults, posterImages, posterTemplates } from './posters.tables.ts';

// HQ roles design posters; everyone may list and preview them (guides share the result).
const assertCanEdit = (ctx: Ctx) => assertRole(ctx.actor, ['admin', 'operator'], 'edit poster templates');

type TRow = typeof posterTemplates.$inferSelect;

async function toTemplates(ctx: Ctx, rows: TRow[]): Promise<TPosterTemplate[]> {
  const ids = rows.map((r) => r.id);
  const defaults = ids.length
    ? await dbOf(ctx)
        .select({ use: posterDefaults.use, templateId: posterDefaults.templateId })
        .from(posterDefaults)
        .where(and(eq(posterDefaults.tenantId, ctx.actor.tenantId), inArray(posterDefaults.templateId, ids)))
    : [];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    uses: r.uses,
    layout: r.layout,
    version: r.version,
    defaultFor: defaults
      .filter((d) => d.templateId === r.id)
      .map((d) => d.use)
      .sort(),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** Templates of the tenant, newest edit first; `use` keeps those a feature may use. */
export async function listPosterTemplates(ctx: Ctx, query: TListPosterTemplatesQuery): Promise<TPage<TPosterTemplate>> {
  const where: SQL[] = [eq(posterTemplates.tenantId, ctx.actor.tenantId)];
  if (query.use) where.push(sql`${posterTemplates.uses} @> ${JSON.stringify([query.use])}::jsonb`);
  if (query.q) where.push(ilike(posterTemplates.name, `%${query.q.replace(/[%_\\]/g, '\\$&')}%`));
  const db = dbOf(ctx);
  const [total] = await db
    .select({ n: count() })
    .from(posterTemplates)
    .where(and(...where));
  const rows = await db
    .select()
    .from(posterTemplates)
    .where(and(...where))
    .orderBy(desc(posterTemplates.updatedAt), asc(posterTemplates.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return { items: await toTemplates(ctx, rows), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

async function getRow(ctx: Ctx, id: number): Promise<TRow> {
  const [row] = await dbOf(ctx)
    .select()
    .from(posterTemplates)
    .where(and(eq(posterTemplates.tenantId, ctx.actor.tenantId), eq(posterTemplates.id, id)));
  if (!row) throw notFound('Poster template', id);
  return row;
}

export async function getPosterTemplate(ctx: Ctx, id: number): Promise<TPosterTemplate> {
  const [item] = await toTemplates(ctx, [await getRow(ctx, id)]);
  if (!item) throw notFound('Poster template', id);
  return item;
}

/** The background image a layout names must be one of the tenant's uploads. */
async function backgroundImageOf(ctx: Ctx, layout: TPosterLayout): Promise<number | null> {
  if (layout.background.kind !== 'image') return null;
  const imageId = layout.background.imageId;
  const [row] = await dbOf(ctx)
    .select({ id: posterImages.id })
    .from(posterImages)
    .where(and(eq(posterImages.tenantId, ctx.actor.tenantId), eq(posterImages.id, imageId)));
  if (!row)
    throw new AppError('VALIDATION', `Background image ${imageId} does not exist. Upload the image again and pick it.`, {
      issues: [{ path: 'layout.background.imageId', message: 'unknown image' }],
    });
  return row.id;
}

export async function createPosterTemplate(ctx: Ctx, input: TCreatePosterTemplate): Promise<TPosterTemplate> {
  assertCanEdit(ctx);
  return inTransaction(ctx, async (tctx) => {
    const backgroundImageId = await backgroundImageOf(tctx, input.layout);
    const [row] = await dbOf(tctx)
      .insert(posterTemplates)
      .values({
        tenantId: tctx.actor.tenantId,
        name: input.name,
        uses: input.uses,
        layout: input.layout,
        backgroundImageId,
        createdBy: tctx.actor.name,
      })
      .returning();
    if (!row) throw new Error('Poster template was not inserted.');
    return (await toTemplates(tctx, [row]))[0] as TPosterTemplate;
  });
}

/**
 * Changes a template and bumps its version in the same statement, so every cached poster of the
 * old version stops matching. A use removed from the template also stops it being that use's default.
 */
export async function updatePosterTemplate(ctx: Ctx, id: number, input: TUpdatePosterTemplate): Promise<TPosterTemplate> {
  assertCanEdit(ctx);
  requireChanges(input);
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    await getRow(tctx, id);
    const backgroundImageId = input.layout ? await backgroundImageOf(tctx, input.layout) : undefined;
    const [row] = await db
      .update(posterTemplates)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.uses !== undefined ? { uses: input.uses } : {}),
        ...(input.layout !== undefined ? { layout: input.layout, backgroundImageId } : {}),
        version: sql`${posterTemplates.version} + 1`,
        updatedAt: tctx.now(),
      })
      .where(and(eq(posterTemplates.tenantId, tctx.actor.tenantId), eq(posterTemplates.id, id)))
      .returning();
    if (!row) throw notFound('Poster template', id);
    if (input.uses) {
      const kept = input.uses as TPosterUse[];
      const defaults = await db
        .select({ id: posterDefaults.id, use: posterDefaults.use })
        .from(posterDefaults)
        .where(and(eq(posterDefaults.tenantId, tctx.actor.tenantId), eq(posterDefaults.templateId, id)));
      const dropped = defaults.filter((d) => !kept.includes(d.use)).map((d) => d.id);
      if (dropped.length)
        await db
          .delete(posterDefaults)
          .where(and(eq(posterDefaults.tenantId, tctx.actor.tenantId), inArray(posterDefaults.id, dropped)));
    }
    return (await toTemplates(tctx, [row]))[0] as TPosterTemplate;
  });
}

/**
 * Deletes a template. Uses that had it as their default go back to the built-in template, and
 * anything still naming it (a campaign) renders with the built-in template until it is changed.
 */
export async function deletePosterTemplate(ctx: Ctx, id: number): Promise<void> {
  assertCanEdit(ctx);
  await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const deleted = await db
      .delete(posterTemplates)
      .where(and(eq(posterTemplates.tenantId, tctx.actor.tenantId), eq(posterTemplates.id, id)))
      .returning({ id: posterTemplates.id });
    if (deleted.length === 0) throw notFound('Poster template', id);
    await db
      .delete(posterDefaults)
      .where(and(eq(posterDefaults.tenantId, tctx.actor.tenantId), eq(posterDefaults.templateId, id)));
  });
}
