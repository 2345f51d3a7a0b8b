import type { Channel } from '@pond/channels';
import { createQueue, type Database } from '@pond/db';
import pino, { type Logger } from 'pino';
import type { Deps } from './context.ts';
import { createSealer } from './lib/crypto.ts';
import { registerAllSubscribers } from './subscribers.ts';

export type CreateDepsOptions = {
  database: Database;
  secret: string;
  log?: Logger;
  demoMode?: boolean;
  now?: () => Date;
  dataDir?: string | null;
  publicUrl?: string;
  /** Resolves the channel adapter of a tenant; set by the server once channels are registered. */
  channelFor?: (tenantId: number) => Promise<Channel>;
  /** Whether this process's queue runs pg-boss maintenance and the cron clock (default true). */
  queueBackground?: boolean;
};

/** Builds the process-wide dependencies from an open database. */
export function createDeps(options: CreateDepsOptions): Deps {
  registerAllSubscribers();
  const deps: Deps = {
    database: options.database,
    db: options.database.db,
    queue: createQueue(options.database, { background: options.queueBackground }),
    sealer: createSealer(options.secret),
    log: options.log ?? pino({ level: 'silent' }),
    now: options.now ?? (() => new Date()),
    demoMode: options.demoMode ?? false,
    dataDir: options.dataDir ?? null,
    publicUrl: (options.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
    channelFor:
      options.channelFor ??
      (async () => {
        throw new Error('No channel registered: call registerChannels(deps) at boot.');
      }),
  };
  return deps;
}
