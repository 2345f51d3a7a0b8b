import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { assertRole } from '../access/assert-role.ts';
import type { TListSopDefinitionsQuery, TSopCalendar } from './sops.schemas.ts';
import { sopCalendars } from './sops.tables.ts';
import { loadCalendarItems, toSopCalendar } from './to-sop-calendar.ts';

/** Calendars of the tenant, newest first, with their items. */
export async function listSopCalendars(ctx: Ctx, query: TListSopDefinitionsQuery): Promise<TPage<TSopCalendar>> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager'], 'view SOP calendars');
  const where: SQL[] = [eq(sopCalendars.tenantId, ctx.actor.tenantId)];
  if (query.status) where.push(eq(sopCalendars.status, query.status));
  const db = dbOf(ctx);
  const [total] = await db
    .select({ n: count() })
    .from(sopCalendars)
    .where(and(...where));
  const rows = await db
    .select()
    .from(sopCalendars)
    .where(and(...where))
    .orderBy(desc(sopCalendars.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const items = await loadCalendarItems(
    ctx,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => toSopCalendar(r, items.get(r.id) ?? [])),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
