import { accounts, hashPassword, type TConfig, tenants } from '@pond/core';
import { and, eq } from 'drizzle-orm';
import { boot } from '../boot.ts';

export async function runAccountCommand(
  config: TConfig,
  sub: string | undefined,
  values: { tenant?: string; username?: string; password?: string },
): Promise<number> {
  if (sub !== 'set-password') {
    console.error('Usage: npx pond account set-password --tenant T --username U --password P');
    return 1;
  }
  const { tenant, username, password } = values;
  if (!tenant || !username || !password) {
    console.error('--tenant, --username and --password are all required.');
    return 1;
  }
  if (password.length < 10) {
    console.error('The password needs at least 10 characters.');
    return 1;
  }
  const { deps, database } = await boot(config);
  try {
    const [t] = await deps.db.select().from(tenants).where(eq(tenants.slug, tenant));
    if (!t) {
      console.error(`No tenant "${tenant}".`);
      return 1;
    }
    const updated = await deps.db
      .update(accounts)
      .set({ passwordHash: await hashPassword(password) })
      .where(and(eq(accounts.tenantId, t.id), eq(accounts.username, username)))
      .returning({ id: accounts.id });
    if (updated.length === 0) {
      console.error(`No account "${username}" in tenant "${tenant}".`);
      return 1;
    }
    console.log(`Password of ${tenant}/${username} updated.`);
    return 0;
  } finally {
    await database.close();
  }
}
