import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { decidePresenceTransition, restartsFromHistory } from '../../lib/presence-transition.ts';
import { appendCustomerEvents } from './append-customer-event.ts';
import { customerEvents, follows } from './customers.tables.ts';

export type TFollowChangeInput = {
  customerId: number;
  staffId: number;
  staffName: string;
  kind: 'add' | 'delete';
  // When it happened at the source; events arrive late and out of order.
  at: Date;
  // For deletions: who ended the relation.
  deletedBy?: 'customer' | 'staff';
  // For adds: the channel `state` the customer came through.
  state?: string | null;
};

export type TFollowChangeResult = {
  followId: number | null;
  // The event is now the pair's present state (not stale, not a repeat): notify, welcome.
  current: boolean;
  // An add after an earlier relation of the same pair.
  readd: boolean;
  // The same change at the same instant was already applied (a redelivery under another key).
  duplicate: boolean;
};

const FOLLOW_TYPES = ['follow.added', 'follow.deleted'];

// What the pair's timeline already holds: the timeline is the history, the follow row the present.
async function followHistory(ctx: Ctx, input: TFollowChangeInput, type: string) {
  const at = input.at.toISOString();
  const [h] = await dbOf(ctx)
    .select({
      adds: sql<number>`count(*) filter (where ${customerEvents.type} = 'follow.added')`.mapWith(Number),
      deletes: sql<number>`count(*) filter (where ${customerEvents.type} = 'follow.deleted')`.mapWith(Number),
      earlier: sql<number>`count(*) filter (where ${customerEvents.occurredAt} < ${at})`.mapWith(Number),
      same: sql<number>`count(*) filter (where ${customerEvents.occurredAt} = ${at} and ${customerEvents.type} = ${type})`.mapWith(
        Number,
      ),
    })
    .from(customerEvents)
    .where(
      and(
        eq(customerEvents.tenantId, ctx.actor.tenantId),
        eq(customerEvents.customerId, input.customerId),
        inArray(customerEvents.type, FOLLOW_TYPES),
        sql`${customerEvents.data}->>'staffId' = ${String(input.staffId)}`,
      ),
    );
  return h ?? { adds: 0, deletes: 0, earlier: 0, same: 0 };
}

async function tryApply(ctx: Ctx, input: TFollowChangeInput): Promise<TFollowChangeResult | null> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const isAdd = input.kind === 'add';
  const type = isAdd ? 'follow.added' : 'follow.deleted';
  // The row lock orders concurrent events of one pair; what we read after it is committed state.
  const [row] = await db
    .select()
    .from(follows)
    .where(and(eq(follows.tenantId, tenantId), eq(follows.customerId, input.customerId), eq(follows.staffId, input.staffId)))
    .for('update');
  const history = await followHistory(ctx, input, type);
  if (history.same > 0) return { followId: row?.id ?? null, current: false, readd: false, duplicate: true };

  const decision = decidePresenceTransition(row ? { startedAt: row.addedAt, endedAt: row.deletedAt } : null, {
    kind: isAdd ? 'start' : 'end',
    at: input.at,
  });
  const readdOverRow = isAdd && decision.current && row !== undefined;
  // The history may be incomplete (follows imported or synced without events), so a current re-add
  // over an existing row counts at least one more than the row says.
  const readds = Math.max(
    (row?.readds ?? 0) + (readdOverRow ? 1 : 0),
    restartsFromHistory(history.adds + (isAdd ? 1 : 0), history.deletes + (isAdd ? 0 : 1)),
  );
  let followId = row?.id ?? null;
  if (decision.action === 'insert') {
    const [inserted] = await db
      .insert(follows)
      .values({
        tenantId,
        customerId: input.customerId,
        staffId: input.staffId,
        addedAt: decision.next.startedAt,
        deletedAt: decision.next.endedAt,
        deletedBy: decision.next.endedAt ? (input.deletedBy ?? null) : null,
        state: isAdd ? (input.state ?? null) : null,
        readds,
      })
      .onConflictDoNothing()
      .returning({ id: follows.id });
    // Another event of the same pair inserted it meanwhile: start over and lock that row.
    if (!inserted) return null;
    followId = inserted.id;
  } else if (row) {
    const set: Partial<typeof follows.$inferInsert> = { readds };
    if (decision.action === 'update') {
      set.addedAt = decision.next.startedAt;
      set.deletedAt = decision.next.endedAt;
      if (!isAdd) set.deletedBy = input.deletedBy ?? null;
      if (isAdd && decision.current) {
        set.deletedBy = null;
        set.state = input.state ?? null;
      }
    }
    if (decision.action === 'update' || readds !== row.readds) {
      await db
        .update(follows)
        .set(set)
        .where(and(eq(follows.tenantId, tenantId), eq(follows.id, row.id)));
    }
  }

  const readd = isAdd && (history.earlier > 0 || readdOverRow);
  const byCustomer = isAdd || input.deletedBy === 'customer';
  await appendCustomerEvents(ctx, [
    {
      customerId: input.customerId,
      type,
      occurredAt: input.at,
      actorType: byCustomer ? 'customer' : 'staff',
      actorId: byCustomer ? input.customerId : input.staffId,
      data: {
        staffId: input.staffId,
        staffName: input.staffName,
        ...(isAdd ? { state: input.state ?? null, readd } : { by: input.deletedBy ?? null }),
        // Delivered after a newer change: history, but not the present state.
        ...(decision.current ? {} : { late: true }),
      },
    },
  ]);
  return { followId, current: decision.current, readd, duplicate: false };
}

/**
 * Applies an add or a delete of the relation between a customer and a staff member, whatever
 * order such events arrive in: the follow row ends in the state of the latest event, every event
 * goes on the timeline once, and `readds` counts the re-adds the history implies. Runs in the
 * caller's transaction (the inbox's).
 */
export async function applyFollowChange(ctx: Ctx, input: TFollowChangeInput): Promise<TFollowChangeResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await tryApply(ctx, input);
    if (result) return result;
  }
  throw new Error(`The follow of customer ${input.customerId} and staff ${input.staffId} kept changing; retry.`);
}
