import type { Database } from '@pond/db';
import type { TWecomRejection } from './wecom.schemas.ts';

// Per process, per tenant: enough for an admin to see why WeCom's deliveries fail while setting up.
const MAX_PER_TENANT = 50;
const rejections = new WeakMap<Database, Map<number, TWecomRejection[]>>();

/**
 * Remembers a refused callback (reason and time only — never the body) in a bounded in-memory list.
 * @example
 * recordWecomRejection(deps.database, tenantId, { at, status: 401, reason: 'BAD_SIGNATURE', message });
 */
export function recordWecomRejection(database: Database, tenantId: number, rejection: TWecomRejection): void {
  let byTenant = rejections.get(database);
  if (!byTenant) {
    byTenant = new Map();
    rejections.set(database, byTenant);
  }
  const list = byTenant.get(tenantId) ?? [];
  list.unshift(rejection);
  if (list.length > MAX_PER_TENANT) list.length = MAX_PER_TENANT;
  byTenant.set(tenantId, list);
}

/** The latest refused callbacks of a tenant in this process, newest first. */
export function recentWecomRejections(database: Database, tenantId: number, limit = 20): TWecomRejection[] {
  return (rejections.get(database)?.get(tenantId) ?? []).slice(0, limit);
}
