import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { pageOffset, type TPage, type TPageQuery } from '../../lib/paging.ts';
import { assertRole } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { transferFollows } from '../customers/follow-queries.ts';
import { transferGroupOwnership } from '../groups/group-queries.ts';
import { getStaffById, getStaffNames } from './lookups.ts';
import type { THandover, THandoverRequest } from './org.schemas.ts';
import { handovers, staff } from './org.tables.ts';

/**
 * Staff handover (离职继承 / 在职继承): moves a staff member's customers (all, or the listed ones) and,
 * optionally, their groups to another active staff member, in one transaction; audited. With
 * kind 'resigned' the staff member is also marked resigned.
 * @example
 * await handoverStaff(ctx, 12, { toStaffId: 15, kind: 'resigned', includeGroups: true });
 */
export async function handoverStaff(ctx: Ctx, fromStaffId: number, input: THandoverRequest) {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager'], 'hand over customers');
  if (fromStaffId === input.toStaffId) throw new AppError('VALIDATION', 'toStaffId: choose a different staff member to receive.');
  return inTransaction(ctx, async (tctx) => {
    const [from, to] = await Promise.all([getStaffById(tctx, fromStaffId), getStaffById(tctx, input.toStaffId)]);
    if (!from) throw notFound('Staff member', fromStaffId);
    if (!to) throw notFound('Staff member', input.toStaffId);
    if (ctx.actor.role === 'store_manager' && (from.storeId !== ctx.actor.storeId || to.storeId !== ctx.actor.storeId)) {
      throw new AppError(
        'FORBIDDEN',
        'Store managers can hand over only between staff of their own store. Ask HQ for cross-store moves.',
      );
    }
    if (to.status !== 'active')
      throw new AppError('VALIDATION', `toStaffId: ${to.name} has resigned. Choose an active staff member.`);
    const customersMoved = await transferFollows(tctx, {
      fromStaffId,
      toStaffId: to.id,
      fromName: from.name,
      toName: to.name,
      kind: input.kind,
      customerIds: input.customerIds,
    });
    const groupsMoved = input.includeGroups ? await transferGroupOwnership(tctx, { fromStaffId, toStaffId: to.id }) : 0;
    const db = dbOf(tctx);
    if (input.kind === 'resigned') {
      await db
        .update(staff)
        .set({ status: 'resigned', resignedAt: ctx.now() })
        .where(and(eq(staff.tenantId, ctx.actor.tenantId), eq(staff.id, fromStaffId)));
    }
    const [row] = await db
      .insert(handovers)
      .values({
        tenantId: ctx.actor.tenantId,
        fromStaffId,
        toStaffId: to.id,
        kind: input.kind,
        customersMoved,
        groupsMoved,
        createdBy: ctx.actor.accountId,
      })
      .returning({ id: handovers.id });
    await recordAudit(tctx, {
      action: 'staff.handover',
      targetType: 'staff',
      targetId: fromStaffId,
      details: { kind: input.kind, from: from.name, to: to.name, toStaffId: to.id, customersMoved, groupsMoved },
    });
    return { handoverId: row?.id ?? 0, customersMoved, groupsMoved };
  });
}

export async function listHandovers(ctx: Ctx, query: TPageQuery): Promise<TPage<THandover>> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager'], 'see handovers');
  const where: SQL[] = [eq(handovers.tenantId, ctx.actor.tenantId)];
  // Store managers see the handovers away from their store's staff.
  if (ctx.actor.role === 'store_manager') where.push(eq(staff.storeId, ctx.actor.storeId ?? -1));
  const db = dbOf(ctx);
  const from = and(eq(staff.tenantId, handovers.tenantId), eq(staff.id, handovers.fromStaffId));
  const [total] = await db
    .select({ n: count() })
    .from(handovers)
    .innerJoin(staff, from)
    .where(and(...where));
  const rows = await db
    .select({ h: handovers })
    .from(handovers)
    .innerJoin(staff, from)
    .where(and(...where))
    .orderBy(desc(handovers.createdAt), desc(handovers.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const names = await getStaffNames(
    ctx,
    rows.flatMap(({ h }) => [h.fromStaffId, h.toStaffId]),
  );
  return {
    items: rows.map(({ h }) => ({
      id: h.id,
      fromStaffId: h.fromStaffId,
      fromStaffName: names.get(h.fromStaffId) ?? '',
      toStaffId: h.toStaffId,
      toStaffName: names.get(h.toStaffId) ?? '',
      kind: h.kind as THandover['kind'],
      customersMoved: h.customersMoved,
      groupsMoved: h.groupsMoved,
      createdAt: h.createdAt.toISOString(),
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
