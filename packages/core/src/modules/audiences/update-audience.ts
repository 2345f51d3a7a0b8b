import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { notFound } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { getAudienceRow, toAudience } from './audience-rows.ts';
import { type TAudience, type TUpdateAudienceRequest, ZUpdateAudienceRequest } from './audiences.schemas.ts';
import { audiences } from './audiences.tables.ts';
import { AUDIENCE_EDITORS, duplicateName } from './create-audience.ts';
import { assertAudienceRefsExist } from './validate-audience-refs.ts';

/**
 * Renames, re-describes or replaces the expression of a saved audience.
 * @example
 * await updateAudience(ctx, 3, { expression: { all: [{ tag: '12' }, { store: '4' }] } });
 */
export async function updateAudience(ctx: Ctx, id: number, input: TUpdateAudienceRequest): Promise<TAudience> {
  assertRole(ctx.actor, AUDIENCE_EDITORS, 'edit audiences');
  const data = ZUpdateAudienceRequest.parse(input);
  const current = await getAudienceRow(ctx, id);
  if (data.expression) await assertAudienceRefsExist(ctx, data.expression);
  try {
    const [row] = await dbOf(ctx)
      .update(audiences)
      .set({
        name: data.name ?? current.name,
        description: data.description ?? current.description,
        expression: data.expression ?? current.expression,
        updatedAt: ctx.now(),
      })
      .where(and(eq(audiences.tenantId, ctx.actor.tenantId), eq(audiences.id, id)))
      .returning();
    if (!row) throw notFound('Audience', id);
    return toAudience(ctx, row);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName(data.name ?? current.name);
    throw e;
  }
}
