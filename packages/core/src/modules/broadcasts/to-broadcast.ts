import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import type { TBroadcast, TBroadcastStatus } from './broadcasts.schemas.ts';
import { broadcasts } from './broadcasts.tables.ts';

export type TBroadcastRow = typeof broadcasts.$inferSelect;

/** The API shape of a broadcast row. */
export function toBroadcast(b: TBroadcastRow): TBroadcast {
  return {
    id: b.id,
    name: b.name,
    target: b.target as TBroadcast['target'],
    audienceId: b.audienceId,
    audience: b.audience,
    groupFilter: b.groupFilter,
    content: b.content,
    sendAt: b.sendAt?.toISOString() ?? null,
    status: b.status as TBroadcastStatus,
    capPerDay: b.capPerDay,
    capPerWeek: b.capPerWeek,
    quietStart: b.quietStart,
    quietEnd: b.quietEnd,
    timeZone: b.timeZone,
    holdoutPercent: b.holdoutPercent,
    audienceCount: b.audienceCount,
    counts: b.counts,
    plannedAt: b.plannedAt?.toISOString() ?? null,
    completedAt: b.completedAt?.toISOString() ?? null,
    cancelledAt: b.cancelledAt?.toISOString() ?? null,
    error: b.error,
    createdAt: b.createdAt.toISOString(),
  };
}

/**
 * A broadcast of the tenant for an HQ role (broadcasts are the brand's: admin and operator only);
 * NOT_FOUND when there is none.
 */
export async function loadBroadcast(ctx: Ctx, id: number, what = 'manage broadcasts'): Promise<TBroadcastRow> {
  assertRole(ctx.actor, TENANT_WIDE, what);
  const [row] = await dbOf(ctx)
    .select()
    .from(broadcasts)
    .where(and(eq(broadcasts.tenantId, ctx.actor.tenantId), eq(broadcasts.id, id)));
  if (!row) throw new AppError('NOT_FOUND', `Broadcast ${id} does not exist. Refresh the list.`);
  return row;
}
