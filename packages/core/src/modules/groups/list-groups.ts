import { and, asc, count, desc, eq, ilike, isNull, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { pageOffset, type TPage, type TPageQuery } from '../../lib/paging.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import { getStaffNames, getUnitNames } from '../org/lookups.ts';
import type { TGroup, TListGroupsQuery } from './groups.schemas.ts';
import { groupChats, groupMembers, messages } from './groups.tables.ts';

/** Groups an actor may see: all (HQ roles), their store's (store managers), the ones they own (guides). */
export function groupScope(ctx: Ctx): SQL[] {
  const { actor } = ctx;
  const where: SQL[] = [eq(groupChats.tenantId, actor.tenantId)];
  if (actor.role === 'store_manager') where.push(eq(groupChats.storeId, actor.storeId ?? -1));
  if (actor.role === 'guide') where.push(eq(groupChats.ownerStaffId, actor.staffId ?? -1));
  return where;
}

async function toGroups(ctx: Ctx, rows: (typeof groupChats.$inferSelect)[]): Promise<TGroup[]> {
  const [owners, stores] = await Promise.all([
    getStaffNames(
      ctx,
      rows.flatMap((r) => (r.ownerStaffId ? [r.ownerStaffId] : [])),
    ),
    getUnitNames(
      ctx,
      rows.flatMap((r) => (r.storeId ? [r.storeId] : [])),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    externalChatId: r.externalChatId,
    name: r.name,
    ownerStaffId: r.ownerStaffId,
    ownerName: r.ownerStaffId ? (owners.get(r.ownerStaffId) ?? null) : null,
    storeId: r.storeId,
    storeName: r.storeId ? (stores.get(r.storeId) ?? null) : null,
    kind: r.kind,
    memberCap: r.memberCap,
    memberCount: r.memberCount,
    status: r.status as TGroup['status'],
    notice: r.notice,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function listGroups(ctx: Ctx, query: TListGroupsQuery): Promise<TPage<TGroup>> {
  const where = groupScope(ctx);
  if (query.q) where.push(ilike(groupChats.name, `%${query.q.replace(/[%_\\]/g, '\\$&')}%`));
  if (query.storeId) where.push(eq(groupChats.storeId, query.storeId));
  if (query.ownerStaffId) where.push(eq(groupChats.ownerStaffId, query.ownerStaffId));
  if (query.status) where.push(eq(groupChats.status, query.status));
  const db = dbOf(ctx);
  const [total] = await db
    .select({ n: count() })
    .from(groupChats)
    .where(and(...where));
  const rows = await db
    .select()
    .from(groupChats)
    .where(and(...where))
    .orderBy(asc(groupChats.storeId), asc(groupChats.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return { items: await toGroups(ctx, rows), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** One group; NOT_FOUND outside the actor's scope. */
export async function getGroup(ctx: Ctx, id: number): Promise<TGroup> {
  const [row] = await dbOf(ctx)
    .select()
    .from(groupChats)
    .where(and(...groupScope(ctx), eq(groupChats.id, id)));
  if (!row) throw notFound('Group', id);
  return (await toGroups(ctx, [row]))[0] as TGroup;
}

/** Names of the staff members and customers a page of members or messages refers to. */
async function peopleNames(ctx: Ctx, rows: { staffId: number | null; customerId: number | null }[]) {
  const [staffNames, customerNames] = await Promise.all([
    getStaffNames(
      ctx,
      rows.flatMap((r) => (r.staffId ? [r.staffId] : [])),
    ),
    getCustomerNames(
      ctx,
      rows.flatMap((r) => (r.customerId ? [r.customerId] : [])),
    ),
  ]);
  return { staffNames, customerNames };
}

export async function listGroupMembers(ctx: Ctx, id: number, query: TPageQuery & { includeLeft?: boolean }) {
  await getGroup(ctx, id);
  const db = dbOf(ctx);
  const where = [eq(groupMembers.tenantId, ctx.actor.tenantId), eq(groupMembers.groupId, id)];
  if (!query.includeLeft) where.push(isNull(groupMembers.leftAt));
  const [total] = await db
    .select({ n: count() })
    .from(groupMembers)
    .where(and(...where));
  const rows = await db
    .select()
    .from(groupMembers)
    .where(and(...where))
    .orderBy(asc(groupMembers.joinedAt), asc(groupMembers.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const { staffNames, customerNames } = await peopleNames(ctx, rows);
  return {
    items: rows.map((r) => ({
      id: r.id,
      memberType: r.memberType as 'customer' | 'staff',
      customerId: r.customerId,
      staffId: r.staffId,
      name:
        (r.staffId ? staffNames.get(r.staffId) : r.customerId ? customerNames.get(r.customerId) : undefined) ??
        r.externalMemberId,
      joinedAt: r.joinedAt.toISOString(),
      leftAt: r.leftAt?.toISOString() ?? null,
      joinScene: r.joinScene,
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Recent messages of a group, newest first. */
export async function listGroupMessages(ctx: Ctx, id: number, query: TPageQuery) {
  await getGroup(ctx, id);
  const db = dbOf(ctx);
  const where = and(eq(messages.tenantId, ctx.actor.tenantId), eq(messages.groupId, id));
  const [total] = await db.select({ n: count() }).from(messages).where(where);
  const rows = await db
    .select()
    .from(messages)
    .where(where)
    .orderBy(desc(messages.sentAt), desc(messages.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const { staffNames, customerNames } = await peopleNames(ctx, rows);
  return {
    items: rows.map((r) => ({
      id: r.id,
      senderType: r.senderType as 'customer' | 'staff' | 'pond',
      senderName:
        r.senderType === 'pond'
          ? 'Pond'
          : ((r.senderType === 'staff' && r.staffId
              ? staffNames.get(r.staffId)
              : r.customerId
                ? customerNames.get(r.customerId)
                : undefined) ?? ''),
      customerId: r.customerId,
      staffId: r.staffId,
      msgType: r.msgType,
      content: r.content,
      sentAt: r.sentAt.toISOString(),
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
