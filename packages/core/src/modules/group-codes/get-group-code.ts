import { and, asc, count, desc, eq, ilike, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage, type TPageQuery } from '../../lib/paging.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { getGroupRefsByIds } from '../groups/group-refs.ts';
import { ensureShortLink } from '../links/short-links.ts';
import { getStaffNames, getUnitNames } from '../org/lookups.ts';
import { readPool, readWays, requireGroupCode, type TGroupCodeRow, type TPoolRow } from './group-code-access.ts';
import type { TGroupCode, TGroupCodeDetail, TGroupOpening, TListGroupCodesQuery, TPoolGroup } from './group-codes.schemas.ts';
import { groupCodeGroups, groupCodeOpenings, groupCodes, groupCodeWays } from './group-codes.tables.ts';

async function toCodes(ctx: Ctx, rows: TGroupCodeRow[]): Promise<TGroupCode[]> {
  const ids = rows.map((r) => r.id);
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const [pools, opened, owners, stores] = await Promise.all([
    ids.length
      ? db
          .select({
            codeId: groupCodeGroups.codeId,
            n: count(),
            withRoom: sql<number>`count(*) filter (where ${groupCodeGroups.status} = 'active' and ${groupCodeGroups.members} + ${groupCodeGroups.reserved} < ${groupCodeGroups.cap})::int`,
            members: sql<number>`coalesce(sum(${groupCodeGroups.members}) filter (where ${groupCodeGroups.status} = 'active'), 0)::int`,
          })
          .from(groupCodeGroups)
          .where(and(eq(groupCodeGroups.tenantId, tenantId), inArray(groupCodeGroups.codeId, ids)))
          .groupBy(groupCodeGroups.codeId)
      : [],
    ids.length
      ? db
          .select({ codeId: groupCodeOpenings.codeId, n: count() })
          .from(groupCodeOpenings)
          .where(
            and(
              eq(groupCodeOpenings.tenantId, tenantId),
              inArray(groupCodeOpenings.codeId, ids),
              eq(groupCodeOpenings.status, 'opened'),
            ),
          )
          .groupBy(groupCodeOpenings.codeId)
      : [],
    getStaffNames(
      ctx,
      rows.flatMap((r) => r.ownerStaffIds),
    ),
    getUnitNames(
      ctx,
      rows.flatMap((r) => (r.storeId ? [r.storeId] : [])),
    ),
  ]);
  const poolBy = new Map(pools.map((p) => [p.codeId, p]));
  const openedBy = new Map(opened.map((o) => [o.codeId, o.n]));
  const out: TGroupCode[] = [];
  for (const r of rows) {
    const link = await ensureShortLink(ctx, { kind: 'group_code', refId: r.id });
    const pool = poolBy.get(r.id);
    out.push({
      id: r.id,
      name: r.name,
      storeId: r.storeId,
      storeName: r.storeId ? (stores.get(r.storeId) ?? null) : null,
      status: r.status === 'paused' ? 'paused' : 'active',
      rule: r.rule === 'least_full' ? 'least_full' : 'fill_in_order',
      memberCap: r.memberCap,
      autoOpen: r.autoOpen,
      groupNameTemplate: r.groupNameTemplate,
      nextNumber: r.nextNumber,
      ownerStaffIds: r.ownerStaffIds,
      owners: r.ownerStaffIds.map((id) => ({ id, name: owners.get(id) ?? String(id) })),
      welcomeText: r.welcomeText,
      notice: r.notice,
      url: link.url,
      slug: link.slug,
      poolSize: pool?.n ?? 0,
      groupsWithRoom: Number(pool?.withRoom ?? 0),
      members: Number(pool?.members ?? 0),
      groupsOpened: openedBy.get(r.id) ?? 0,
      waysError: r.waysError,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    });
  }
  return out;
}

/** Group codes the actor may see (HQ roles: all; store managers: their store's), newest first. */
export async function listGroupCodes(ctx: Ctx, query: TListGroupCodesQuery): Promise<TPage<TGroupCode>> {
  assertRole(ctx.actor, [...TENANT_WIDE, 'store_manager'], 'see group live codes');
  const where: SQL[] = [eq(groupCodes.tenantId, ctx.actor.tenantId)];
  if (ctx.actor.role === 'store_manager') where.push(eq(groupCodes.storeId, ctx.actor.storeId ?? -1));
  if (query.q) where.push(ilike(groupCodes.name, `%${query.q.replace(/[%_\\]/g, '\\$&')}%`));
  if (query.status) where.push(eq(groupCodes.status, query.status));
  const db = dbOf(ctx);
  const [total] = await db
    .select({ n: count() })
    .from(groupCodes)
    .where(and(...where));
  const rows = await db
    .select()
    .from(groupCodes)
    .where(and(...where))
    .orderBy(desc(groupCodes.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return { items: await toCodes(ctx, rows), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** The pool with group names and the QR of the way each group leads, in position order. */
export async function describePool(ctx: Ctx, codeId: number, pool?: TPoolRow[]): Promise<TPoolGroup[]> {
  const rows = pool ?? (await readPool(ctx, codeId));
  const names = await getGroupRefsByIds(
    ctx,
    rows.map((r) => r.groupId),
  );
  const wayIds = rows.flatMap((r) => (r.wayId ? [r.wayId] : []));
  const ways = wayIds.length
    ? await dbOf(ctx)
        .select({ id: groupCodeWays.id, qrCode: groupCodeWays.qrCode })
        .from(groupCodeWays)
        .where(
          and(eq(groupCodeWays.tenantId, ctx.actor.tenantId), inArray(groupCodeWays.id, wayIds), isNull(groupCodeWays.deletedAt)),
        )
    : [];
  const qr = new Map(ways.map((w) => [w.id, w.qrCode]));
  return rows.map((r) => ({
    groupId: r.groupId,
    name: names.get(r.groupId)?.name ?? String(r.groupId),
    position: r.position,
    cap: r.cap,
    members: r.members,
    reserved: r.reserved,
    status: r.status,
    wayId: r.wayId,
    qrCode: r.wayId ? (qr.get(r.wayId) ?? null) : null,
    openedNumber: r.openedNumber,
  }));
}

/** One code with its pool and join ways; NOT_FOUND outside the actor's scope. */
export async function getGroupCode(ctx: Ctx, id: number): Promise<TGroupCodeDetail> {
  const row = await requireGroupCode(ctx, id, 'read');
  const [code] = await toCodes(ctx, [row]);
  if (!code) throw new Error(`Group code ${id} vanished.`);
  const pool = await readPool(ctx, id);
  const ways = await readWays(ctx, id);
  const groupOfChat = new Map(pool.map((g) => [g.chatId, g.groupId]));
  return {
    ...code,
    pool: await describePool(ctx, id, pool),
    ways: ways.map((w) => ({
      id: w.id,
      configId: w.configId,
      qrCode: w.qrCode,
      groupIds: w.chatIds.flatMap((c) => {
        const g = groupOfChat.get(c);
        return g === undefined ? [] : [g];
      }),
    })),
  };
}

/** The groups the code opened (or tried to), newest first. */
export async function listGroupCodeOpenings(ctx: Ctx, id: number, query: TPageQuery): Promise<TPage<TGroupOpening>> {
  await requireGroupCode(ctx, id, 'read');
  const db = dbOf(ctx);
  const where = and(eq(groupCodeOpenings.tenantId, ctx.actor.tenantId), eq(groupCodeOpenings.codeId, id));
  const [total] = await db.select({ n: count() }).from(groupCodeOpenings).where(where);
  const rows = await db
    .select()
    .from(groupCodeOpenings)
    .where(where)
    .orderBy(desc(groupCodeOpenings.number), asc(groupCodeOpenings.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const owners = await getStaffNames(
    ctx,
    rows.flatMap((r) => (r.ownerStaffId ? [r.ownerStaffId] : [])),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      name: r.name,
      ownerStaffId: r.ownerStaffId,
      ownerName: r.ownerStaffId ? (owners.get(r.ownerStaffId) ?? null) : null,
      status: r.status === 'opened' ? 'opened' : r.status === 'failed' ? 'failed' : 'opening',
      groupId: r.groupId,
      error: r.error,
      startedAt: r.startedAt.toISOString(),
      openedAt: r.openedAt?.toISOString() ?? null,
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
