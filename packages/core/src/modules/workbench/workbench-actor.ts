import type { Ctx } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { getStaffById, type TStaffRef } from '../org/lookups.ts';

/** Who may open the workbench at all: guides, and managers/HQ previewing one. */
export const assertWorkbenchRole = (ctx: Ctx) =>
  assertRole(ctx.actor, ['guide', 'store_manager', 'admin', 'operator'], 'use the guide workbench');

export type TWorkbenchActor = { ctx: Ctx; staff: TStaffRef; preview: boolean };

/**
 * Whose workbench a request is: a guide's own; or, for a store manager (staff of their store) or
 * HQ, the guide named by `staffId` — a read-only preview. The returned ctx acts with the guide's
 * data scope (their customers, their tasks), so every read below is scoped like the guide's own.
 */
export async function workbenchActor(ctx: Ctx, staffId?: number, options: { write?: boolean } = {}): Promise<TWorkbenchActor> {
  const { actor } = ctx;
  assertWorkbenchRole(ctx);
  if (actor.role === 'guide') {
    if (!actor.staffId) throw new AppError('FORBIDDEN', 'Your account is not linked to a staff member. Ask an admin to link it.');
    const staff = await getStaffById(ctx, actor.staffId);
    if (!staff) throw new AppError('FORBIDDEN', 'Your staff record was not found. Ask an admin to link your account.');
    return { ctx, staff, preview: false };
  }
  if (options.write) {
    throw new AppError('FORBIDDEN', 'Previewing a workbench is read-only. Log in as the guide to act in their name.');
  }
  if (!staffId) throw new AppError('VALIDATION', 'staffId: pick the guide whose workbench to preview.');
  const staff = await getStaffById(ctx, staffId);
  if (!staff || (actor.role === 'store_manager' && staff.storeId !== actor.storeId)) throw notFound('Staff member', staffId);
  return { ctx: { ...ctx, actor: { ...actor, role: 'guide', staffId: staff.id, storeId: staff.storeId } }, staff, preview: true };
}
