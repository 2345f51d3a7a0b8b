import { and, desc, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { assertRole } from '../access/assert-role.ts';
import { inboxEvents } from '../inbox/inbox.tables.ts';
import type { TWecomCallbacks } from './wecom.schemas.ts';
import { recentWecomRejections } from './wecom-callback-rejections.ts';

/**
 * The latest WeCom callbacks stored in the inbox (type, received, status, attempts, error — not the
 * payload), newest first, and the latest refused ones of this process. Admins only.
 * (Reads the inbox's table: the inbox module has no list function yet.)
 * @example
 * const { items, rejections } = await listWecomCallbacks(ctx, { limit: 20 });
 */
export async function listWecomCallbacks(ctx: Ctx, query: { limit: number }): Promise<TWecomCallbacks> {
  assertRole(ctx.actor, ['admin'], 'see WeCom callbacks');
  const limit = Math.min(Math.max(query.limit, 1), 200);
  const rows = await dbOf(ctx)
    .select({
      id: inboxEvents.id,
      type: inboxEvents.type,
      receivedAt: inboxEvents.receivedAt,
      occurredAt: inboxEvents.occurredAt,
      status: inboxEvents.status,
      attempts: inboxEvents.attempts,
      error: inboxEvents.error,
    })
    .from(inboxEvents)
    .where(and(eq(inboxEvents.tenantId, ctx.actor.tenantId), eq(inboxEvents.channel, 'wecom')))
    .orderBy(desc(inboxEvents.receivedAt), desc(inboxEvents.id))
    .limit(limit);
  return {
    items: rows.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString(), occurredAt: r.occurredAt.toISOString() })),
    rejections: recentWecomRejections(ctx.database, ctx.actor.tenantId, limit),
  };
}
