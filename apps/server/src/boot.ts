import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDeps, type Deps, type TConfig } from '@pond/core';
import { createDatabase, type Database, pgliteDataDir, runMigrations } from '@pond/db';
import pino from 'pino';

/** Where the built console lives (served by the API role). */
export const consoleDist = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../console/dist');
/** Built H5 pages, served at /h5/ and the short-link paths. */
export const h5Dist = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../h5/dist');

// Outside the embedded demo a real secret is required; the demo derives one from its data dir.
const DEMO_SECRET_PREFIX = 'pond-embedded-demo-secret-do-not-use-in-production:';

export type Booted = { deps: Deps; database: Database; config: TConfig; timings: Record<string, number> };

export type BootOptions = {
  /** Apply the committed migrations (default true; the job thread's boot skips them, its parent ran them). */
  migrate?: boolean;
  /** Run the queue's maintenance and cron clock here (default true; see `createQueue`). */
  queueBackground?: boolean;
};

/**
 * Opens the database named by the config (PGlite under POND_DATA_DIR, or PostgreSQL), applies the
 * committed migrations and builds the dependencies.
 */
export async function boot(config: TConfig, options: BootOptions = {}): Promise<Booted> {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const log = pino({ level: config.POND_LOG_LEVEL });
  const embedded = config.databaseKind === 'pglite';
  if (!embedded && !config.POND_SECRET) {
    throw new Error('POND_SECRET is required with DATABASE_URL (at least 32 characters): it encrypts phone numbers.');
  }
  const database = embedded
    ? await createDatabase({ kind: 'pglite', dataDir: pgliteDataDir(resolve(config.POND_DATA_DIR)) })
    : await createDatabase({ kind: 'postgres', url: config.DATABASE_URL as string });
  timings.open = performance.now() - t0;
  const t1 = performance.now();
  if (options.migrate ?? true) await runMigrations(database);
  timings.migrate = performance.now() - t1;
  const secret = config.POND_SECRET ?? `${DEMO_SECRET_PREFIX}${join(resolve(config.POND_DATA_DIR))}`;
  const dataDir = resolve(config.POND_DATA_DIR);
  const publicUrl = config.POND_PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  const deps = createDeps({
    database,
    secret,
    log,
    demoMode: embedded,
    dataDir,
    publicUrl,
    queueBackground: options.queueBackground,
  });
  return { deps, database, config, timings };
}
