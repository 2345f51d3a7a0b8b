import { describe, expect, it } from 'vitest';
import type { TKeywordScope } from '../keyword-replies.tables.ts';
import {
  cooldownPassed,
  inActiveHours,
  inKeywordScope,
  pickKeywordRule,
  shanghaiMinutes,
  type TActiveHours,
  type TConversation,
  type TRuleCandidate,
} from '../keyword-rules.ts';

// A Shanghai wall-clock time as a Date.
const local = (hhmm: string) => new Date(`2026-03-01T${hhmm}:00+08:00`);

const scope = (s: Partial<TKeywordScope> = {}): TKeywordScope => ({
  private: true,
  groups: true,
  storeIds: [],
  groupIds: [],
  groupKinds: [],
  ...s,
});
const group = (groupId: number, storeId: number | null, groupKind = 'store'): TConversation => ({
  kind: 'group',
  groupId,
  storeId,
  groupKind,
});
const privately = (storeId: number | null): TConversation => ({ kind: 'private', storeId });

describe('shanghaiMinutes', () => {
  it.each([
    ['2026-03-01T00:00:00+08:00', 0],
    ['2026-03-01T09:30:00+08:00', 570],
    ['2026-03-01T23:59:59+08:00', 1439],
    ['2026-02-28T16:00:00Z', 0],
  ])('%s → %i', (iso, minutes) => {
    expect(shanghaiMinutes(new Date(iso))).toBe(minutes);
  });
});

describe('inActiveHours', () => {
  const day: TActiveHours = { from: '09:00', to: '22:00' };
  const night: TActiveHours = { from: '22:00', to: '02:00' };
  it.each<[string, TActiveHours, string, boolean]>([
    ['no hours: always', null, '03:00', true],
    ['day: before start', day, '08:59', false],
    ['day: at start (inclusive)', day, '09:00', true],
    ['day: middle', day, '15:00', true],
    ['day: at end (exclusive)', day, '22:00', false],
    ['day: after end', day, '23:30', false],
    ['wrap: before start', night, '21:59', false],
    ['wrap: at start', night, '22:00', true],
    ['wrap: before midnight', night, '23:59', true],
    ['wrap: after midnight', night, '01:59', true],
    ['wrap: at end', night, '02:00', false],
    ['wrap: morning', night, '09:00', false],
    ['same from and to: all day', { from: '08:00', to: '08:00' }, '03:00', true],
  ])('%s', (_name, hours, at, expected) => {
    expect(inActiveHours(hours, local(at))).toBe(expected);
  });
});

describe('inKeywordScope', () => {
  it.each<[string, TKeywordScope, TConversation, boolean]>([
    ['private allowed, any store', scope(), privately(1), true],
    ['private off', scope({ private: false }), privately(1), false],
    ['private: staff of a listed store', scope({ storeIds: [1] }), privately(1), true],
    ['private: staff of another store', scope({ storeIds: [2] }), privately(1), false],
    ['private: staff without store, stores listed', scope({ storeIds: [2] }), privately(null), false],
    ['groups off', scope({ groups: false }), group(5, 1), false],
    ['groups: no filter = every group', scope(), group(5, null), true],
    ['groups: listed group', scope({ groupIds: [5] }), group(5, 1), true],
    ['groups: only listed groups', scope({ groupIds: [6] }), group(5, 1), false],
    ['groups: group of a listed store', scope({ storeIds: [1] }), group(5, 1), true],
    ['groups: group of another store', scope({ storeIds: [2] }), group(5, 1), false],
    ['groups: listed group outside the store filter', scope({ storeIds: [2], groupIds: [5] }), group(5, 1), true],
    ['groups: store filter or listed group', scope({ storeIds: [1], groupIds: [9] }), group(5, 1), true],
    ['groups: kind filter', scope({ groupKinds: ['vip'] }), group(5, 1, 'vip'), true],
    ['groups: kind filter, other kind', scope({ groupKinds: ['vip'] }), group(5, 1, 'store'), false],
    ['groups: store and kind both must hold', scope({ storeIds: [1], groupKinds: ['vip'] }), group(5, 1, 'store'), false],
    ['groups: store and kind both hold', scope({ storeIds: [1], groupKinds: ['vip'] }), group(5, 1, 'vip'), true],
    ['groups: storeless group with a store filter', scope({ storeIds: [1] }), group(5, null), false],
  ])('%s', (_name, s, conversation, expected) => {
    expect(inKeywordScope(s, conversation)).toBe(expected);
  });
});

describe('cooldownPassed', () => {
  const t0 = new Date('2026-03-01T10:00:00Z');
  const plus = (s: number) => new Date(t0.getTime() + s * 1000);
  it.each<[string, Date | null, Date, number, boolean]>([
    ['never replied', null, t0, 60, true],
    ['within cooldown', t0, plus(59), 60, false],
    ['exactly at the end', t0, plus(60), 60, true],
    ['after', t0, plus(3600), 60, true],
    ['no cooldown', t0, t0, 0, true],
    ['a message older than the last reply', t0, plus(-5), 60, false],
  ])('%s', (_name, last, at, seconds, expected) => {
    expect(cooldownPassed(last, at, seconds)).toBe(expected);
  });
});

describe('pickKeywordRule', () => {
  const rule = (id: number, priority: number, extra: Partial<TRuleCandidate> = {}): TRuleCandidate => ({
    id,
    priority,
    enabled: true,
    scope: scope(),
    activeHours: null,
    ...extra,
  });
  const noon = local('12:00');
  const g = group(5, 1);
  it.each<[string, TRuleCandidate[], TConversation, Date, number | null, string, Record<number, string>]>([
    ['nothing matched', [], g, noon, null, 'none', {}],
    ['one rule', [rule(1, 0)], g, noon, 1, 'reply', { 1: 'chosen' }],
    ['higher priority wins', [rule(1, 0), rule(2, 5)], g, noon, 2, 'reply', { 1: 'lower_priority', 2: 'chosen' }],
    ['tie: the older rule wins', [rule(3, 1), rule(2, 1)], g, noon, 2, 'reply', { 2: 'chosen', 3: 'lower_priority' }],
    [
      'out of scope is skipped',
      [rule(1, 9, { scope: scope({ groups: false }) }), rule(2, 0)],
      g,
      noon,
      2,
      'reply',
      { 1: 'out_of_scope', 2: 'chosen' },
    ],
    ['disabled is skipped', [rule(1, 9, { enabled: false }), rule(2, 0)], g, noon, 2, 'reply', { 1: 'disabled', 2: 'chosen' }],
    [
      'outside hours falls through to a lower rule',
      [rule(1, 9, { activeHours: { from: '18:00', to: '22:00' } }), rule(2, 0)],
      g,
      noon,
      2,
      'reply',
      { 1: 'outside_hours', 2: 'chosen' },
    ],
    [
      'only rules outside hours: the best is reported',
      [rule(1, 1, { activeHours: { from: '18:00', to: '22:00' } }), rule(2, 3, { activeHours: { from: '20:00', to: '08:00' } })],
      g,
      noon,
      2,
      'outside_hours',
      { 1: 'outside_hours', 2: 'outside_hours' },
    ],
    [
      'every rule out of scope',
      [rule(1, 0, { scope: scope({ private: false }) })],
      privately(1),
      noon,
      null,
      'none',
      { 1: 'out_of_scope' },
    ],
  ])('%s', (_name, rules, conversation, at, ruleId, outcome, verdicts) => {
    const pick = pickKeywordRule(rules, conversation, at);
    expect(pick.rule?.id ?? null).toBe(ruleId);
    expect(pick.outcome).toBe(outcome);
    expect(Object.fromEntries(pick.verdicts.map((v) => [v.rule.id, v.verdict]))).toEqual(verdicts);
  });
});
