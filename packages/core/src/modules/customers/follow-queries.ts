import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { appendCustomerEvents } from './append-customer-event.ts';
import { follows } from './customers.tables.ts';

/** staffId → number of customers currently in relation with them. */
export async function countActiveFollowsByStaff(ctx: Ctx, staffIds: readonly number[]): Promise<Map<number, number>> {
  if (staffIds.length === 0) return new Map();
  const rows = await dbOf(ctx)
    .select({ staffId: follows.staffId, n: count() })
    .from(follows)
    .where(and(eq(follows.tenantId, ctx.actor.tenantId), inArray(follows.staffId, [...staffIds]), isNull(follows.deletedAt)))
    .groupBy(follows.staffId);
  return new Map(rows.map((r) => [r.staffId, r.n]));
}

/**
 * Moves a staff member's customers to another (离职继承 / 在职继承). A customer who already follows
 * the receiver keeps that follow and the old one is closed; everyone keeps their history, and each
 * moved customer gets a `handover` timeline event. Runs in the caller's transaction.
 */
export async function transferFollows(
  ctx: Ctx,
  input: { fromStaffId: number; toStaffId: number; fromName: string; toName: string; kind: string; customerIds?: number[] },
): Promise<number> {
  const db = dbOf(ctx);
  const t = ctx.actor.tenantId;
  const scope = [eq(follows.tenantId, t), eq(follows.staffId, input.fromStaffId), isNull(follows.deletedAt)];
  if (input.customerIds) scope.push(inArray(follows.customerId, input.customerIds.length ? input.customerIds : [-1]));
  const moving = await db
    .select({ id: follows.id, customerId: follows.customerId })
    .from(follows)
    .where(and(...scope))
    .for('update');
  if (moving.length === 0) return 0;
  const already = await db
    .select({ customerId: follows.customerId, deletedAt: follows.deletedAt })
    .from(follows)
    .where(
      and(
        eq(follows.tenantId, t),
        eq(follows.staffId, input.toStaffId),
        inArray(
          follows.customerId,
          moving.map((m) => m.customerId),
        ),
      ),
    );
  const receiverHas = new Set(already.map((a) => a.customerId));
  const now = ctx.now();
  const moveIds = moving.filter((m) => !receiverHas.has(m.customerId)).map((m) => m.id);
  const closeIds = moving.filter((m) => receiverHas.has(m.customerId)).map((m) => m.id);
  if (moveIds.length) {
    await db
      .update(follows)
      .set({ staffId: input.toStaffId })
      .where(and(eq(follows.tenantId, t), inArray(follows.id, moveIds)));
  }
  if (closeIds.length) {
    await db
      .update(follows)
      .set({ deletedAt: now, deletedBy: 'transfer' })
      .where(and(eq(follows.tenantId, t), inArray(follows.id, closeIds)));
    // The receiver's own follow, if it had been deleted, comes back as the customer's relation.
    await db
      .update(follows)
      .set({ deletedAt: null, deletedBy: null, readds: sql`${follows.readds} + 1` })
      .where(
        and(
          eq(follows.tenantId, t),
          eq(follows.staffId, input.toStaffId),
          inArray(
            follows.customerId,
            moving.filter((m) => receiverHas.has(m.customerId)).map((m) => m.customerId),
          ),
        ),
      );
  }
  await appendCustomerEvents(
    ctx,
    moving.map((m) => ({
      customerId: m.customerId,
      type: 'handover',
      data: {
        fromStaffId: input.fromStaffId,
        fromStaffName: input.fromName,
        toStaffId: input.toStaffId,
        toStaffName: input.toName,
        kind: input.kind,
      },
    })),
  );
  return moving.length;
}
