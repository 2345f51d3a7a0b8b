import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';

/** A signed 64-bit key for `name` (the first 8 bytes of its SHA-256), as PostgreSQL's bigint. */
export const advisoryKey = (name: string): string => createHash('sha256').update(name).digest().readBigInt64BE(0).toString();

/**
 * Takes a transaction-scoped advisory lock named `name` (released at commit or rollback). Work on
 * one object that reads before it writes (a refund on an order, a binding in a tenant) takes it
 * first, so concurrent runs see each other's committed rows. Call it inside a transaction.
 * @example
 * await advisoryXactLock(tctx, `referral:order:${tenantId}:${orderId}`);
 */
export async function advisoryXactLock(ctx: Ctx, name: string): Promise<void> {
  if (!ctx.tx) throw new Error('advisoryXactLock needs a transaction.');
  await dbOf(ctx).execute(sql`select pg_advisory_xact_lock(${advisoryKey(name)}::bigint)`);
}
