import { and, count, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { assertRole } from '../access/assert-role.ts';
import type { TListNotificationsQuery, TNotification } from './notifications.schemas.ts';
import { notifications } from './notifications.tables.ts';

const WHO = ['admin', 'operator'] as const;

/** The tenant's notices, newest first, with the unread count (admins and operators). */
export async function listNotifications(
  ctx: Ctx,
  query: TListNotificationsQuery,
): Promise<TPage<TNotification> & { unread: number }> {
  assertRole(ctx.actor, WHO, 'read notifications');
  const tenant = eq(notifications.tenantId, ctx.actor.tenantId);
  const where: (SQL | undefined)[] = [tenant, query.unread ? isNull(notifications.readAt) : undefined];
  const db = dbOf(ctx);
  const [rows, [total], [unread]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(and(...where))
      .orderBy(desc(notifications.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(...where)),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(tenant, isNull(notifications.readAt))),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      createdAt: r.createdAt.toISOString(),
      read: r.readAt !== null,
    })),
    total: total?.n ?? 0,
    unread: unread?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Marks the given notices (or all) read; returns how many changed. */
export async function markNotificationsRead(ctx: Ctx, ids: number[] | undefined): Promise<number> {
  assertRole(ctx.actor, WHO, 'read notifications');
  const rows = await dbOf(ctx)
    .update(notifications)
    .set({ readAt: ctx.now() })
    .where(
      and(
        eq(notifications.tenantId, ctx.actor.tenantId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids.length ? ids : [-1]) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}
