import { bigint, timestamp } from 'drizzle-orm/pg-core';

// Every tenant-owned table has `tenant_id NOT NULL` and the primary key (tenant_id, id), so the
// schema can later be distributed by tenant (Citus) and no join can cross tenants by accident.
export const tenantId = () => bigint('tenant_id', { mode: 'number' }).notNull();
export const identityId = () => bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity();
export const ref = (name: string) => bigint(name, { mode: 'number' });
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const ts = (name: string) => timestamp(name, { withTimezone: true });
