import { serve } from '@hono/node-server';
import { accounts, createApp, intakeSettled, type TConfig, tenants } from '@pond/core';
import { startLiveSimulation } from '@pond/sim';
import { and, asc, eq } from 'drizzle-orm';
import { boot, consoleDist, h5Dist } from '../boot.ts';
import { DEMO_PASSWORD } from '../demo-accounts.ts';
import { seedDemoAcquisition } from '../demo-acquisition.ts';
import { seedDemoEngagement } from '../demo-engagement.ts';
import { registerRuntime } from '../runtime.ts';
import { startWorkerThread } from '../start-worker-thread.ts';
import { printLogins, seedDemoBrand } from './seed.ts';

/**
 * `pond start` (role all: API + worker + console) and `pond worker` (the worker role alone).
 * Resolves with the exit code once the process is asked to stop (SIGINT/SIGTERM).
 */
export async function runStart(config: TConfig, options: { role: 'all' | 'worker' }): Promise<number> {
  const t0 = performance.now();
  if (options.role === 'worker' && config.databaseKind === 'pglite') {
    console.error(
      '`pond worker` needs DATABASE_URL: the embedded database belongs to one process. Use `pond start`, which runs the worker too.',
    );
    return 1;
  }
  // On PostgreSQL the jobs of `pond start` run in a worker thread (ADR 009), so that their
  // synchronous stretches do not hold up the callbacks this thread answers; PGlite is one thread's.
  // That thread's queue also runs pg-boss's maintenance and cron clock; this one's does not.
  const jobsInThread = options.role === 'all' && config.databaseKind === 'postgres';
  const { deps, database, timings } = await boot(config, { queueBackground: !jobsInThread });
  let seededMs: number | undefined;
  let seededTenantId: number | undefined;
  let logins: { username: string; password: string; role: string; note: string }[] = [];
  if (options.role === 'all') {
    const [anyTenant] = await deps.db.select({ id: tenants.id }).from(tenants).limit(1);
    if (!anyTenant && database.kind === 'pglite') {
      console.log(`Empty database: seeding the demo brand (${config.POND_SEED_CUSTOMERS} customers)…`);
      const seeded = await seedDemoBrand(deps, { customers: config.POND_SEED_CUSTOMERS, seed: 42, randomPasswords: false });
      seededMs = seeded.ms;
      seededTenantId = seeded.tenantId;
      logins = seeded.logins;
    } else if (database.kind === 'pglite') {
      const [demo] = await deps.db.select().from(tenants).where(eq(tenants.slug, 'demo'));
      if (demo?.isDemo) {
        const rows = await deps.db
          .select()
          .from(accounts)
          .where(and(eq(accounts.tenantId, demo.id)))
          .orderBy(asc(accounts.id))
          .limit(3);
        logins = rows.map((a) => ({ username: a.username, password: DEMO_PASSWORD, role: a.role, note: a.displayName }));
      }
    } else if (!anyTenant) {
      console.log('The database has no tenant yet. Create the demo brand with `npx pond seed`.');
    }
  }
  const runtime = await registerRuntime(deps, { worker: !jobsInThread, pollingIntervalSeconds: config.POND_WORKER_POLL_SECONDS });
  const jobThread = jobsInThread ? await startWorkerThread() : undefined;
  if (seededTenantId !== undefined) {
    const t1 = performance.now();
    await seedDemoAcquisition(deps, seededTenantId);
    await seedDemoEngagement(deps, seededTenantId);
    seededMs = (seededMs ?? 0) + (performance.now() - t1);
  }

  // The demo brand's virtual customers live on while the product runs (embedded demo only).
  let stopSim: (() => Promise<void>) | undefined;
  if (options.role === 'all' && database.kind === 'pglite' && config.POND_SIM_LIVE) {
    const [demo] = await deps.db.select().from(tenants).where(eq(tenants.slug, 'demo'));
    if (demo?.isDemo && demo.channel === 'simulator') stopSim = startLiveSimulation(deps, demo.id);
  }

  let server: ReturnType<typeof serve> | undefined;
  if (options.role === 'all') {
    const app = createApp(deps, { consoleDir: consoleDist, h5Dir: h5Dist });
    await new Promise<void>((resolveListen, rejectListen) => {
      server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolveListen());
      server.on('error', rejectListen);
    });
  }
  const ready = performance.now() - t0;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  console.log('');
  console.log(
    `Pond is ready in ${(ready / 1000).toFixed(1)} s (${database.kind}; open ${Math.round(timings.open ?? 0)} ms, migrate ${Math.round(timings.migrate ?? 0)} ms${seededMs ? `, seed ${(seededMs / 1000).toFixed(1)} s` : ''}).`,
  );
  if (options.role === 'all') {
    console.log(`  Console: ${url}/`);
    console.log(`  API docs: ${url}/api/docs`);
    if (logins.length) printLogins(logins);
  } else {
    console.log('  Worker role: processing jobs.');
  }

  return new Promise<number>((resolveExit) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal}: stopping…`);
      server?.close();
      // Callbacks already acknowledged get their jobs enqueued before the database closes.
      await intakeSettled(deps);
      await stopSim?.();
      await jobThread?.stop();
      await runtime.stop();
      // PGlite flushes to disk on close; without it the last writes could be lost.
      await database.close();
      resolveExit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });
}
