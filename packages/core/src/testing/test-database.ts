import { createDatabase, type Database, runMigrations } from '@pond/db';
import pg from 'pg';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or — with
 * POND_TEST_DB=postgres — a database of its own on the PostgreSQL server, dropped at cleanup.
 */
export async function createTestDatabase(): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (process.env.POND_TEST_DB === 'postgres') {
    const base = process.env.POND_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `pond_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    const database = await createDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
    await runMigrations(database);
    return {
      database,
      cleanup: async () => {
        await database.close();
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const database = await createDatabase({ kind: 'pglite' });
  await runMigrations(database);
  return { database, cleanup: () => database.close() };
}
