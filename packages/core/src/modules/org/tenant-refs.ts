import type { DbLike } from '@pond/db';
import { eq } from 'drizzle-orm';
import { tenants } from './org.tables.ts';

export type TTenantRef = { id: number; slug: string; name: string; channel: string };

const columns = { id: tenants.id, slug: tenants.slug, name: tenants.name, channel: tenants.channel };

/**
 * A tenant by its URL slug (case-insensitive), or null. For public routes that name their tenant in
 * the path (WeCom's callback URL).
 * @example
 * const tenant = await getTenantBySlug(deps.db, 'acme');
 */
export async function getTenantBySlug(db: DbLike, slug: string): Promise<TTenantRef | null> {
  const [row] = await db.select(columns).from(tenants).where(eq(tenants.slug, slug.toLowerCase()));
  return row ?? null;
}

/**
 * A tenant by id, or null.
 * @example
 * const tenant = await getTenantById(dbOf(ctx), ctx.actor.tenantId);
 */
export async function getTenantById(db: DbLike, id: number): Promise<TTenantRef | null> {
  const [row] = await db.select(columns).from(tenants).where(eq(tenants.id, id));
  return row ?? null;
}
