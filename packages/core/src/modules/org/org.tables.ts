import { bigint, boolean, doublePrecision, foreignKey, index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';

/** A brand using Pond. Not tenant-owned itself: its id is the tenant id. */
export const tenants = pgTable('tenants', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  // Used in URLs and at login.
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('Asia/Shanghai'),
  // Which channel adapter serves this tenant: 'simulator' | 'wecom'.
  channel: text('channel').notNull().default('simulator'),
  // True only for the embedded demo brand; default passwords are accepted only there.
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: createdAt(),
});

/** HQ → region → store. */
export const orgUnits = pgTable(
  'org_units',
  {
    tenantId: tenantId(),
    id: identityId(),
    parentId: ref('parent_id'),
    // 'hq' | 'region' | 'store'
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    // Short code printed on posters and used by imports, unique per tenant.
    code: text('code').notNull(),
    city: text('city'),
    address: text('address'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    // 'open' | 'closed'
    status: text('status').notNull().default('open'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('org_units_code_uq').on(t.tenantId, t.code),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
  ],
);

export const staff = pgTable(
  'staff',
  {
    tenantId: tenantId(),
    id: identityId(),
    name: text('name').notNull(),
    storeId: ref('store_id'),
    // 'guide' | 'store_manager' | 'hq'
    role: text('role').notNull().default('guide'),
    // 'active' | 'resigned'
    status: text('status').notNull().default('active'),
    // WeCom `userid`; the channel identifies staff by it.
    wecomUserId: text('wecom_user_id').notNull(),
    mobile: text('mobile'),
    avatar: text('avatar'),
    createdAt: createdAt(),
    resignedAt: ts('resigned_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('staff_wecom_uq').on(t.tenantId, t.wecomUserId),
    index('staff_store_idx').on(t.tenantId, t.storeId),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [orgUnits.tenantId, orgUnits.id] }),
  ],
);

/** A record of each handover (离职继承 / 在职继承) for the audit trail and the console. */
export const handovers = pgTable(
  'handovers',
  {
    tenantId: tenantId(),
    id: identityId(),
    fromStaffId: ref('from_staff_id').notNull(),
    toStaffId: ref('to_staff_id').notNull(),
    // 'resigned' (离职继承) | 'in_service' (在职继承)
    kind: text('kind').notNull(),
    customersMoved: bigint('customers_moved', { mode: 'number' }).notNull().default(0),
    groupsMoved: bigint('groups_moved', { mode: 'number' }).notNull().default(0),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('handovers_from_idx').on(t.tenantId, t.fromStaffId)],
);
