import { eq, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { assertContentRefValid, type TContentRefInput } from '../materials/content-ref.ts';
import { sopPlanSteps } from './sops.tables.ts';

/** Calendars and journeys are HQ's to define (admins and operators). */
export const assertSopEditor = (ctx: Ctx, what: string) => assertRole(ctx.actor, ['admin', 'operator'], what);

/**
 * The plan steps an actor may see: all (HQ roles), their store's (store managers), their own
 * (guides: the steps they are expected to do).
 */
export function planStepScope(ctx: Ctx): SQL[] {
  const { actor } = ctx;
  const where: SQL[] = [eq(sopPlanSteps.tenantId, actor.tenantId)];
  if (actor.role === 'store_manager') where.push(eq(sopPlanSteps.storeId, actor.storeId ?? -1));
  if (actor.role === 'guide') where.push(eq(sopPlanSteps.staffId, actor.staffId ?? -1));
  return where;
}

/** Checks a content reference where an SOP saves it, naming the field (`items.2.content`) in the error. */
export async function assertSopContent(ctx: Ctx, ref: TContentRefInput, field: string): Promise<void> {
  try {
    await assertContentRefValid(ctx, ref);
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION')
      throw new AppError('VALIDATION', `${field}: ${error.message.replace(/^content(\.text)?: /, '')}`, error.details);
    throw error;
  }
}
