import { simState, simWays } from '@pond/channels/simulator/simulator.tables';
import { checkinCampaignGroups, checkinCampaigns } from '@pond/core/modules/checkins/checkins.tables';
import { customers, follows } from '@pond/core/modules/customers/customers.tables';
import { groupChats, groupMembers } from '@pond/core/modules/groups/groups.tables';
import { orders } from '@pond/core/modules/orders/orders.tables';
import { orgUnits, staff } from '@pond/core/modules/org/org.tables';
import type { DbLike } from '@pond/db';
import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import { DAY_MS } from './data/rhythm.ts';
import { valueSegmentOf } from './segments.ts';
import type { TWorldView } from './world-view.ts';

/**
 * Reads the behaviour model's view of a tenant: open stores, active staff and groups, customers
 * (not deleted) with their current guides and groups, and their value segment from paid orders in
 * the 90 days before `now` (default: the simulator's clock in sim_state, else the latest order).
 * @example
 * const view = await loadWorldView({ db: database.db, tenantId });
 * const plan = planActions({ view, rng, from, to });
 */
export async function loadWorldView(options: { db: DbLike; tenantId: number; now?: Date }): Promise<TWorldView> {
  const { db, tenantId } = options;
  const now = options.now ?? (await simClock(db, tenantId)) ?? (await latestOrderAt(db, tenantId)) ?? new Date();
  const since = new Date(now.getTime() - 90 * DAY_MS);

  const [storeRows, staffRows, groupRows, customerRows, followRows, memberRows, spendRows, wayRows, checkinRows] =
    await Promise.all([
      db
        .select({ id: orgUnits.id, name: orgUnits.name })
        .from(orgUnits)
        .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.kind, 'store'), eq(orgUnits.status, 'open')))
        .orderBy(orgUnits.id),
      db
        .select({ id: staff.id, storeId: staff.storeId, role: staff.role, name: staff.name })
        .from(staff)
        .where(and(eq(staff.tenantId, tenantId), eq(staff.status, 'active')))
        .orderBy(staff.id),
      db
        .select({
          id: groupChats.id,
          storeId: groupChats.storeId,
          ownerStaffId: groupChats.ownerStaffId,
          name: groupChats.name,
          memberCount: groupChats.memberCount,
          memberCap: groupChats.memberCap,
        })
        .from(groupChats)
        .where(and(eq(groupChats.tenantId, tenantId), eq(groupChats.status, 'active')))
        .orderBy(groupChats.id),
      db
        .select({
          id: customers.id,
          storeId: customers.storeId,
          name: customers.name,
          gender: customers.gender,
          createdAt: customers.createdAt,
        })
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), isNull(customers.deletedAt)))
        .orderBy(customers.id),
      db
        .select({ customerId: follows.customerId, staffId: follows.staffId })
        .from(follows)
        .where(and(eq(follows.tenantId, tenantId), isNull(follows.deletedAt)))
        .orderBy(follows.customerId, follows.staffId),
      db
        .select({ customerId: groupMembers.customerId, groupId: groupMembers.groupId })
        .from(groupMembers)
        .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.memberType, 'customer'), isNull(groupMembers.leftAt)))
        .orderBy(groupMembers.customerId, groupMembers.groupId),
      db
        .select({ customerId: orders.customerId, gmv: sql<string>`sum(${orders.amountCents})` })
        .from(orders)
        .where(and(eq(orders.tenantId, tenantId), eq(orders.status, 'paid'), gte(orders.paidAt, since)))
        .groupBy(orders.customerId),
      db
        .select({ configId: simWays.configId, kind: simWays.kind, state: simWays.state })
        .from(simWays)
        .where(and(eq(simWays.tenantId, tenantId), isNull(simWays.deletedAt)))
        .orderBy(simWays.createdAt, simWays.configId),
      db
        .select({ campaignId: checkinCampaigns.id, keywords: checkinCampaigns.keywords, groupId: checkinCampaignGroups.groupId })
        .from(checkinCampaigns)
        .innerJoin(
          checkinCampaignGroups,
          and(
            eq(checkinCampaignGroups.tenantId, checkinCampaigns.tenantId),
            eq(checkinCampaignGroups.campaignId, checkinCampaigns.id),
          ),
        )
        .where(and(eq(checkinCampaigns.tenantId, tenantId), eq(checkinCampaigns.status, 'active')))
        .orderBy(checkinCampaigns.id, checkinCampaignGroups.groupId),
    ]);
  const checkins = new Map<number, { groupIds: number[]; keyword: string }>();
  for (const r of checkinRows) {
    const keyword = r.keywords[0];
    if (!keyword) continue;
    const entry = checkins.get(r.campaignId) ?? { groupIds: [], keyword };
    entry.groupIds.push(r.groupId);
    checkins.set(r.campaignId, entry);
  }

  const staffIds = groupBy(
    followRows,
    (r) => r.customerId,
    (r) => r.staffId,
  );
  const groupIds = groupBy(
    memberRows,
    (r) => r.customerId ?? 0,
    (r) => r.groupId,
  );
  const spend = new Map(spendRows.map((r) => [r.customerId, Number(r.gmv)] as const));
  return {
    stores: storeRows,
    staff: staffRows,
    groups: groupRows,
    ways: wayRows.map((w) => ({
      configId: w.configId,
      kind: w.kind === 'join' ? ('join' as const) : ('contact' as const),
      state: w.state,
    })),
    checkins: [...checkins.values()],
    customers: customerRows.map((c) => ({
      id: c.id,
      storeId: c.storeId,
      name: c.name,
      gender: c.gender,
      createdAt: c.createdAt,
      staffIds: staffIds.get(c.id) ?? [],
      groupIds: groupIds.get(c.id) ?? [],
      valueSegment: valueSegmentOf(spend.get(c.id) ?? 0),
    })),
  };
}

async function simClock(db: DbLike, tenantId: number): Promise<Date | null> {
  const [row] = await db.select({ clock: simState.clock }).from(simState).where(eq(simState.tenantId, tenantId));
  return row?.clock ?? null;
}

async function latestOrderAt(db: DbLike, tenantId: number): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<string | Date | null>`max(${orders.paidAt})` })
    .from(orders)
    .where(eq(orders.tenantId, tenantId));
  return row?.at ? new Date(row.at) : null;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number, value: (row: T) => number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k) ?? [];
    list.push(value(row));
    out.set(k, list);
  }
  return out;
}
