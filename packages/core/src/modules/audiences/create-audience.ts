import { type Ctx, dbOf } from '../../context.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { toAudience } from './audience-rows.ts';
import type { TAudience, TCreateAudienceRequest } from './audiences.schemas.ts';
import { ZCreateAudienceRequest } from './audiences.schemas.ts';
import { audiences } from './audiences.tables.ts';
import { assertAudienceRefsExist } from './validate-audience-refs.ts';

/** Roles that may create, change and delete saved audiences (guides use them, never edit them). */
export const AUDIENCE_EDITORS = ['admin', 'operator', 'store_manager'] as const;

export const duplicateName = (name: string) =>
  new AppError('CONFLICT', `An audience named "${name}" already exists. Choose another name or edit that audience.`);

/**
 * Saves an audience; the expression is stored exactly as sent (after validation).
 * @example
 * await createAudience(ctx, { name: '果茶爱好者', expression: { tag: '12' } });
 */
export async function createAudience(ctx: Ctx, input: TCreateAudienceRequest): Promise<TAudience> {
  assertRole(ctx.actor, AUDIENCE_EDITORS, 'create audiences');
  const data = ZCreateAudienceRequest.parse(input);
  await assertAudienceRefsExist(ctx, data.expression);
  try {
    const [row] = await dbOf(ctx)
      .insert(audiences)
      .values({
        tenantId: ctx.actor.tenantId,
        name: data.name,
        description: data.description,
        expression: data.expression,
        createdBy: ctx.actor.name,
      })
      .returning();
    if (!row) throw new Error('audience not inserted');
    return toAudience(ctx, row);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName(data.name);
    throw e;
  }
}
