import { type SQL, sql } from 'drizzle-orm';
import type { TCampaignRow } from './campaign-queries.ts';
import { addDays } from './checkin-days.ts';
import { streakAliveFrom } from './checkin-rules.ts';
import { checkinParticipants } from './checkins.tables.ts';

/**
 * The participants' current streak as SQL over their cached columns — the same rule as
 * `currentStreakFromCache`: the cached run counts while its last day is today, yesterday (today is
 * still going), or the campaign's last day once it is over.
 */
export function currentStreakSql(campaign: Pick<TCampaignRow, 'startDate' | 'days'>, todayIndex: number): SQL<number> {
  // A cast, not a bare 0: in ORDER BY / GROUP BY a bare integer would mean a column position.
  if (todayIndex < 0) return sql<number>`(0)::int`;
  const aliveFrom = addDays(campaign.startDate, streakAliveFrom(todayIndex, campaign.days));
  // Inlined rather than bound, so the same expression can be selected and grouped by; addDays
  // only ever yields 'YYYY-MM-DD'.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(aliveFrom)) throw new Error(`Not a date: ${aliveFrom}`);
  return sql<number>`(case when ${checkinParticipants.lastFilledDay} >= ${sql.raw(`'${aliveFrom}'::date`)} then ${checkinParticipants.lastRun} else 0 end)`;
}
