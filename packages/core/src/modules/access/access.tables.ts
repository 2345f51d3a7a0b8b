import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';

/** A console login. */
export const accounts = pgTable(
  'accounts',
  {
    tenantId: tenantId(),
    id: identityId(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    // argon2id hash.
    passwordHash: text('password_hash').notNull(),
    // 'admin' | 'operator' | 'store_manager' | 'guide'
    role: text('role').notNull(),
    // The staff member behind a guide or store manager account; scopes their data.
    staffId: ref('staff_id'),
    // The store a store manager sees.
    storeId: ref('store_id'),
    // 'active' | 'disabled'
    status: text('status').notNull().default('active'),
    locale: text('locale').notNull().default('zh-CN'),
    createdAt: createdAt(),
    lastLoginAt: ts('last_login_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('accounts_username_uq').on(t.tenantId, t.username)],
);

/** Console sessions; only the SHA-256 of the cookie token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tenantId: tenantId(),
    id: identityId(),
    tokenHash: text('token_hash').notNull(),
    accountId: ref('account_id').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('sessions_token_uq').on(t.tokenHash)],
);

/** Login attempts, for the rate limit; read before the tenant is known, so keyed by name. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // `${tenantSlug}/${username}`, lower-cased.
    principal: text('principal').notNull(),
    ip: text('ip').notNull(),
    succeeded: integer('succeeded').notNull(),
    at: createdAt(),
  },
  (t) => [index('login_attempts_principal_idx').on(t.principal, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)],
);
