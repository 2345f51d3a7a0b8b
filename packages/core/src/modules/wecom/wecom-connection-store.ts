import type { Database, DbLike } from '@pond/db';
import { eq } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { cached, type TCacheEntry } from '../../lib/stale-while-revalidate.ts';
import { getTenantBySlug } from '../org/tenant-refs.ts';
import { wecomConnections } from './wecom.tables.ts';

/** A connection with its secrets opened: lives only in memory, never returned or logged. */
export type TOpenWecomConnection = {
  tenantId: number;
  corpId: string;
  contactSecret: string;
  agentId: string | null;
  appSecret: string | null;
  callbackToken: string;
  encodingAesKey: string;
  version: number;
};

// How long a process trusts its copy of a connection. A save in this process clears it at once;
// another process (a second server) sees the new version within this time (plus one read).
const CONNECTION_TTL_MS = 10_000;
// Unknown slugs are remembered briefly too, so junk traffic does not reach the database each time.
const MISS_TTL_MS = 5_000;

type TCaches = {
  byTenant: Map<number, TCacheEntry<TOpenWecomConnection | null>>;
  bySlug: Map<string, TCacheEntry<number | null>>;
};
// Keyed by the database, which every copy of the deps (one per request) shares.
const caches = new WeakMap<Database, TCaches>();

function cachesOf(database: Database): TCaches {
  let c = caches.get(database);
  if (!c) {
    c = { byTenant: new Map(), bySlug: new Map() };
    caches.set(database, c);
  }
  return c;
}

/** The stored row (sealed secrets) of a tenant, or null. */
export async function readWecomConnectionRow(db: DbLike, tenantId: number) {
  const [row] = await db.select().from(wecomConnections).where(eq(wecomConnections.tenantId, tenantId));
  return row ?? null;
}

/**
 * The tenant's connection with secrets opened, cached per tenant (and so per `version`: a save
 * forgets the entry). Null when the tenant has no connection.
 * @example
 * const conn = await openWecomConnection(deps, tenantId);
 */
export async function openWecomConnection(deps: Deps, tenantId: number): Promise<TOpenWecomConnection | null> {
  return cached(
    cachesOf(deps.database).byTenant,
    tenantId,
    (value) => (value ? CONNECTION_TTL_MS : MISS_TTL_MS),
    async () => {
      const row = await readWecomConnectionRow(deps.db, tenantId);
      if (!row) return null;
      return {
        tenantId,
        corpId: row.corpId,
        contactSecret: deps.sealer.open(row.contactSecretSealed),
        agentId: row.agentId,
        appSecret: row.appSecretSealed ? deps.sealer.open(row.appSecretSealed) : null,
        callbackToken: deps.sealer.open(row.callbackTokenSealed),
        encodingAesKey: deps.sealer.open(row.aesKeySealed),
        version: row.version,
      };
    },
  );
}

/**
 * The tenant id of a slug, cached (the callback route's only lookup on its hot path). Null for an
 * unknown slug.
 */
export async function tenantIdBySlug(deps: Deps, slug: string): Promise<number | null> {
  const cache = cachesOf(deps.database).bySlug;
  // Bounded: a flood of made-up slugs must not grow the map without end.
  if (cache.size > 10_000) cache.clear();
  return cached(
    cache,
    slug.toLowerCase(),
    (value) => (value === null ? MISS_TTL_MS : CONNECTION_TTL_MS * 30),
    async () => (await getTenantBySlug(deps.db, slug.toLowerCase()))?.id ?? null,
  );
}

/** Forgets this process's copy of a tenant's connection (after a save). */
export function forgetWecomConnection(database: Database, tenantId: number): void {
  cachesOf(database).byTenant.delete(tenantId);
}
