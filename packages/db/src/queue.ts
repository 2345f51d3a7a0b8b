import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Database, DbLike } from './client.ts';

/** A job handler gets the validated payload; throwing makes pg-boss retry it later. */
export type JobHandler = (data: unknown, meta: { id: string; name: string; retryCount: number }) => Promise<void>;

export type SendOptions = {
  /** Enqueue inside this transaction: the job exists if and only if the transaction commits. */
  tx?: DbLike;
  /** A deterministic id: a second send with the same id is ignored (returns null). */
  id?: string;
  singletonKey?: string;
  startAfter?: Date | number;
  retryLimit?: number;
  retryDelaySeconds?: number;
};

export type Queue = {
  start: () => Promise<void>;
  stop: () => Promise<void>;
  /** Creates the queue (idempotent) and remembers the handler; workers start with `startWorkers`. */
  register: (name: string, handler: JobHandler) => Promise<void>;
  send: (name: string, data: object, options?: SendOptions) => Promise<string | null>;
  /**
   * Enqueues one job per item with the queue's defaults in a single statement (optionally inside
   * `tx`); an item with an `id` already used is skipped, as with `send`.
   */
  sendMany: (name: string, jobs: { data: object; id?: string }[], options?: { tx?: DbLike }) => Promise<void>;
  /** Jobs of the queue waiting to run (created or waiting to retry). */
  waiting: (name: string) => Promise<number>;
  /** Begins polling every registered queue (the worker role). */
  startWorkers: (options?: {
    pollingIntervalSeconds?: number;
    batchSize?: number;
    /** Wraps each job's run, e.g. to let a busy HTTP intake in the same process go first. */
    around?: <T>(run: () => Promise<T>) => Promise<T>;
  }) => Promise<void>;
  /**
   * Runs registered jobs in this process until no queue has work that is due. Tests and the
   * simulator's fast-forward use it to make asynchronous processing deterministic.
   */
  drain: (options?: { maxJobs?: number }) => Promise<number>;
  schedule: (name: string, cron: string, data?: object) => Promise<void>;
};

// pg-boss speaks "$1"-style SQL; inside a drizzle transaction we rebuild it as a drizzle query
// so that the insert runs on the transaction's own connection.
function executorFor(tx: DbLike): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const parts = text.split(/\$(\d+)/);
      // pg-boss passes `undefined` for options not given; drizzle would render those as nothing.
      const chunks = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1] ?? null}`));
      const res = (await tx.execute(sql.join(chunks, sql.raw('')))) as unknown as { rows: unknown[] };
      return { rows: res.rows };
    },
  };
}

/**
 * The durable job queue (pg-boss) on Pond's own database, PGlite or PostgreSQL.
 * @example
 * const queue = createQueue(database);
 * await queue.start();
 * await queue.register('inbox.process', async (data) => { ... });
 * await db.transaction(async (tx) => { ...; await queue.send('inbox.process', { id }, { tx }); });
 */
export function createQueue(database: Database, options: { schema?: string; background?: boolean } = {}): Queue {
  const handlers = new Map<string, JobHandler>();
  // Maintenance (expiry, archiving) and the cron clock poll the database. One instance per process
  // group is enough: `background: false` leaves them to another instance (the job thread of
  // `pond start`, ADR 009), so the thread answering callbacks does not run them.
  const background = options.background ?? true;
  const boss = new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => database.executeSql(text, values) },
    schema: options.schema ?? 'pgboss',
    supervise: background,
    schedule: background,
  } as PgBoss.ConstructorOptions);
  let started = false;
  boss.on('error', (error: Error) => {
    // pg-boss reports background errors here; they must not crash the process.
    process.emitWarning(`job queue: ${error.message}`);
  });

  async function runOne(name: string, handler: JobHandler, job: PgBoss.JobWithMetadata<unknown>) {
    try {
      await handler(job.data, { id: job.id, name, retryCount: job.retryCount });
      await boss.complete(name, job.id);
    } catch (error) {
      await boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) });
    }
  }

  return {
    start: async () => {
      if (started) return;
      await boss.start();
      started = true;
    },
    stop: async () => {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
    },
    register: async (name, handler) => {
      handlers.set(name, handler);
      const existing = await boss.getQueue(name);
      if (!existing) await boss.createQueue(name, { name, retryLimit: 5, retryDelay: 2, retryBackoff: true });
    },
    send: async (name, data, sendOptions = {}) => {
      const { tx, ...rest } = sendOptions;
      const opts: PgBoss.SendOptions = { ...rest };
      if (tx) opts.db = executorFor(tx);
      return boss.send(name, data, opts);
    },
    sendMany: async (name, items, sendOptions = {}) => {
      if (items.length === 0) return;
      const jobs = items.map((item) => ({ name, data: item.data, ...(item.id ? { id: item.id } : {}) }));
      await (sendOptions.tx ? boss.insert(jobs, { db: executorFor(sendOptions.tx) }) : boss.insert(jobs));
    },
    waiting: async (name) => (await boss.getQueueSize(name)) ?? 0,
    startWorkers: async (workerOptions = {}) => {
      const batchSize = workerOptions.batchSize ?? 10;
      for (const [name, handler] of handlers) {
        let workerId: string | undefined;
        workerId = await boss.work(
          name,
          { pollingIntervalSeconds: workerOptions.pollingIntervalSeconds ?? 1, batchSize, includeMetadata: true },
          async (jobs) => {
            const around = workerOptions.around ?? ((run) => run());
            for (const job of jobs) {
              // Each job is settled on its own, so one failure does not retry the whole batch.
              await around(() => runOne(name, handler, job));
            }
            // A full batch means more are likely waiting: fetch again at once instead of sleeping
            // out the polling interval (which would cap a queue at batchSize jobs per interval).
            if (jobs.length === batchSize && workerId) boss.notifyWorker(workerId);
          },
        );
      }
    },
    drain: async ({ maxJobs = 100_000 } = {}) => {
      let ran = 0;
      for (;;) {
        let progressed = false;
        for (const [name, handler] of handlers) {
          const jobs = await boss.fetch(name, { batchSize: 50, includeMetadata: true });
          for (const job of jobs) {
            await runOne(name, handler, job);
            ran++;
            progressed = true;
          }
        }
        if (!progressed || ran >= maxJobs) return ran;
      }
    },
    schedule: async (name, cron, data = {}) => {
      await boss.schedule(name, cron, data, { tz: 'UTC' });
    },
  };
}
