import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';

/** The drizzle database, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A drizzle transaction; every module function accepts `Db | Tx` as `DbLike`. */
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;
export type DbLike = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

/** Connections of `Database.intake` on PostgreSQL: group commits written at once. */
export const INTAKE_WRITERS = 2;

/** What the rest of Pond holds: the drizzle handle plus a raw SQL runner for pg-boss and tooling. */
export type Database = {
  kind: DatabaseKind;
  db: Db;
  /**
   * Connections of their own for the inbox's group commits (see `ingestRawEventGrouped`), so that
   * callbacks never wait for a connection behind busy jobs (`INTAKE_WRITERS` on PostgreSQL). On
   * PGlite (one connection in all) the same handle as `db`.
   */
  intake: Db;
  /** Runs one parameterised statement (or, without values, a script of several). */
  executeSql: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
  close: () => Promise<void>;
  /** PGlite only: the embedded instance (for snapshots in tests). */
  pglite?: PGlite;
};

/**
 * A connection that runs the queries it is given at once (a `Promise.all` inside a transaction,
 * where every query shares the transaction's connection) one after another in its own queue. pg
 * queues them too, but warns that pg@9 will stop; the order and the results are the same.
 */
class SerialClient extends pg.Client {
  #tail: Promise<unknown> = Promise.resolve();

  // biome-ignore lint/suspicious/noExplicitAny: pg's `query` has a dozen overloads; this passes them through.
  override query(...args: any[]): any {
    const callbackOrSubmittable = typeof args.at(-1) === 'function' || typeof args[0]?.submit === 'function';
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    const run = (): any => (super.query as (...a: any[]) => any)(...args);
    if (callbackOrSubmittable) return run();
    const result = this.#tail.then(run);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

export type CreateDatabaseOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob | File };

/**
 * Opens the database: embedded PGlite (persisted under `dataDir`, or in memory without one) or a
 * PostgreSQL server.
 * @example
 * const database = await createDatabase({ kind: 'pglite', dataDir: './.pond/pgdata' });
 */
export async function createDatabase(options: CreateDatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, Client: SerialClient });
    // A broken idle connection must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    const db = drizzlePg(pool) as unknown as Db;
    // Connects on first use; a process that takes no callbacks never opens it.
    const intakePool = new pg.Pool({ connectionString: options.url, max: INTAKE_WRITERS });
    intakePool.on('error', () => {});
    return {
      kind: 'postgres',
      db,
      intake: drizzlePg(intakePool) as unknown as Db,
      executeSql: async (text, values) => {
        const res = await pool.query(text, values as unknown[] | undefined);
        // A multi-statement script returns an array of results; pg-boss wants the last.
        const last = Array.isArray(res) ? res[res.length - 1] : res;
        return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
      },
      close: async () => {
        await Promise.all([pool.end(), intakePool.end()]);
      },
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
  });
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    intake: db,
    pglite: client,
    executeSql: async (text, values) => {
      if (!values || values.length === 0) {
        const results = await client.exec(text);
        return { rows: (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[] };
      }
      const res = await client.query(text, values);
      return { rows: res.rows as Record<string, unknown>[] };
    },
    close: () => client.close(),
  };
}

export function pgliteDataDir(dataDir: string): string {
  return join(dataDir, 'pgdata');
}
