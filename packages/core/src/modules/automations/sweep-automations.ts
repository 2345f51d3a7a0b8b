import { and, asc, eq, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { type Deps, systemActor, withActor } from '../../context.ts';
import { deterministicJobId } from '../../lib/job-ids.ts';
import { customers } from '../customers/customers.tables.ts';
import { automationActivity, automationRuns, automations } from './automations.tables.ts';
import { AUTOMATION_RESUME_JOB } from './continue-automation-run.ts';
import type { TAutomationEvent } from './evaluate-automation.ts';
import { triggerAutomations } from './trigger-automations.ts';

export const AUTOMATION_SWEEP_RULE_JOB = 'automations.sweep-rule';

const DAY_MS = 86_400_000;
// Shanghai has no daylight saving time: local dates are UTC+8 dates.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
// How far back a late sweep still catches customers who went inactive (a missed day or a week of downtime).
const INACTIVITY_CATCH_UP_DAYS = 7;
/** Customers handled per rule per sweep; the rest come on the next sweep. */
export const SWEEP_BATCH = 5000;

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai of an instant, `plusDays` later. */
export function shanghaiDate(at: Date, plusDays = 0): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS + plusDays * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The month-days ('MM-DD') a date field must have for a rule firing on `day` (already shifted by
 * daysBefore): the day itself, and Feb 29 on Feb 28 of a year without one.
 * @example
 * birthdayMonthDays('2027-02-28') // → ['02-28', '02-29']
 */
export function birthdayMonthDays(day: string): string[] {
  const md = day.slice(5);
  const year = Number(day.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return md === '02-28' && !leap ? ['02-28', '02-29'] : [md];
}

/** Local hour (Asia/Shanghai) from which the day's inactivity and date-field rules run. */
export const SWEEP_LOCAL_HOUR = 9;

/**
 * The hourly sweep: from 09:00 Asia/Shanghai, one `automations.sweep-rule` job per enabled
 * inactivity or date-field rule, with a job id per (rule, day) so later sweeps (or two workers)
 * cannot enqueue it again; and, every hour, a resume job for waiting runs whose time has passed
 * (their own job may have come too early), with a job id per (run, resume time).
 */
export async function sweepAutomations(
  deps: Deps,
  options: { limit?: number } = {},
): Promise<{ queued: number; resumed: number }> {
  const a = automations;
  const now = deps.now();
  const day = shanghaiDate(now);
  const r = automationRuns;
  const due = await deps.db
    .select({ tenantId: r.tenantId, id: r.id, resumeAt: r.resumeAt })
    .from(r)
    .where(and(eq(r.status, 'waiting'), lte(r.resumeAt, now)))
    .orderBy(r.resumeAt)
    .limit(options.limit ?? 1000);
  for (const run of due) {
    await deps.queue.send(
      AUTOMATION_RESUME_JOB,
      { tenantId: run.tenantId, runId: run.id },
      { id: deterministicJobId(`automations:resume:${run.tenantId}:${run.id}:${run.resumeAt?.getTime()}`) },
    );
  }
  const localHour = new Date(now.getTime() + SHANGHAI_OFFSET_MS).getUTCHours();
  if (localHour < SWEEP_LOCAL_HOUR) return { queued: 0, resumed: due.length };
  const rules = await deps.db
    .select({ tenantId: a.tenantId, id: a.id })
    .from(a)
    .where(and(inArray(a.triggerType, ['inactivity', 'date_field']), eq(a.enabled, true), isNull(a.deletedAt)))
    .orderBy(a.tenantId, a.id)
    .limit(options.limit ?? 1000);
  for (const rule of rules) {
    await deps.queue.send(
      AUTOMATION_SWEEP_RULE_JOB,
      { tenantId: rule.tenantId, ruleId: rule.id },
      { id: deterministicJobId(`automations:sweep:${rule.tenantId}:${rule.id}:${day}`) },
    );
  }
  return { queued: rules.length, resumed: due.length };
}

/**
 * Finds the customers one inactivity or date-field rule concerns today and runs the rule for each
 * (one transaction per customer). Idempotent: the event key is per inactive stretch (the instant of
 * the last engagement) or per day, and customers who already have a run with it are not selected.
 */
export async function sweepAutomationRule(
  deps: Deps,
  input: { tenantId: number; ruleId: number },
): Promise<{ candidates: number; matched: number; skipped: number }> {
  const ctx = withActor(deps, systemActor(input.tenantId));
  const [rule] = await deps.db
    .select()
    .from(automations)
    .where(and(eq(automations.tenantId, input.tenantId), eq(automations.id, input.ruleId)));
  const stats = { candidates: 0, matched: 0, skipped: 0 };
  if (!rule?.enabled || rule.deletedAt) return stats;
  const now = deps.now();
  const events: TAutomationEvent[] = [];
  const r = automationRuns;
  const noRunWith = (key: ReturnType<typeof sql>, customerId: ReturnType<typeof sql>) =>
    sql`not exists (select 1 from ${r} where ${r.tenantId} = ${input.tenantId} and ${r.automationId} = ${rule.id} and ${r.customerId} = ${customerId} and ${r.eventKey} = ${key})`;

  if (rule.trigger.type === 'inactivity') {
    const days = rule.trigger.days;
    const act = automationActivity;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    const key = sql`${`inactivity:${days}:`} || floor(extract(epoch from ${act.lastActiveAt}) * 1000)::bigint`;
    const rows = await deps.db
      .select({ customerId: act.customerId, lastActiveAt: act.lastActiveAt })
      .from(act)
      .where(
        and(
          eq(act.tenantId, input.tenantId),
          lt(act.lastActiveAt, cutoff),
          gte(act.lastActiveAt, new Date(cutoff.getTime() - INACTIVITY_CATCH_UP_DAYS * DAY_MS)),
          noRunWith(key, sql`${act.customerId}`),
        ),
      )
      .orderBy(asc(act.lastActiveAt), asc(act.customerId))
      .limit(SWEEP_BATCH);
    for (const row of rows) {
      events.push({
        type: 'inactivity',
        key: `inactivity:${days}:${row.lastActiveAt.getTime()}`,
        customerId: row.customerId,
        at: now,
        inactiveDays: Math.floor((now.getTime() - row.lastActiveAt.getTime()) / DAY_MS),
      });
    }
  } else if (rule.trigger.type === 'date_field') {
    const { fieldKey, daysBefore } = rule.trigger;
    const today = shanghaiDate(now);
    const monthDays = birthdayMonthDays(shanghaiDate(now, daysBefore));
    const key = `date_field:${fieldKey}:${today}`;
    const c = customers;
    // The date field lives in the customers module's attrs; read-only, by the field's month and day.
    const rows = await deps.db
      .select({ customerId: c.id })
      .from(c)
      .where(
        and(
          eq(c.tenantId, input.tenantId),
          isNull(c.deletedAt),
          sql`substr(${c.attrs} ->> ${fieldKey}, 6, 5) in (${sql.join(
            monthDays.map((m) => sql`${m}`),
            sql`, `,
          )})`,
          noRunWith(sql`${key}`, sql`${c.id}`),
        ),
      )
      .orderBy(asc(c.id))
      .limit(SWEEP_BATCH);
    for (const row of rows) {
      events.push({ type: 'date_field', key, customerId: row.customerId, at: now, fieldKey });
    }
  }
  stats.candidates = events.length;
  for (const event of events) {
    const outcomes = await deps.db.transaction(async (tx) => triggerAutomations({ ...ctx, tx }, event, { rules: [rule] }));
    for (const o of outcomes) {
      if (o.status === 'matched') stats.matched++;
      else if (o.status === 'skipped') stats.skipped++;
    }
  }
  return stats;
}
