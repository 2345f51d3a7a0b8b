import { type Deps, type TConfig, tenants } from '@pond/core';
import { seedDemo } from '@pond/sim';
import { eq } from 'drizzle-orm';
import { boot } from '../boot.ts';
import { createDemoAccounts, type TDemoLogin } from '../demo-accounts.ts';
import { seedDemoAcquisition } from '../demo-acquisition.ts';
import { seedDemoEngagement } from '../demo-engagement.ts';
import { registerRuntime } from '../runtime.ts';

/** Seeds tenant `demo` (the tea chain) and its logins; refuses when it exists. */
export async function seedDemoBrand(
  deps: Deps,
  options: { customers: number; seed: number; randomPasswords: boolean },
): Promise<{ tenantId: number; logins: TDemoLogin[]; ms: number; counts: Record<string, number> }> {
  const t0 = performance.now();
  const [existing] = await deps.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, 'demo'));
  if (existing) throw new Error('Tenant "demo" already exists: seed a fresh database (another POND_DATA_DIR or DATABASE_URL).');
  const result = await seedDemo({ db: deps.db, sealer: deps.sealer, seed: options.seed, customers: options.customers });
  const logins = await createDemoAccounts(deps, result.tenantId, { randomPasswords: options.randomPasswords });
  return { tenantId: result.tenantId, logins, ms: performance.now() - t0, counts: result.counts };
}

export function printLogins(logins: TDemoLogin[]): void {
  console.log('  Logins (tenant "demo"):');
  for (const l of logins) console.log(`    ${l.username.padEnd(8)} / ${l.password.padEnd(18)} ${l.role} — ${l.note}`);
}

export async function runSeed(config: TConfig, options: { customers: number; seed: number }): Promise<number> {
  const { deps, database } = await boot(config);
  try {
    const { tenantId, logins, ms, counts } = await seedDemoBrand(deps, {
      ...options,
      randomPasswords: database.kind !== 'pglite',
    });
    // Codes and campaigns are made through the modules, which call the channel and enqueue jobs.
    const runtime = await registerRuntime(deps, { worker: false, pollingIntervalSeconds: config.POND_WORKER_POLL_SECONDS });
    const acquisition = await seedDemoAcquisition(deps, tenantId);
    const engagement = await seedDemoEngagement(deps, tenantId);
    await runtime.stop();
    Object.assign(counts, acquisition, engagement);
    console.log(
      `Seeded tenant "demo" in ${(ms / 1000).toFixed(1)} s: ${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}.`,
    );
    printLogins(logins);
    if (database.kind !== 'pglite')
      console.log('  These passwords are shown once. Change them with `npx pond account set-password`.');
    return 0;
  } finally {
    await database.close();
  }
}
