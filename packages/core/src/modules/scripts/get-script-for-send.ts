import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { scripts } from './scripts.tables.ts';

/**
 * A script's text and materials for a send (published for materials/content-ref.ts). VALIDATION
 * when it was deleted or is disabled, naming it, so the rule or broadcast using it can be fixed.
 */
export async function getScriptForSend(
  ctx: Ctx,
  id: number,
): Promise<{ id: number; title: string; body: string; materialIds: number[] }> {
  const [row] = await dbOf(ctx)
    .select({
      id: scripts.id,
      title: scripts.title,
      body: scripts.body,
      materialIds: scripts.materialIds,
      enabled: scripts.enabled,
    })
    .from(scripts)
    .where(and(eq(scripts.tenantId, ctx.actor.tenantId), eq(scripts.id, id), isNull(scripts.deletedAt)));
  if (!row)
    throw new AppError('VALIDATION', `Script ${id} was deleted or never existed. Choose another script for this content.`, {
      missingScriptId: id,
    });
  if (!row.enabled)
    throw new AppError(
      'VALIDATION',
      `Script ${id} “${row.title}” is disabled. Enable it in the script library or choose another.`,
      {
        disabledScriptId: id,
      },
    );
  return { id: row.id, title: row.title, body: row.body, materialIds: row.materialIds };
}

/** One more use of a script (a cheap UPDATE, outside any read). */
export async function bumpScriptUsage(ctx: Ctx, id: number): Promise<void> {
  await dbOf(ctx)
    .update(scripts)
    .set({ usageCount: sql`${scripts.usageCount} + 1` })
    .where(and(eq(scripts.tenantId, ctx.actor.tenantId), eq(scripts.id, id)));
}
