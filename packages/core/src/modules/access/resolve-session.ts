import { and, eq, gt } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { sha256 } from '../../lib/crypto.ts';
import { tenants } from '../org/org.tables.ts';
import type { TMe } from './access.schemas.ts';
import { accounts, sessions } from './access.tables.ts';
import { toAccount } from './to-account.ts';

/** The actor behind a session cookie, or null when the token is unknown, expired or disabled. */
export async function resolveSession(deps: Deps, token: string): Promise<{ actor: Actor; me: TMe } | null> {
  if (token.length < 20 || token.length > 100) return null;
  const rows = await deps.db
    .select({ account: accounts, tenant: tenants })
    .from(sessions)
    .innerJoin(accounts, and(eq(accounts.tenantId, sessions.tenantId), eq(accounts.id, sessions.accountId)))
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, deps.now())))
    .limit(1);
  const row = rows[0];
  const a = row?.account;
  if (!row || !a || a.status !== 'active') return null;
  return {
    actor: {
      tenantId: a.tenantId,
      accountId: a.id,
      name: a.displayName,
      role: a.role as Actor['role'],
      staffId: a.staffId,
      storeId: a.storeId,
    },
    me: {
      account: toAccount(a),
      tenant: { id: row.tenant.id, slug: row.tenant.slug, name: row.tenant.name, timezone: row.tenant.timezone },
    },
  };
}

export async function logout(deps: Deps, token: string): Promise<void> {
  await deps.db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}
