import type { Ctx } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { getCustomerRef, getFollowRef, type TCustomerRef } from '../customers/customer-refs.ts';
import { assertCustomerVisible } from '../customers/customer-scope.ts';
import { getGroupRef, type TGroupRef } from '../groups/group-refs.ts';
import { getStaffById, type TStaffRef } from '../org/lookups.ts';

// Who may make the virtual world act: HQ roles anywhere, a store manager within their store, a
// guide only as themselves and on their own customers and groups. Out of scope looks like missing.

export async function requireScopedStaff(ctx: Ctx, staffId: number): Promise<TStaffRef> {
  const member = await getStaffById(ctx, staffId);
  const { actor } = ctx;
  const visible =
    !!member &&
    (actor.role === 'store_manager'
      ? member.storeId === actor.storeId
      : actor.role === 'guide'
        ? member.id === actor.staffId
        : true);
  if (!member || !visible) throw notFound('Staff member', staffId);
  return member;
}

export async function requireScopedCustomer(
  ctx: Ctx,
  customerId: number,
  options: { formerOf?: number } = {},
): Promise<TCustomerRef> {
  // A customer who deleted a guide may still add them back: the pair's history is scope enough.
  if (ctx.actor.role === 'guide' && options.formerOf !== undefined) {
    const follow = await getFollowRef(ctx, customerId, options.formerOf);
    if (!follow) throw notFound('Customer', customerId);
  } else {
    await assertCustomerVisible(ctx, customerId);
  }
  const customer = await getCustomerRef(ctx, customerId);
  if (!customer || customer.deleted) throw notFound('Customer', customerId);
  return customer;
}

export async function requireScopedGroup(ctx: Ctx, groupId: number): Promise<TGroupRef> {
  const group = await getGroupRef(ctx, groupId);
  const { actor } = ctx;
  const visible =
    !!group &&
    (actor.role === 'store_manager'
      ? group.storeId === actor.storeId
      : actor.role === 'guide'
        ? group.ownerStaffId === actor.staffId
        : true);
  if (!group || !visible) throw notFound('Customer group', groupId);
  return group;
}

/** The customer's WeCom identity; a customer who never added anyone has none and cannot act in WeCom. */
export function externalIdOf(customer: TCustomerRef): string {
  if (!customer.externalUserId) {
    throw new AppError('CONFLICT', `Customer ${customer.id} has no WeCom identity yet. Let them add a staff member first.`);
  }
  return customer.externalUserId;
}
