import { and, asc, count, eq, ilike, type SQL } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { assertRole } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { countActiveFollowsByStaff } from '../customers/follow-queries.ts';
import { countGroupsByOwner } from '../groups/group-queries.ts';
import { getUnitNames, unitExists } from './lookups.ts';
import type { TCreateStaffRequest, TListStaffQuery, TStaff, TUpdateStaffRequest } from './org.schemas.ts';
import { staff } from './org.tables.ts';

/** The staff rows an actor may see: all (HQ roles), their store (store managers), themselves (guides). */
export function staffScope(actor: Actor): SQL[] {
  const where: SQL[] = [eq(staff.tenantId, actor.tenantId)];
  if (actor.role === 'store_manager') where.push(eq(staff.storeId, actor.storeId ?? -1));
  if (actor.role === 'guide') where.push(eq(staff.id, actor.staffId ?? -1));
  return where;
}

async function toStaffList(ctx: Ctx, rows: (typeof staff.$inferSelect)[]): Promise<TStaff[]> {
  const ids = rows.map((r) => r.id);
  const [stores, followCounts, groupCounts] = await Promise.all([
    getUnitNames(
      ctx,
      rows.flatMap((r) => (r.storeId ? [r.storeId] : [])),
    ),
    countActiveFollowsByStaff(ctx, ids),
    countGroupsByOwner(ctx, ids),
  ]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    storeId: r.storeId,
    storeName: r.storeId ? (stores.get(r.storeId) ?? null) : null,
    role: r.role as TStaff['role'],
    status: r.status as TStaff['status'],
    wecomUserId: r.wecomUserId,
    customerCount: followCounts.get(r.id) ?? 0,
    groupCount: groupCounts.get(r.id) ?? 0,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function listStaff(ctx: Ctx, query: TListStaffQuery): Promise<TPage<TStaff>> {
  const where = staffScope(ctx.actor);
  if (query.storeId) where.push(eq(staff.storeId, query.storeId));
  if (query.status) where.push(eq(staff.status, query.status));
  if (query.q) where.push(ilike(staff.name, `%${query.q.replace(/[%_\\]/g, '\\$&')}%`));
  const db = dbOf(ctx);
  const [total] = await db
    .select({ n: count() })
    .from(staff)
    .where(and(...where));
  const rows = await db
    .select()
    .from(staff)
    .where(and(...where))
    .orderBy(asc(staff.storeId), asc(staff.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return { items: await toStaffList(ctx, rows), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function getStaff(ctx: Ctx, id: number): Promise<TStaff> {
  const [row] = await dbOf(ctx)
    .select()
    .from(staff)
    .where(and(...staffScope(ctx.actor), eq(staff.id, id)));
  if (!row) throw notFound('Staff member', id);
  const [item] = await toStaffList(ctx, [row]);
  if (!item) throw notFound('Staff member', id);
  return item;
}

// Store managers manage their own store's staff; HQ roles manage everyone.
function assertCanManage(ctx: Ctx, storeId: number | null) {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager'], 'manage staff');
  if (ctx.actor.role === 'store_manager' && storeId !== ctx.actor.storeId) {
    throw new AppError('FORBIDDEN', 'You can only manage the staff of your own store.');
  }
}

export async function createStaff(ctx: Ctx, input: TCreateStaffRequest): Promise<TStaff> {
  assertCanManage(ctx, input.storeId);
  if (input.storeId && !(await unitExists(ctx, input.storeId, 'store'))) throw notFound('Store', input.storeId);
  try {
    const [row] = await dbOf(ctx)
      .insert(staff)
      .values({ tenantId: ctx.actor.tenantId, ...input })
      .returning();
    if (!row) throw new AppError('INTERNAL', 'Staff member not created.');
    return (await toStaffList(ctx, [row]))[0] as TStaff;
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', `WeCom userid ${input.wecomUserId} belongs to another staff member.`);
    throw error;
  }
}

export async function updateStaff(ctx: Ctx, id: number, input: TUpdateStaffRequest): Promise<TStaff> {
  requireChanges(input);
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const [current] = await db
      .select()
      .from(staff)
      .where(and(...staffScope(ctx.actor), eq(staff.id, id)))
      .for('update');
    if (!current) throw notFound('Staff member', id);
    assertCanManage(tctx, current.storeId);
    if (input.storeId !== undefined) {
      assertCanManage(tctx, input.storeId);
      if (input.storeId && !(await unitExists(tctx, input.storeId, 'store'))) throw notFound('Store', input.storeId);
    }
    const resigning = input.status === 'resigned' && current.status !== 'resigned';
    const [row] = await db
      .update(staff)
      .set({
        ...input,
        ...(resigning ? { resignedAt: ctx.now() } : {}),
        ...(input.status === 'active' ? { resignedAt: null } : {}),
      })
      .where(and(eq(staff.tenantId, ctx.actor.tenantId), eq(staff.id, id)))
      .returning();
    if (!row) throw notFound('Staff member', id);
    if (input.role && input.role !== current.role) {
      await recordAudit(tctx, {
        action: 'staff.role_change',
        targetType: 'staff',
        targetId: id,
        details: { from: current.role, to: input.role },
      });
    }
    return (await toStaffList(tctx, [row]))[0] as TStaff;
  });
}
