import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildKeywordAutomaton, normalizeKeywordText, type TKeyword } from '../keyword-automaton.ts';

const contains = (id: number, text: string): TKeyword => ({ id, text, mode: 'contains' });
const exact = (id: number, text: string): TKeyword => ({ id, text, mode: 'exact' });

// The specification: every keyword checked on its own with `includes` / equality.
const naiveMatch = (keywords: readonly TKeyword[], message: string): number[] => {
  const text = normalizeKeywordText(message);
  const ids = new Set<number>();
  for (const k of keywords) {
    const kw = normalizeKeywordText(k.text);
    if (kw.length === 0) continue;
    if (k.mode === 'exact' ? text === kw : text.includes(kw)) ids.add(k.id);
  }
  return [...ids].sort((a, b) => a - b);
};

describe('normalizeKeywordText', () => {
  it.each([
    ['ＶＩＰ会员', 'vip会员'],
    ['  优惠券  ', '优惠券'],
    ['会员\u3000 日', '会员 日'],
    ['a\t\n b', 'a b'],
    ['１２３，ＯＫ', '123,ok'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeKeywordText(input)).toBe(expected);
  });
});

describe('buildKeywordAutomaton', () => {
  const cases: { name: string; keywords: TKeyword[]; message: string; expected: number[] }[] = [
    {
      name: 'overlapping keywords all report (he/she/his/hers in "ushers")',
      keywords: [contains(1, 'he'), contains(2, 'she'), contains(3, 'his'), contains(4, 'hers')],
      message: 'ushers',
      expected: [1, 2, 4],
    },
    {
      name: 'his found through a failure link after "sh"',
      keywords: [contains(1, 'he'), contains(2, 'she'), contains(3, 'his'), contains(4, 'hers')],
      message: 'shis',
      expected: [3],
    },
    {
      name: 'keyword that is a suffix of another (券 inside 优惠券)',
      keywords: [contains(1, '优惠券'), contains(2, '券')],
      message: '群里的优惠券怎么用',
      expected: [1, 2],
    },
    {
      name: 'suffix keyword alone, longer one absent',
      keywords: [contains(1, '优惠券'), contains(2, '券')],
      message: '券收到了',
      expected: [2],
    },
    {
      name: 'keyword that is a prefix of another (会员 / 会员日)',
      keywords: [contains(1, '会员'), contains(2, '会员日')],
      message: '今天是会员日吗',
      expected: [1, 2],
    },
    {
      name: 'prefix keyword when the longer one breaks off',
      keywords: [contains(1, '会员'), contains(2, '会员日')],
      message: '会员积分怎么兑换',
      expected: [1],
    },
    {
      name: 'no keyword present',
      keywords: [contains(1, '优惠券'), contains(2, '会员日')],
      message: '多肉葡萄 x2 少冰',
      expected: [],
    },
    {
      name: 'exact matches only the whole message',
      keywords: [exact(1, '会员日'), contains(2, '优惠')],
      message: '会员日',
      expected: [1],
    },
    {
      name: 'exact does not match inside a longer message',
      keywords: [exact(1, '会员日'), contains(2, '优惠')],
      message: '今天是会员日吗',
      expected: [],
    },
    {
      name: 'exact after trim, whitespace collapse, full-width and case',
      keywords: [exact(1, 'VIP 会员日')],
      message: '  ｖｉｐ\u3000\u3000会员日 ',
      expected: [1],
    },
    {
      name: 'exact whole message reached through a failure link',
      keywords: [contains(1, 'ab'), exact(2, 'bc')],
      message: 'bc',
      expected: [2],
    },
    {
      name: 'exact is not fooled by a suffix of the message',
      keywords: [exact(1, 'bc')],
      message: 'abc',
      expected: [],
    },
    {
      name: 'contains is case- and width-insensitive',
      keywords: [contains(1, 'yyds'), contains(2, '９.９')],
      message: '秒杀 9.9 真的ＹＹＤＳ',
      expected: [1, 2],
    },
    {
      name: 'keyword written full-width matches half-width message',
      keywords: [contains(1, '第２杯半价')],
      message: '有第2杯半价吗?',
      expected: [1],
    },
    {
      name: 'empty message',
      keywords: [contains(1, '券'), exact(2, '会员日')],
      message: '',
      expected: [],
    },
    {
      name: 'whitespace-only message',
      keywords: [contains(1, '券')],
      message: ' \u3000 ',
      expected: [],
    },
    {
      name: 'empty and blank keywords never match',
      keywords: [contains(1, ''), exact(2, '  '), contains(3, '券')],
      message: '券',
      expected: [3],
    },
    {
      name: 'a keyword occurring twice is reported once',
      keywords: [contains(7, '券')],
      message: '券券,领券',
      expected: [7],
    },
    {
      name: 'duplicate keywords with different ids both report',
      keywords: [contains(1, '价格'), contains(2, '价格')],
      message: '价格多少',
      expected: [1, 2],
    },
    {
      name: 'one id with several keywords (a rule) is reported once',
      keywords: [contains(5, '优惠'), contains(5, '券'), exact(5, '优惠券')],
      message: '优惠券',
      expected: [5],
    },
    {
      name: 'ids come back in ascending order',
      keywords: [contains(30, '门店'), contains(10, '地址'), contains(20, '营业')],
      message: '门店地址在哪,几点营业',
      expected: [10, 20, 30],
    },
    {
      name: 'emoji (surrogate pairs) as keywords',
      keywords: [contains(1, '🎁'), contains(2, '😂')],
      message: '晒单有礼🎁',
      expected: [1],
    },
    {
      name: 'no keywords at all',
      keywords: [],
      message: '优惠券',
      expected: [],
    },
  ];

  it.each(cases)('$name', ({ keywords, message, expected }) => {
    const automaton = buildKeywordAutomaton(keywords);
    expect(automaton.match(message)).toEqual(expected);
    expect(naiveMatch(keywords, message)).toEqual(expected);
  });

  it('gives the same answer when the same automaton matches many messages in a row', () => {
    const automaton = buildKeywordAutomaton([contains(1, '券'), exact(2, '会员日')]);
    expect(automaton.match('券')).toEqual([1]);
    expect(automaton.match('会员日')).toEqual([2]);
    expect(automaton.match('券')).toEqual([1]);
    expect(automaton.match('没有')).toEqual([]);
  });

  it('reports its size', () => {
    const automaton = buildKeywordAutomaton([contains(1, 'he'), contains(2, 'she'), contains(3, ''), exact(4, 'hers')]);
    expect(automaton.keywordCount).toBe(3);
    // root + h,he,her,hers + s,sh,she
    expect(automaton.stateCount).toBe(8);
  });

  it('agrees with the naive matcher on random keyword sets and messages', () => {
    // A tiny alphabet (with a full-width letter, upper case and spaces) forces overlaps,
    // shared prefixes and suffixes, and normalisation collisions.
    const alphabet = ['a', 'b', 'A', 'ａ', ' ', '券', '优'];
    const text = (maxLength: number) => fc.array(fc.constantFrom(...alphabet), { maxLength }).map((cs) => cs.join(''));
    const keyword = fc.record({
      id: fc.integer({ min: 1, max: 12 }),
      text: text(4),
      mode: fc.constantFrom<TKeyword['mode']>('exact', 'contains'),
    });
    fc.assert(
      fc.property(
        fc.array(keyword, { maxLength: 15 }),
        fc.array(text(12), { minLength: 1, maxLength: 5 }),
        (keywords, messages) => {
          const automaton = buildKeywordAutomaton(keywords);
          for (const message of messages) expect(automaton.match(message)).toEqual(naiveMatch(keywords, message));
        },
      ),
      { numRuns: 500 },
    );
  });
});
