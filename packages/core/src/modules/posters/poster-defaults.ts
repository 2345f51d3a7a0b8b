import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { POSTER_USES, type TPosterDefaults, type TPosterUse, type TSetPosterDefault } from './posters.schemas.ts';
import { posterDefaults, posterTemplates } from './posters.tables.ts';

/** use → the template it renders with by default (null: the built-in one). */
export async function getPosterDefaults(ctx: Ctx): Promise<TPosterDefaults> {
  const rows = await dbOf(ctx)
    .select({ use: posterDefaults.use, templateId: posterDefaults.templateId })
    .from(posterDefaults)
    .where(eq(posterDefaults.tenantId, ctx.actor.tenantId));
  const out = Object.fromEntries(POSTER_USES.map((u) => [u, null])) as TPosterDefaults;
  for (const r of rows) out[r.use] = r.templateId;
  return out;
}

/**
 * The template a feature renders with when the caller names none, for `renderPoster`'s `templateId`.
 * @example
 * const templateId = await defaultPosterTemplateId(ctx, 'group_code'); // null → built-in
 */
export async function defaultPosterTemplateId(ctx: Ctx, use: TPosterUse): Promise<number | null> {
  const [row] = await dbOf(ctx)
    .select({ templateId: posterDefaults.templateId })
    .from(posterDefaults)
    .where(and(eq(posterDefaults.tenantId, ctx.actor.tenantId), eq(posterDefaults.use, use)));
  return row?.templateId ?? null;
}

/** Makes a template the default of a use (it must list that use), or null for the built-in one. */
export async function setPosterDefault(ctx: Ctx, input: TSetPosterDefault): Promise<TPosterDefaults> {
  assertRole(ctx.actor, ['admin', 'operator'], 'choose default poster templates');
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const tenantId = tctx.actor.tenantId;
    if (input.templateId === null) {
      await db.delete(posterDefaults).where(and(eq(posterDefaults.tenantId, tenantId), eq(posterDefaults.use, input.use)));
      return getPosterDefaults(tctx);
    }
    const [template] = await db
      .select({ uses: posterTemplates.uses })
      .from(posterTemplates)
      .where(and(eq(posterTemplates.tenantId, tenantId), eq(posterTemplates.id, input.templateId)));
    if (!template) throw notFound('Poster template', input.templateId);
    if (!template.uses.includes(input.use))
      throw new AppError(
        'VALIDATION',
        `Template ${input.templateId} is not for ${input.use}. Add that use to the template first, or pick another template.`,
      );
    await db
      .insert(posterDefaults)
      .values({ tenantId, use: input.use, templateId: input.templateId, updatedAt: tctx.now() })
      .onConflictDoUpdate({
        target: [posterDefaults.tenantId, posterDefaults.use],
        set: { templateId: input.templateId, updatedAt: tctx.now() },
      });
    return getPosterDefaults(tctx);
  });
}
