import { sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { describePool } from './get-group-code.ts';
import { requireGroupCode, rowsOf } from './group-code-access.ts';
import type { TGroupCodeStats } from './group-codes.schemas.ts';

const TZ = 'Asia/Shanghai';
const dayOf = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(d);

/** The `days` calendar days (Asia/Shanghai) up to and including today's, oldest first. */
export function statsDays(now: Date, days: number): string[] {
  const today = new Date(`${dayOf(now)}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) =>
    new Date(today.getTime() - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/**
 * A code's numbers per day (Asia/Shanghai) over the last `days` days: landing visits that got a
 * seat, joins through the code (join state `gc<id>`) and how many of those have left since, groups
 * opened; plus totals and the members of each pool group now.
 */
export async function getGroupCodeStats(ctx: Ctx, id: number, query: { days: number }): Promise<TGroupCodeStats> {
  await requireGroupCode(ctx, id, 'read');
  const days = statsDays(ctx.now(), query.days);
  // Asia/Shanghai has no daylight saving: its days start at 00:00+08:00.
  const since = `${days[0]}T00:00:00+08:00`;
  const tenantId = ctx.actor.tenantId;
  const db = dbOf(ctx);
  const perDay = async (query: ReturnType<typeof sql>) => new Map(rowsOf(await db.execute(query)).map((r) => [String(r.day), r]));
  const joins = await perDay(sql`
    select to_char(joined_at at time zone ${TZ}, 'YYYY-MM-DD') as day, count(*)::int as joins, count(left_at)::int as left_count
    from group_code_joins
    where tenant_id = ${tenantId} and code_id = ${id} and joined_at >= ${since}::timestamptz
    group by 1`);
  const visits = await perDay(sql`
    select to_char(reserved_at at time zone ${TZ}, 'YYYY-MM-DD') as day, count(*)::int as visits
    from group_code_seats
    where tenant_id = ${tenantId} and code_id = ${id} and reserved_at >= ${since}::timestamptz
    group by 1`);
  const opened = await perDay(sql`
    select to_char(opened_at at time zone ${TZ}, 'YYYY-MM-DD') as day, count(*)::int as opened
    from group_code_openings
    where tenant_id = ${tenantId} and code_id = ${id} and status = 'opened' and opened_at >= ${since}::timestamptz
    group by 1`);
  const rows = days.map((day) => ({
    day,
    visits: Number(visits.get(day)?.visits ?? 0),
    joins: Number(joins.get(day)?.joins ?? 0),
    left: Number(joins.get(day)?.left_count ?? 0),
    groupsOpened: Number(opened.get(day)?.opened ?? 0),
  }));
  const groups = await describePool(ctx, id);
  const sum = (k: 'visits' | 'joins' | 'left' | 'groupsOpened') => rows.reduce((n, r) => n + r[k], 0);
  return {
    days: rows,
    totals: {
      visits: sum('visits'),
      joins: sum('joins'),
      left: sum('left'),
      groupsOpened: sum('groupsOpened'),
      members: groups.filter((g) => g.status === 'active').reduce((n, g) => n + g.members, 0),
    },
    groups,
  };
}
