import type { Deps } from '../../context.ts';

/**
 * Customers open Pond's H5 pages from links in their chats, without an account. A link carries a
 * signed token naming the tenant and the customer (`<tenant>.<customer>.<mac>`); WeChat OAuth
 * would replace it once a brand connects an official account.
 * @example
 * const t = customerToken(deps, 1, 42); // '1.42.Xk3…'
 * readCustomerToken(deps, t); // { tenantId: 1, customerId: 42 }
 */
export function customerToken(deps: Pick<Deps, 'sealer'>, tenantId: number, customerId: number): string {
  const value = `${tenantId}.${customerId}`;
  return `${value}.${deps.sealer.sign(`h5:${value}`)}`;
}

/** The tenant and customer of a valid token, or null for anything else. */
export function readCustomerToken(
  deps: Pick<Deps, 'sealer'>,
  token: string | undefined | null,
): { tenantId: number; customerId: number } | null {
  if (!token || token.length > 100) return null;
  const match = /^(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return null;
  const [, tenant, customer, mac] = match;
  if (!tenant || !customer || !mac) return null;
  if (!deps.sealer.verify(`h5:${tenant}.${customer}`, mac)) return null;
  return { tenantId: Number(tenant), customerId: Number(customer) };
}
