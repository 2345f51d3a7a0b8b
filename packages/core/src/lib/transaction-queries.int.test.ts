import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-database.ts';

// Pond's modules read with Promise.all, and inside a transaction every such query shares one
// connection. pg@8 queues them with a deprecation warning (pg@9 will refuse); Pond's pool queues
// them itself. The results, their order and a failure's reach must stay what they were.
describe('queries issued at once on one transaction', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  beforeAll(async () => {
    t = await createTestDatabase();
    process.on('warning', onWarning);
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await t.cleanup();
  });

  it('each gets its own result, in order, with no warning', async () => {
    const results = await t.database.db.transaction(async (tx) =>
      Promise.all(
        [30, 5, 20, 1, 10].map(async (ms, i) => {
          const res = (await tx.execute(sql`select ${i}::int as i, pg_sleep(${ms / 1000}) is null as slept`)) as unknown as {
            rows: { i: number }[];
          };
          return res.rows[0]?.i;
        }),
      ),
    );
    expect(results).toEqual([0, 1, 2, 3, 4]);
    // Node prints a deprecation once per process, after the current tick.
    await new Promise((r) => setTimeout(r, 10));
    expect(warnings.filter((w) => w.includes('already executing'))).toEqual([]);
  });

  it('a failing query rejects its own promise; the transaction rolls back and the connection is usable', async () => {
    await t.database.db.execute(sql`create table if not exists concurrent_probe (v int)`);
    const outcome = await t.database.db
      .transaction(async (tx) => {
        await Promise.all([
          tx.execute(sql`insert into concurrent_probe values (1)`),
          tx.execute(sql`select 1 / 0`),
          tx.execute(sql`insert into concurrent_probe values (2)`),
        ]);
      })
      .then(
        () => 'committed',
        // drizzle wraps the driver's error ("Failed query: …") with it as the cause.
        (error: Error) => `${error.message} ${(error.cause as Error | undefined)?.message ?? ''}`,
      );
    expect(outcome).toMatch(/division by zero/);
    const rows = (await t.database.db.execute(sql`select count(*)::int as n from concurrent_probe`)) as unknown as {
      rows: { n: number }[];
    };
    expect(rows.rows[0]?.n).toBe(0);
  });
});
