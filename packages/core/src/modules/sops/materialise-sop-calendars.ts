import { asc, eq } from 'drizzle-orm';
import { type Deps, systemActor, withActor } from '../../context.ts';
import { applySopCalendar } from './apply-sop-calendar.ts';
import { sopCalendars } from './sops.tables.ts';

/**
 * The daily `sops.materialise` sweep: re-applies every active calendar of every tenant, so plans
 * always reach `horizon_days` ahead and follow groups that joined or left the targets.
 */
export async function materialiseSopCalendars(deps: Deps): Promise<{ calendars: number; planned: number }> {
  const calendars = await deps.db
    .select({ tenantId: sopCalendars.tenantId, id: sopCalendars.id })
    .from(sopCalendars)
    .where(eq(sopCalendars.status, 'active'))
    .orderBy(asc(sopCalendars.tenantId), asc(sopCalendars.id));
  let planned = 0;
  for (const c of calendars) {
    try {
      planned += (await applySopCalendar(withActor(deps, systemActor(c.tenantId)), c.id)).planned;
    } catch (error) {
      deps.log.warn({ tenantId: c.tenantId, calendarId: c.id, err: error }, 'SOP calendar not applied; retrying tomorrow');
    }
  }
  return { calendars: calendars.length, planned };
}
