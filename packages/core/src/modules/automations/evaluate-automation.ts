import { parseLiveCodeState } from '../live-codes/live-code-templates.ts';
import type {
  TAutomationAction,
  TAutomationConditions,
  TAutomationTrigger,
  TTriggerType,
  WAIT_UNITS,
} from './automations.schemas.ts';

// The pure part of automations: does a rule concern an event, do its conditions hold, and which
// actions run now. Everything the database knows is passed in as facts.

/** An event as automations see it: one customer, one trigger type, a key unique per occurrence. */
export type TAutomationEvent = {
  type: TTriggerType;
  // Unique per occurrence of the event (with the customer): a redelivery has the same key.
  key: string;
  customerId: number;
  at: Date;
  staffId?: number | null;
  storeId?: number | null;
  groupId?: number | null;
  amountCents?: number | null;
  // customer_added: the contact way's state and whether the customer is new to the brand.
  state?: string | null;
  newCustomer?: boolean;
  // message
  channel?: 'private' | 'group';
  content?: string;
  // tag_added / tag_removed: the tags that changed
  tagIds?: number[];
  // inactivity: days since the last engagement
  inactiveDays?: number;
  // date_field: the field that matched
  fieldKey?: string;
};

export type TAutomationRule = {
  id: number;
  trigger: TAutomationTrigger;
  conditions: TAutomationConditions;
  actions: TAutomationAction[];
  loopWindowMinutes: number;
};

/** What the database knows about the customer and the rule at the time of the event. */
export type TAutomationFacts = {
  now: Date;
  // Whether the customer is in the rule's audience; undefined when the rule has none.
  inAudience?: boolean;
  // When this rule last ran on this customer (the loop guard).
  lastRunAt: Date | null;
  // Rule runs on this customer in the last hour (all rules; the per-customer cap).
  runsLastHour: number;
  hourlyCap: number;
};

export const SKIP_REASONS = [
  'amount_below',
  'group_not_listed',
  'staff_not_listed',
  'store_not_listed',
  'not_in_audience',
  'loop_guard',
  'customer_hourly_cap',
] as const;
export type TSkipReason = (typeof SKIP_REASONS)[number];

export type TEvaluation =
  // The rule does not concern the event (another trigger type, another live code, no keyword…): not logged.
  | { outcome: 'ignore'; why: string }
  // It does, but a condition or a guard says no: logged as a skipped run.
  | { outcome: 'skip'; reason: TSkipReason; checks: string[] }
  | { outcome: 'match'; checks: string[]; actions: TAutomationAction[] };

/** Whether the trigger concerns the event; the reason when it does not. */
export function triggerMatches(trigger: TAutomationTrigger, event: TAutomationEvent): string | null {
  if (trigger.type !== event.type) return `trigger is ${trigger.type}, event is ${event.type}`;
  const anyOf = (list: number[], value: number | null | undefined) =>
    list.length === 0 || (value !== null && value !== undefined && list.includes(value));
  switch (trigger.type) {
    case 'customer_added': {
      if (trigger.newCustomersOnly && !event.newCustomer) return 'the customer is not new to the brand';
      const byCode = trigger.liveCodeIds.length > 0;
      const byPrefix = !!trigger.statePrefix;
      if (!byCode && !byPrefix) return null;
      const codeId = parseLiveCodeState(event.state);
      if (byCode && codeId !== null && trigger.liveCodeIds.includes(codeId)) return null;
      if (byPrefix && (event.state ?? '').startsWith(trigger.statePrefix ?? '')) return null;
      return 'added through another channel';
    }
    case 'group_joined':
    case 'group_left':
      return anyOf(trigger.groupIds, event.groupId) ? null : 'another group';
    case 'message': {
      if (trigger.scope !== 'any' && trigger.scope !== event.channel) return `not a ${trigger.scope} message`;
      const keyword = trigger.keyword?.trim().toLowerCase();
      if (keyword && !(event.content ?? '').toLowerCase().includes(keyword)) return 'the message lacks the keyword';
      return null;
    }
    case 'order_paid':
      return (event.amountCents ?? 0) >= trigger.minAmountCents ? null : 'the order is below the amount';
    case 'tag_added':
    case 'tag_removed':
      return (event.tagIds ?? []).some((id) => trigger.tagIds.includes(id)) ? null : 'other tags';
    case 'inactivity':
      return (event.inactiveDays ?? 0) >= trigger.days ? null : 'active more recently';
    case 'date_field':
      return event.fieldKey === trigger.fieldKey ? null : 'another date field';
    default:
      return null;
  }
}

/** The first event-field condition that fails, or null when all hold (missing values fail a given list). */
export function failedEventCondition(conditions: TAutomationConditions, event: TAutomationEvent): TSkipReason | null {
  const inList = (list: number[] | undefined, value: number | null | undefined) =>
    list === undefined || list.length === 0 || (value !== null && value !== undefined && list.includes(value));
  if (conditions.minAmountCents !== undefined && (event.amountCents ?? -1) < conditions.minAmountCents) return 'amount_below';
  if (!inList(conditions.groupIds, event.groupId)) return 'group_not_listed';
  if (!inList(conditions.staffIds, event.staffId)) return 'staff_not_listed';
  if (!inList(conditions.storeIds, event.storeId)) return 'store_not_listed';
  return null;
}

/** True while the rule's loop window since its last run on the customer is still open. */
export function loopGuardHolds(lastRunAt: Date | null, now: Date, windowMinutes: number): boolean {
  return lastRunAt !== null && now.getTime() - lastRunAt.getTime() < windowMinutes * 60_000;
}

/**
 * Decides whether a rule runs for an event: the trigger, then the event-field conditions, the
 * audience, the loop guard and the per-customer hourly cap, in that order.
 * @example
 * evaluateAutomation(rule, { type: 'order_paid', key: 'order:7', customerId: 3, at, amountCents: 9900 }, facts)
 * // → { outcome: 'match', actions: [...] }
 */
export function evaluateAutomation(rule: TAutomationRule, event: TAutomationEvent, facts: TAutomationFacts): TEvaluation {
  const why = triggerMatches(rule.trigger, event);
  if (why !== null) return { outcome: 'ignore', why };
  const checks = ['trigger'];
  const failed = failedEventCondition(rule.conditions, event);
  if (failed) return { outcome: 'skip', reason: failed, checks };
  checks.push('event conditions');
  if (rule.conditions.audience !== undefined) {
    if (facts.inAudience !== true) return { outcome: 'skip', reason: 'not_in_audience', checks };
    checks.push('audience');
  }
  if (loopGuardHolds(facts.lastRunAt, facts.now, rule.loopWindowMinutes))
    return { outcome: 'skip', reason: 'loop_guard', checks };
  checks.push('loop guard');
  if (facts.runsLastHour >= facts.hourlyCap) return { outcome: 'skip', reason: 'customer_hourly_cap', checks };
  checks.push('hourly cap');
  return { outcome: 'match', checks, actions: rule.actions };
}

const UNIT_MS: Record<(typeof WAIT_UNITS)[number], number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** How long a wait action waits, in milliseconds. */
export const waitMs = (amount: number, unit: (typeof WAIT_UNITS)[number]) => amount * UNIT_MS[unit];

/**
 * The actions to run now, starting at `from`: up to the next wait (exclusive). `resume` is where to
 * continue and after how long, or null when the list ends.
 * @example
 * nextStretch([tag, wait 1h, send], 0) // → { run: [0], resume: { at: 2, afterMs: 3600000 } }
 */
export function nextStretch(
  actions: readonly TAutomationAction[],
  from: number,
): { run: number[]; resume: { at: number; afterMs: number } | null } {
  const run: number[] = [];
  for (let i = from; i < actions.length; i++) {
    const action = actions[i];
    if (!action) break;
    if (action.type === 'wait') return { run, resume: { at: i + 1, afterMs: waitMs(action.amount, action.unit) } };
    run.push(i);
  }
  return { run, resume: null };
}
