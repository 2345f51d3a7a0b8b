// Pure decisions of keyword auto-reply: which rule answers a message, whether a rule covers the
// conversation, whether it is inside its active hours, whether its cooldown has passed.
import type { TKeywordScope } from './keyword-replies.tables.ts';

/** Where a message was said, as the scope check needs it. */
export type TConversation =
  | { kind: 'group'; groupId: number; storeId: number | null; groupKind: string }
  // The store of the staff member spoken to.
  | { kind: 'private'; storeId: number | null };

export type TActiveHours = { from: string; to: string } | null;

/** What the picker needs of a rule. */
export type TRuleCandidate = {
  id: number;
  priority: number;
  enabled: boolean;
  scope: TKeywordScope;
  activeHours: TActiveHours;
};

export type TRuleVerdict = 'chosen' | 'lower_priority' | 'out_of_scope' | 'outside_hours' | 'disabled';

export type TRulePick<R> = {
  /** The rule that answers (or would, but for its hours): null when no matching rule is in scope. */
  rule: R | null;
  /** 'reply' when `rule` is within its hours; 'outside_hours' when the best in-scope rule is not. */
  outcome: 'reply' | 'outside_hours' | 'none';
  /** Every matched rule with what happened to it, best first — for the console's test box. */
  verdicts: { rule: R; verdict: TRuleVerdict }[];
};

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of 'HH:MM', or null when it is not a valid time of day. */
export function minutesOf(clock: string): number | null {
  const m = TIME.exec(clock);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Minutes since midnight in Asia/Shanghai (UTC+8, no daylight saving) at `at`. */
export function shanghaiMinutes(at: Date): number {
  const minutes = Math.floor(at.getTime() / 60_000) + 8 * 60;
  return ((minutes % 1440) + 1440) % 1440;
}

/**
 * Whether `at` is within the rule's active hours (Asia/Shanghai): `from` inclusive, `to`
 * exclusive; `from` > `to` wraps past midnight (22:00–02:00); `from` = `to` means all day.
 * No hours means always.
 * @example
 * inActiveHours({ from: '22:00', to: '02:00' }, new Date('2026-03-01T17:30:00Z')) // 01:30 local → true
 */
export function inActiveHours(hours: TActiveHours, at: Date): boolean {
  if (!hours) return true;
  const from = minutesOf(hours.from);
  const to = minutesOf(hours.to);
  if (from === null || to === null || from === to) return true;
  const now = shanghaiMinutes(at);
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/**
 * Whether a rule answers in this conversation.
 * - Private chats: `scope.private`, and the staff member's store is one of `storeIds` (any if empty).
 * - Groups: `scope.groups`, and: a group listed in `groupIds` always is; otherwise, when store or
 *   kind filters are set, the group must pass each set filter; with no filter at all but a group
 *   list, only the listed groups; with no filter and no list, every group.
 */
export function inKeywordScope(scope: TKeywordScope, conversation: TConversation): boolean {
  if (conversation.kind === 'private') {
    if (!scope.private) return false;
    return scope.storeIds.length === 0 || (conversation.storeId !== null && scope.storeIds.includes(conversation.storeId));
  }
  if (!scope.groups) return false;
  if (scope.groupIds.includes(conversation.groupId)) return true;
  const byStore = scope.storeIds.length > 0;
  const byKind = scope.groupKinds.length > 0;
  if (!byStore && !byKind) return scope.groupIds.length === 0;
  if (byStore && (conversation.storeId === null || !scope.storeIds.includes(conversation.storeId))) return false;
  if (byKind && !scope.groupKinds.includes(conversation.groupKind)) return false;
  return true;
}

/** Higher priority first, then the older rule (smaller id): a total order, so the pick is stable. */
export const byPriority = (a: { id: number; priority: number }, b: { id: number; priority: number }) =>
  b.priority - a.priority || a.id - b.id;

/**
 * Picks the one rule that answers a message among the rules whose keywords matched. Disabled and
 * out-of-scope rules never answer; a rule outside its active hours is passed over for a lower one
 * inside its hours (as if switched off for the night). When every in-scope rule is outside its
 * hours, the best of them is returned with outcome 'outside_hours', so the miss is logged.
 * `explain: false` (the live path) stops at the answering rule, leaving later verdicts out.
 */
export function pickKeywordRule<R extends TRuleCandidate>(
  matched: readonly R[],
  conversation: TConversation,
  at: Date,
  options: { explain?: boolean } = {},
): TRulePick<R> {
  const explain = options.explain ?? true;
  // Usually already in order (the matcher ranks rules): then no copy and no sort.
  let inOrder = true;
  for (let i = 1; i < matched.length && inOrder; i++) inOrder = byPriority(matched[i - 1] as R, matched[i] as R) < 0;
  const sorted = inOrder ? matched : [...matched].sort(byPriority);
  const verdicts: { rule: R; verdict: TRuleVerdict }[] = [];
  let chosen: R | null = null;
  let firstOutside: R | null = null;
  for (const rule of sorted) {
    let verdict: TRuleVerdict;
    if (!rule.enabled) verdict = 'disabled';
    else if (!inKeywordScope(rule.scope, conversation)) verdict = 'out_of_scope';
    else if (!inActiveHours(rule.activeHours, at)) {
      verdict = 'outside_hours';
      firstOutside ??= rule;
    } else if (chosen) verdict = 'lower_priority';
    else {
      verdict = 'chosen';
      chosen = rule;
    }
    verdicts.push({ rule, verdict });
    // Without explanations, the first rule that answers ends the walk.
    if (chosen && !explain) break;
  }
  if (chosen) return { rule: chosen, outcome: 'reply', verdicts };
  if (firstOutside) return { rule: firstOutside, outcome: 'outside_hours', verdicts };
  return { rule: null, outcome: 'none', verdicts };
}

/**
 * Whether the rule's cooldown has passed since its last reply in the same group (or to the same
 * customer in private chats). A reply exactly `cooldownSeconds` later is allowed.
 */
export function cooldownPassed(lastReplyAt: Date | null, at: Date, cooldownSeconds: number): boolean {
  if (!lastReplyAt || cooldownSeconds <= 0) return true;
  return at.getTime() - lastReplyAt.getTime() >= cooldownSeconds * 1000;
}
