import { and, eq, isNull } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { appendCustomerEvents } from './append-customer-event.ts';
import { customers, follows } from './customers.tables.ts';

/**
 * Reconcile: ends the follows of one staff member whose customer WeCom no longer lists for them
 * (externalcontact/list), because a deletion callback was lost. `deleted_at` is now, `deleted_by`
 * stays unknown (null) and the timeline's `follow.deleted` says `reason: 'reconcile'`. Follows
 * added after `listedAt` (a live add newer than WeCom's list) are kept. Fires no domain events.
 * Runs in the caller's transaction.
 * @example
 * const ended = await endMissingFollows(ctx, { staff, externalUserIds: new Set(['wm1']), listedAt, runId: 4 });
 */
export async function endMissingFollows(
  ctx: Ctx,
  input: {
    staff: { id: number; name: string };
    externalUserIds: ReadonlySet<string>;
    listedAt: Date;
    runId: number;
  },
): Promise<number> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const active = await db
    .select({
      id: follows.id,
      customerId: follows.customerId,
      addedAt: follows.addedAt,
      externalUserId: customers.externalUserId,
    })
    .from(follows)
    .innerJoin(customers, and(eq(customers.tenantId, follows.tenantId), eq(customers.id, follows.customerId)))
    .where(and(eq(follows.tenantId, tenantId), eq(follows.staffId, input.staff.id), isNull(follows.deletedAt)));
  const now = ctx.now();
  let ended = 0;
  for (const f of active) {
    if (f.externalUserId && input.externalUserIds.has(f.externalUserId)) continue;
    if (f.addedAt.getTime() > input.listedAt.getTime()) continue;
    await db
      .update(follows)
      .set({ deletedAt: now, deletedBy: null })
      .where(and(eq(follows.tenantId, tenantId), eq(follows.id, f.id), isNull(follows.deletedAt)));
    await appendCustomerEvents(ctx, [
      {
        customerId: f.customerId,
        type: 'follow.deleted',
        occurredAt: now,
        actorType: 'system',
        data: { staffId: input.staff.id, staffName: input.staff.name, by: null, reason: 'reconcile', runId: input.runId },
      },
    ]);
    ended++;
  }
  return ended;
}
