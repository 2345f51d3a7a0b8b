import type { Ctx } from '../../context.ts';
import { getAudienceRow, toAudience } from './audience-rows.ts';
import type { TAudience } from './audiences.schemas.ts';

/**
 * One saved audience with its count in the caller's scope.
 * @example
 * const audience = await getAudience(ctx, 3);
 */
export async function getAudience(ctx: Ctx, id: number): Promise<TAudience> {
  return toAudience(ctx, await getAudienceRow(ctx, id));
}
