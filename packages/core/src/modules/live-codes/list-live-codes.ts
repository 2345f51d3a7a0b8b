import { and, count, desc, eq, ilike, isNull, or, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { liveCodeNow } from './live-code-clock.ts';
import { liveCodeScopeCondition, requireVisibleLiveCode } from './live-code-scope.ts';
import { addsOnDay, loadStaff, staffIdsOf } from './live-code-staff.ts';
import type { TListLiveCodesQuery, TLiveCode } from './live-codes.schemas.ts';
import { liveCodes } from './live-codes.tables.ts';
import { localClock } from './route-live-code.ts';

type TRow = typeof liveCodes.$inferSelect;

/** Rows as the API shows them: staff names and states, today's adds per pool member. */
export async function toLiveCodes(ctx: Ctx, rows: TRow[]): Promise<TLiveCode[]> {
  const staff = await loadStaff(
    ctx,
    rows.flatMap((r) => staffIdsOf(r)),
  );
  const today = await addsOnDay(
    ctx,
    rows.map((r) => r.id),
    localClock(await liveCodeNow(ctx)).day,
  );
  const ref = (id: number) => ({
    staffId: id,
    name: staff.get(id)?.name ?? `#${id}`,
    active: staff.get(id)?.status === 'active',
  });
  return rows.map((r) => {
    const adds = today.get(r.id) ?? new Map<number, number>();
    return {
      id: r.id,
      name: r.name,
      channelName: r.channelName,
      folderId: r.folderId,
      storeId: r.storeId,
      state: r.state,
      status: r.status as TLiveCode['status'],
      pool: r.pool.map((m) => ({
        ...ref(m.staffId),
        weight: m.weight,
        dailyCap: m.dailyCap ?? null,
        schedule: m.schedule ?? null,
        todayAdds: adds.get(m.staffId) ?? 0,
      })),
      schedule: r.schedule ?? null,
      dailyCap: r.dailyCap,
      backupStaff: r.backupStaffIds.map(ref),
      tagIds: r.tagIds,
      remarkTemplate: r.remarkTemplate,
      welcome: r.welcome ?? null,
      skipVerify: r.skipVerify,
      configId: r.configId,
      qrCode: r.qrCode,
      appliedStaff: r.appliedStaffIds.map(ref),
      appliedMode: (r.appliedMode as TLiveCode['appliedMode']) ?? null,
      appliedAt: r.appliedAt?.toISOString() ?? null,
      syncError: r.syncError,
      todayAdds: [...adds.values()].reduce((s, n) => s + n, 0),
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

const likePattern = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

/**
 * The live codes the actor sees (see live-code-scope.ts), newest first; search by name or channel,
 * filter by folder (0 = none), status or store.
 */
export async function listLiveCodes(ctx: Ctx, query: TListLiveCodesQuery): Promise<TPage<TLiveCode>> {
  const where: (SQL | undefined)[] = [
    eq(liveCodes.tenantId, ctx.actor.tenantId),
    isNull(liveCodes.deletedAt),
    await liveCodeScopeCondition(ctx),
    query.q ? or(ilike(liveCodes.name, likePattern(query.q)), ilike(liveCodes.channelName, likePattern(query.q))) : undefined,
    query.folderId === undefined
      ? undefined
      : query.folderId === 0
        ? isNull(liveCodes.folderId)
        : eq(liveCodes.folderId, query.folderId),
    query.status ? eq(liveCodes.status, query.status) : undefined,
    query.storeId ? eq(liveCodes.storeId, query.storeId) : undefined,
  ];
  const db = dbOf(ctx);
  const [total] = await db
    .select({ n: count() })
    .from(liveCodes)
    .where(and(...where));
  const rows = await db
    .select()
    .from(liveCodes)
    .where(and(...where))
    .orderBy(desc(liveCodes.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return { items: await toLiveCodes(ctx, rows), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** One live code the actor sees, or NOT_FOUND. */
export async function getLiveCode(ctx: Ctx, id: number): Promise<TLiveCode> {
  const row = await requireVisibleLiveCode(ctx, id);
  const [item] = await toLiveCodes(ctx, [row]);
  if (!item) throw new Error(`live code ${id}: no item`);
  return item;
}
