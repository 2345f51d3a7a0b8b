import { getTenantChannelKind, simulatorOf } from '../../channels.ts';
import { type Ctx, dbOf } from '../../context.ts';

/**
 * "Now" for a tenant's live codes: the simulated clock for simulator tenants (schedules, caps and
 * days follow the virtual world, whose add events carry simulated times), the real clock otherwise.
 */
export async function liveCodeNow(ctx: Ctx): Promise<Date> {
  const kind = await getTenantChannelKind(ctx.database, dbOf(ctx), ctx.actor.tenantId);
  return kind === 'simulator' ? simulatorOf(ctx).now(ctx.actor.tenantId) : ctx.now();
}
