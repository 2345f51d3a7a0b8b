import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeKeywordText } from '../keyword-automaton.ts';
import { buildKeywordMatcher, type TMatcherRule } from '../keyword-matcher.ts';
import type { TStoredKeyword } from '../keyword-replies.tables.ts';
import { byPriority } from '../keyword-rules.ts';

const rule = (id: number, priority: number, keywords: TStoredKeyword[]): TMatcherRule => ({
  id,
  name: `rule ${id}`,
  priority,
  enabled: true,
  scope: { private: true, groups: true, storeIds: [], groupIds: [], groupKinds: [] },
  activeHours: null,
  keywords,
  content: { text: 'x', materialIds: [] },
  cooldownSeconds: 60,
});
const contains = (text: string): TStoredKeyword => ({ text, mode: 'contains' });
const exact = (text: string): TStoredKeyword => ({ text, mode: 'exact' });

const rules = [
  rule(1, 0, [contains('地址'), contains('在哪')]),
  rule(2, 5, [contains('地址')]),
  rule(3, 5, [exact('营业时间'), contains('停车')]),
  rule(4, -1, [contains('ＶＩＰ')]),
];
const matcher = buildKeywordMatcher(7, rules);

describe('buildKeywordMatcher', () => {
  it.each<[string, string, number[]]>([
    ['no keyword', '今天天气不错', []],
    ['a keyword shared by two rules: higher priority first', '门店地址', [2, 1]],
    ['two keywords of one rule: the rule once', '地址在哪', [2, 1]],
    ['equal priority: the older rule first', '地址 停车', [2, 3, 1]],
    ['exact: the whole message only', ' 营业时间 ', [3]],
    ['exact: not inside a longer message', '营业时间是几点', []],
    ['normalised: full-width and case', 'vip 会员', [4]],
  ])('%s', (_name, text, ids) => {
    expect(matcher.candidates(text).map((r) => r.id)).toEqual(ids);
  });

  it('match() names the keywords of each rule that occurred', () => {
    expect(matcher.match('地址在哪').map((m) => [m.rule.id, m.keywords])).toEqual([
      [2, ['地址']],
      [1, ['地址', '在哪']],
    ]);
    expect(matcher).toMatchObject({ version: 7, ruleCount: 4 });
  });

  it('agrees with checking every keyword of every rule (property)', () => {
    const alphabet = ['地', '址', '停', '车', '券', 'a', 'B', ' '];
    const word = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
    const arbRules = fc.array(
      fc.record({
        priority: fc.integer({ min: -3, max: 3 }),
        keywords: fc.array(fc.record({ text: word, mode: fc.constantFrom('exact' as const, 'contains' as const) }), {
          minLength: 1,
          maxLength: 4,
        }),
      }),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(arbRules, fc.array(word, { minLength: 1, maxLength: 3 }), (specs, parts) => {
        const built = specs.map((s, i) => rule(i + 1, s.priority, s.keywords));
        const m = buildKeywordMatcher(1, built);
        const message = parts.join('');
        const text = normalizeKeywordText(message);
        const expected = built
          .filter((r) =>
            r.keywords.some((k) => {
              const kw = normalizeKeywordText(k.text);
              return kw.length > 0 && (k.mode === 'exact' ? text === kw : text.includes(kw));
            }),
          )
          .sort(byPriority)
          .map((r) => r.id);
        expect(m.candidates(message).map((r) => r.id)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
