import { and, eq, inArray, isNull } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { customers, follows } from './customers.tables.ts';

// Published read functions of the customers module for the inbox, the outbox and the simulator.
// No data scope is applied here: callers that act for a user check it (assertCustomerVisible).

export type TCustomerRef = { id: number; name: string; externalUserId: string | null; storeId: number | null; deleted: boolean };

const refColumns = {
  id: customers.id,
  name: customers.name,
  externalUserId: customers.externalUserId,
  storeId: customers.storeId,
  deletedAt: customers.deletedAt,
};
const toRef = (r: {
  id: number;
  name: string;
  externalUserId: string | null;
  storeId: number | null;
  deletedAt: Date | null;
}): TCustomerRef => ({
  id: r.id,
  name: r.name,
  externalUserId: r.externalUserId,
  storeId: r.storeId,
  deleted: r.deletedAt !== null,
});

export async function getCustomerRef(ctx: Ctx, id: number): Promise<TCustomerRef | null> {
  const [row] = await dbOf(ctx)
    .select(refColumns)
    .from(customers)
    .where(and(eq(customers.tenantId, ctx.actor.tenantId), eq(customers.id, id)));
  return row ? toRef(row) : null;
}

export async function getCustomerRefByExternalId(ctx: Ctx, externalUserId: string): Promise<TCustomerRef | null> {
  const [row] = await dbOf(ctx)
    .select(refColumns)
    .from(customers)
    .where(and(eq(customers.tenantId, ctx.actor.tenantId), eq(customers.externalUserId, externalUserId)));
  return row ? toRef(row) : null;
}

export type TFollowRef = {
  id: number;
  customerId: number;
  staffId: number;
  active: boolean;
  addedAt: Date;
  deletedAt: Date | null;
};

/** The follow between a customer and a staff member, current or ended, or null if they never met. */
export async function getFollowRef(ctx: Ctx, customerId: number, staffId: number): Promise<TFollowRef | null> {
  const [row] = await dbOf(ctx)
    .select({
      id: follows.id,
      customerId: follows.customerId,
      staffId: follows.staffId,
      addedAt: follows.addedAt,
      deletedAt: follows.deletedAt,
    })
    .from(follows)
    .where(and(eq(follows.tenantId, ctx.actor.tenantId), eq(follows.customerId, customerId), eq(follows.staffId, staffId)));
  return row ? { ...row, active: row.deletedAt === null } : null;
}

/** Which of these external userids are currently in relation with the staff member. */
export async function friendsAmong(ctx: Ctx, staffId: number, externalUserIds: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(externalUserIds)];
  if (unique.length === 0) return new Set();
  const rows = await dbOf(ctx)
    .select({ externalUserId: customers.externalUserId })
    .from(follows)
    .innerJoin(customers, and(eq(customers.tenantId, follows.tenantId), eq(customers.id, follows.customerId)))
    .where(
      and(
        eq(follows.tenantId, ctx.actor.tenantId),
        eq(follows.staffId, staffId),
        isNull(follows.deletedAt),
        inArray(customers.externalUserId, unique),
      ),
    );
  return new Set(rows.flatMap((r) => (r.externalUserId ? [r.externalUserId] : [])));
}
