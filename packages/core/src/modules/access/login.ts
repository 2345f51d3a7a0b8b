import { and, count, eq, gt } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { randomToken, sha256 } from '../../lib/crypto.ts';
import { AppError } from '../../lib/errors.ts';
import { tenants } from '../org/org.tables.ts';
import type { TLoginRequest, TMe } from './access.schemas.ts';
import { accounts, loginAttempts, sessions } from './access.tables.ts';
import { DEMO_PASSWORDS, hashPassword, verifyPassword } from './passwords.ts';
import { toAccount } from './to-account.ts';

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
// Failures allowed per account name and per IP within the window before logins are refused.
const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_PRINCIPAL = 5;
const MAX_FAILURES_PER_IP = 50;
// Verifying against a dummy hash keeps the time of "no such user" equal to "wrong password".
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => {
  dummyHash ??= hashPassword(randomToken());
  return dummyHash;
};

/**
 * Checks credentials (rate-limited), creates a session and returns its token.
 * @example
 * const { token, me } = await login(deps, { tenant: 'demo', username: 'admin', password: 'pond-demo', ip });
 */
export async function login(deps: Deps, input: TLoginRequest & { ip: string }): Promise<{ token: string; me: TMe }> {
  const principal = `${input.tenant}/${input.username}`.toLowerCase();
  const since = new Date(deps.now().getTime() - WINDOW_MS);
  const [byPrincipal] = await deps.db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.principal, principal), eq(loginAttempts.succeeded, 0), gt(loginAttempts.at, since)));
  const [byIp] = await deps.db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, input.ip), eq(loginAttempts.succeeded, 0), gt(loginAttempts.at, since)));
  if ((byPrincipal?.n ?? 0) >= MAX_FAILURES_PER_PRINCIPAL || (byIp?.n ?? 0) >= MAX_FAILURES_PER_IP) {
    throw new AppError('RATE_LIMITED', 'Too many failed logins. Wait 15 minutes and try again.');
  }

  const rows = await deps.db
    .select({ account: accounts, tenant: tenants })
    .from(accounts)
    .innerJoin(tenants, eq(tenants.id, accounts.tenantId))
    .where(and(eq(tenants.slug, input.tenant.toLowerCase()), eq(accounts.username, input.username)))
    .limit(1);
  const row = rows[0];
  const ok = await verifyPassword(row?.account.passwordHash ?? (await getDummyHash()), input.password);
  const fail = async () => {
    await deps.db.insert(loginAttempts).values({ principal, ip: input.ip, succeeded: 0 });
    return new AppError('INVALID_CREDENTIALS', 'Wrong tenant, username or password. Check them and try again.');
  };
  if (!row || !ok) throw await fail();
  if (row.account.status !== 'active') throw await fail();
  if (DEMO_PASSWORDS.has(input.password) && !(row.tenant.isDemo && deps.demoMode)) {
    throw new AppError(
      'FORBIDDEN',
      'The demo password is accepted only in the embedded demo. Set a real password with `npx pond account set-password`.',
    );
  }

  const token = randomToken();
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await tx.insert(sessions).values({
      tenantId: row.tenant.id,
      tokenHash: sha256(token),
      accountId: row.account.id,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    });
    await tx.insert(loginAttempts).values({ principal, ip: input.ip, succeeded: 1 });
    await tx
      .update(accounts)
      .set({ lastLoginAt: now })
      .where(and(eq(accounts.tenantId, row.tenant.id), eq(accounts.id, row.account.id)));
  });
  return {
    token,
    me: {
      account: toAccount({ ...row.account, lastLoginAt: now }),
      tenant: { id: row.tenant.id, slug: row.tenant.slug, name: row.tenant.name, timezone: row.tenant.timezone },
    },
  };
}
