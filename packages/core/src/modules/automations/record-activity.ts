import { sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { automationActivity } from './automations.tables.ts';

/**
 * Notes that a customer engaged at `at` (a message, an order, an add, a group join), for the
 * inactivity trigger. An upsert keeping the latest time, so late events never move it back.
 */
export async function recordActivity(ctx: Ctx, customerId: number, at: Date): Promise<void> {
  const t = automationActivity;
  await dbOf(ctx)
    .insert(t)
    .values({ tenantId: ctx.actor.tenantId, customerId, lastActiveAt: at })
    .onConflictDoUpdate({
      target: [t.tenantId, t.customerId],
      set: { lastActiveAt: sql`greatest(${t.lastActiveAt}, excluded.last_active_at)` },
    });
}
