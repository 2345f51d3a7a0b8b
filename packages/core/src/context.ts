import type { Channel } from '@pond/channels';
import type { Database, Db, DbLike, Queue } from '@pond/db';
import type { Logger } from 'pino';
import type { Sealer } from './lib/crypto.ts';

export type TRole = 'admin' | 'operator' | 'store_manager' | 'guide';

/** Who is acting. Module functions enforce data scopes from this, not the UI. */
export type Actor = {
  tenantId: number;
  accountId: number | null;
  name: string;
  role: TRole | 'system';
  // Guides and store managers: the staff member behind the account.
  staffId: number | null;
  // Store managers: the store they see.
  storeId: number | null;
  ip?: string;
};

/** Process-wide dependencies, built once at boot. */
export type Deps = {
  database: Database;
  db: Db;
  queue: Queue;
  sealer: Sealer;
  log: Logger;
  /** The channel adapter serving a tenant (simulator or WeCom). */
  channelFor: (tenantId: number) => Promise<Channel>;
  now: () => Date;
  /** True when running the embedded demo (default passwords allowed). */
  demoMode: boolean;
  /** Where files live (uploads, rendered posters); null keeps caches in memory only (tests). */
  dataDir: string | null;
  /** The public base URL of this Pond (for links and QR codes customers open), without a trailing slash. */
  publicUrl: string;
};

/** What every module function receives: the dependencies, who acts, and the db or transaction to use. */
export type Ctx = Deps & { actor: Actor; tx?: DbLike };

export const systemActor = (tenantId: number): Actor => ({
  tenantId,
  accountId: null,
  name: 'system',
  role: 'system',
  staffId: null,
  storeId: null,
});

/** The database handle a module function should use: the caller's transaction if there is one. */
export const dbOf = (ctx: Ctx): DbLike => ctx.tx ?? ctx.db;

/** Runs `fn` in a transaction (or the caller's, if already in one) with a ctx bound to it. */
export async function inTransaction<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.tx) return fn(ctx);
  return ctx.db.transaction(async (tx) => fn({ ...ctx, tx }));
}

export const withActor = (deps: Deps, actor: Actor): Ctx => ({ ...deps, actor });
