import { type Ctx, dbOf, systemActor, withActor } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { listAudienceMembers } from '../audiences/audience-engine.ts';
import { type TAudienceExpression, ZAudienceExpression } from '../audiences/audience-expression.ts';
import { getAudienceRow } from '../audiences/audience-rows.ts';
import { selectGroups } from './broadcast-sql.ts';
import { type TGroupFilter, ZGroupFilter } from './broadcasts.schemas.ts';

/** The expression of a saved audience of the tenant; NOT_FOUND when there is none. */
export async function savedAudienceExpression(ctx: Ctx, audienceId: number): Promise<TAudienceExpression> {
  return (await getAudienceRow(ctx, audienceId)).expression;
}

export type TBroadcastAudienceSpec = {
  target: 'customers' | 'groups';
  audienceId?: number | null;
  audience?: unknown;
  groupFilter?: unknown;
};

/** The expression a customer broadcast goes to: the saved audience's, else its own. */
export async function broadcastExpression(ctx: Ctx, spec: TBroadcastAudienceSpec): Promise<TAudienceExpression> {
  if (spec.audienceId) return savedAudienceExpression(ctx, spec.audienceId);
  const parsed = ZAudienceExpression.safeParse(spec.audience);
  if (!parsed.success) {
    throw new AppError('VALIDATION', 'audience: pick a saved audience or build an audience expression first.');
  }
  return parsed.data;
}

/** The group filter of a group broadcast; VALIDATION when it selects nothing by construction. */
export function broadcastGroupFilter(spec: TBroadcastAudienceSpec): TGroupFilter {
  const parsed = ZGroupFilter.safeParse(spec.groupFilter ?? {});
  const f = parsed.success ? parsed.data : null;
  if (!f || f.groupIds.length + f.storeIds.length + f.kinds.length === 0) {
    throw new AppError('VALIDATION', 'groupFilter: pick groups, stores or group kinds to send to.');
  }
  return f;
}

/**
 * Who the broadcast goes to right now, as ids ascending: the audience's customers (the tenant,
 * whatever the caller's scope: a broadcast is the brand's) or the selected active groups.
 */
export async function broadcastMembers(ctx: Ctx, spec: TBroadcastAudienceSpec): Promise<number[]> {
  const system = withActor(ctx, systemActor(ctx.actor.tenantId));
  if (spec.target === 'groups') return selectGroups(dbOf(ctx), ctx.actor.tenantId, broadcastGroupFilter(spec));
  return listAudienceMembers(system, await broadcastExpression(ctx, spec));
}
