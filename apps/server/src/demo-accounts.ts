import { randomBytes } from 'node:crypto';
import { accounts, type Deps, follows, hashPassword, staff } from '@pond/core';
import { and, count, desc, eq, isNull } from 'drizzle-orm';

export const DEMO_PASSWORD = 'pond-demo';

export type TDemoLogin = { username: string; password: string; role: string; note: string };

/**
 * The demo logins: an admin, the manager of the busiest store and its busiest guide. In the embedded
 * demo they share the well-known password; on PostgreSQL each gets a random one, printed once.
 */
export async function createDemoAccounts(
  deps: Deps,
  tenantId: number,
  options: { randomPasswords: boolean },
): Promise<TDemoLogin[]> {
  const db = deps.db;
  // The guide with the most customers, and the manager of that guide's store.
  const [busiest] = await db
    .select({ staffId: follows.staffId, n: count() })
    .from(follows)
    .innerJoin(staff, and(eq(staff.tenantId, follows.tenantId), eq(staff.id, follows.staffId)))
    .where(and(eq(follows.tenantId, tenantId), isNull(follows.deletedAt), eq(staff.role, 'guide')))
    .groupBy(follows.staffId)
    .orderBy(desc(count()))
    .limit(1);
  const [guide] = busiest
    ? await db
        .select()
        .from(staff)
        .where(and(eq(staff.tenantId, tenantId), eq(staff.id, busiest.staffId)))
    : [];
  const [manager] = guide?.storeId
    ? await db
        .select()
        .from(staff)
        .where(and(eq(staff.tenantId, tenantId), eq(staff.storeId, guide.storeId), eq(staff.role, 'store_manager')))
        .limit(1)
    : [];
  const pick = () => (options.randomPasswords ? randomBytes(12).toString('base64url') : DEMO_PASSWORD);
  const logins: (TDemoLogin & { staffId: number | null; storeId: number | null; displayName: string })[] = [
    { username: 'admin', password: pick(), role: 'admin', note: 'HQ admin', staffId: null, storeId: null, displayName: '管理员' },
  ];
  if (manager) {
    logins.push({
      username: 'manager',
      password: pick(),
      role: 'store_manager',
      note: `store manager ${manager.name}`,
      staffId: manager.id,
      storeId: manager.storeId,
      displayName: manager.name,
    });
  }
  if (guide) {
    logins.push({
      username: 'guide',
      password: pick(),
      role: 'guide',
      note: `guide ${guide.name}`,
      staffId: guide.id,
      storeId: guide.storeId,
      displayName: guide.name,
    });
  }
  for (const l of logins) {
    await db
      .insert(accounts)
      .values({
        tenantId,
        username: l.username,
        displayName: l.displayName,
        passwordHash: await hashPassword(l.password),
        role: l.role,
        staffId: l.staffId,
        storeId: l.storeId,
      })
      .onConflictDoNothing();
  }
  return logins.map(({ username, password, role, note }) => ({ username, password, role, note }));
}
