import { and, count, desc, eq, gte, ilike, inArray, isNull, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { assertRole } from '../access/assert-role.ts';
import { ensureShortLink } from '../links/short-links.ts';
import { isRoutable, loadUnits, participatingStores, type TStoreUnit } from './participating-stores.ts';
import type { TListStoreCodesQuery, TStoreCode, TStoreCodeDetail, TStoreTarget } from './store-codes.schemas.ts';
import { storeCodeScans, storeCodes, storeCodeTargets } from './store-codes.tables.ts';

type TRow = typeof storeCodes.$inferSelect;

/** Who may read store codes: the HQ roles and store managers (who see their store's numbers). */
export const assertCanReadStoreCodes = (ctx: Ctx) =>
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager'], 'see store codes');

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

async function toStoreCode(ctx: Ctx, row: TRow, stores: ReadonlyMap<number, TStoreUnit>, scans7d: number): Promise<TStoreCode> {
  const members = participatingStores(row, stores);
  const fallback = stores.get(row.fallbackStoreId);
  const link = await ensureShortLink(ctx, { kind: 'store_code', refId: row.id });
  return {
    id: row.id,
    name: row.name,
    headline: row.headline,
    radiusMetres: row.radiusMetres,
    fallbackStoreId: row.fallbackStoreId,
    fallbackStoreName: fallback?.name ?? null,
    fallbackStoreOpen: fallback?.status === 'open',
    participation: row.participation as TStoreCode['participation'],
    unitIds: row.unitIds,
    url: link.url,
    slug: link.slug,
    storeCount: members.length,
    routableStoreCount: members.filter(isRoutable).length,
    scans7d,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt?.toISOString() ?? null,
  };
}

async function scansSince(ctx: Ctx, ids: number[], since: Date): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await dbOf(ctx)
    .select({ id: storeCodeScans.storeCodeId, n: count() })
    .from(storeCodeScans)
    .where(
      and(
        eq(storeCodeScans.tenantId, ctx.actor.tenantId),
        inArray(storeCodeScans.storeCodeId, ids),
        gte(storeCodeScans.createdAt, since),
      ),
    )
    .groupBy(storeCodeScans.storeCodeId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

const weekAgo = (ctx: Ctx) => new Date(ctx.now().getTime() - 7 * 24 * 3600 * 1000);

/** A live (not deleted) store code row of the actor's tenant, or null. */
export async function findStoreCode(ctx: Ctx, id: number): Promise<TRow | null> {
  const [row] = await dbOf(ctx)
    .select()
    .from(storeCodes)
    .where(and(eq(storeCodes.tenantId, ctx.actor.tenantId), eq(storeCodes.id, id), isNull(storeCodes.deletedAt)));
  return row ?? null;
}

/** The explicit per-store targets of a code (stores without one get their guides). */
export async function getStoreCodeTargets(ctx: Ctx, id: number): Promise<TStoreTarget[]> {
  const rows = await dbOf(ctx)
    .select({ storeId: storeCodeTargets.storeId, kind: storeCodeTargets.kind, refId: storeCodeTargets.refId })
    .from(storeCodeTargets)
    .where(and(eq(storeCodeTargets.tenantId, ctx.actor.tenantId), eq(storeCodeTargets.storeCodeId, id)))
    .orderBy(storeCodeTargets.storeId);
  return rows as TStoreTarget[];
}

/** One store code with its per-store targets; 404 when missing, deleted or another tenant's. */
export async function getStoreCode(ctx: Ctx, id: number): Promise<TStoreCodeDetail> {
  assertCanReadStoreCodes(ctx);
  const row = await findStoreCode(ctx, id);
  if (!row) throw notFound('Store code', id);
  const [{ stores }, targets, scans] = await Promise.all([
    loadUnits(ctx),
    getStoreCodeTargets(ctx, id),
    scansSince(ctx, [id], weekAgo(ctx)),
  ]);
  return {
    ...(await toStoreCode(ctx, row, stores, scans.get(id) ?? 0)),
    targets: targets.map((t) => ({ ...t, storeName: stores.get(t.storeId)?.name ?? null })),
  };
}

/** Store codes of the tenant, newest first, optionally filtered by name. */
export async function listStoreCodes(ctx: Ctx, query: TListStoreCodesQuery): Promise<TPage<TStoreCode>> {
  assertCanReadStoreCodes(ctx);
  const where: (SQL | undefined)[] = [
    eq(storeCodes.tenantId, ctx.actor.tenantId),
    isNull(storeCodes.deletedAt),
    query.q ? ilike(storeCodes.name, `%${escapeLike(query.q)}%`) : undefined,
  ];
  const db = dbOf(ctx);
  const [rows, [total], { stores }] = await Promise.all([
    db
      .select()
      .from(storeCodes)
      .where(and(...where))
      .orderBy(desc(storeCodes.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    db
      .select({ n: count() })
      .from(storeCodes)
      .where(and(...where)),
    loadUnits(ctx),
  ]);
  const scans = await scansSince(
    ctx,
    rows.map((r) => r.id),
    weekAgo(ctx),
  );
  return {
    items: await Promise.all(rows.map((r) => toStoreCode(ctx, r, stores, scans.get(r.id) ?? 0))),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
