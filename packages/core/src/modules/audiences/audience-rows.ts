import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { countAudienceMembers } from './audience-engine.ts';
import type { TAudienceExpression } from './audience-expression.ts';
import type { TAudience } from './audiences.schemas.ts';
import { audiences } from './audiences.tables.ts';

type TRow = typeof audiences.$inferSelect;

/** A saved audience as the API returns it, with its count in the caller's scope now. */
export async function toAudience(ctx: Ctx, row: TRow): Promise<TAudience> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    expression: row.expression as unknown as Record<string, unknown>,
    count: await countAudienceMembers(ctx, row.expression as TAudienceExpression),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The saved audience `id` of the tenant, or NOT_FOUND. */
export async function getAudienceRow(ctx: Ctx, id: number): Promise<TRow> {
  const [row] = await dbOf(ctx)
    .select()
    .from(audiences)
    .where(and(eq(audiences.tenantId, ctx.actor.tenantId), eq(audiences.id, id)));
  if (!row) throw notFound('Audience', id);
  return row;
}
