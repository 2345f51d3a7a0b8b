// Keyword auto-reply matching: one Aho–Corasick automaton over all keywords of a tenant against a
// stream of simulated Chinese chat messages, next to the naive loop (every keyword with `includes`)
// in the same run. Single-threaded, so the figures are per core. Keywords and messages come from a
// seeded RNG: the same arguments always give the same data.
// Usage: npm run bench -- keyword [--rules 10000] [--messages 200000] [--naive-messages 5000] [--seed 7]
import { parseArgs } from 'node:util';
import { buildKeywordAutomaton, normalizeKeywordText, type TKeyword } from '@pond/core/modules/keyword-replies/keyword-automaton';
import { buildKeywordMatcher, type TMatcherRule } from '@pond/core/modules/keyword-replies/keyword-matcher';
import { pickKeywordRule, type TConversation } from '@pond/core/modules/keyword-replies/keyword-rules';
import { STORES } from '@pond/sim/data/brand';
import { PRODUCTS } from '@pond/sim/data/catalogue';
import { customerGroupLine, customerPrivateLine, staffGroupLine } from '@pond/sim/messages';
import { createRng, type Rng } from '@pond/sim/rng';

const { values } = parseArgs({
  options: {
    rules: { type: 'string', default: '10000' },
    messages: { type: 'string', default: '200000' },
    // The naive loop is ~100× slower; it runs on a prefix of the same stream.
    'naive-messages': { type: 'string', default: '5000' },
    seed: { type: 'string', default: '7' },
  },
});
const RULES = Number(values.rules);
const MESSAGES = Number(values.messages);
const NAIVE_MESSAGES = Math.min(MESSAGES, Number(values['naive-messages']));
const rng = createRng(`bench-keyword-${values.seed}`);

// ---- Keywords: what operators type into auto-reply rules, 2–6 characters.
const TOPICS = [
  '优惠',
  '优惠券',
  '领券',
  '券',
  '折扣',
  '满减',
  '价格',
  '多少钱',
  '价目表',
  '门店',
  '地址',
  '营业',
  '几点',
  '会员',
  '会员日',
  '积分',
  '兑换',
  '新品',
  '上新',
  '外卖',
  '配送',
  '发票',
  '退款',
  '生日',
  '福利',
  '秒杀',
  '拼团',
  '接龙',
  '半价',
  '第二杯',
  '团购',
  '停车',
  '堂食',
  '自取',
  '充值',
  '储值卡',
  '礼品卡',
  '小程序',
  '加群',
  '活动',
  '投诉',
  '客服',
];
const QUALIFIERS = ['怎么', '在哪', '什么时候', '能不能', '可以', '有没有', '今天', '本周', '最新', '限时', '专属', '免费'];
const SUFFIXES = ['券', '价', '活动', '规则', '时间', '优惠', '套餐', '福利', '过期', '怎么用', '多少', '在哪'];
const productNames = PRODUCTS.map((p) => p.name);
const storeNames = STORES.map((s) => s.name);
const shortName = (name: string, r: Rng) =>
  name.length <= 4 ? name : name.slice(r.int(0, name.length - 4), undefined).slice(0, 4);

function keywordText(r: Rng): string {
  const shape = r.int(0, 6);
  let text: string;
  if (shape === 0) text = r.pick(productNames);
  else if (shape === 1) text = shortName(r.pick(productNames), r) + r.pick(SUFFIXES);
  else if (shape === 2) text = r.pick(QUALIFIERS) + r.pick(TOPICS);
  else if (shape === 3) text = r.pick(TOPICS) + r.pick(SUFFIXES);
  else if (shape === 4)
    text = r.pick(storeNames).replace(/店$/, '') + r.pick(['门店', '地址', '营业', '停车', '电话', '店', '活动', '会员']);
  else if (shape === 5) text = r.pick(QUALIFIERS) + r.pick(TOPICS) + r.pick(SUFFIXES);
  else text = r.pick(TOPICS) + r.pick(TOPICS);
  return text.slice(0, 6).padEnd(2, r.pick(['吗', '呀', '券']));
}

const keywords: TKeyword[] = [];
const ruleOf: number[] = [];
for (let rule = 1; rule <= RULES; rule++) {
  // A rule has 1–4 keywords, most of them `contains`.
  const n = rng.weighted([1, 2, 3, 4], [40, 30, 20, 10]);
  for (let k = 0; k < n; k++) {
    keywords.push({ id: keywords.length + 1, text: keywordText(rng), mode: rng.chance(0.15) ? 'exact' : 'contains' });
    ruleOf.push(rule);
  }
}
const distinctTexts = new Set(keywords.map((k) => normalizeKeywordText(k.text))).size;

// ---- Messages: the simulator's group and private lines.
const WHO = ['王女士', '李先生', '小张', '陈陈', 'Amy', '阿杰', '刘姐', '赵先生'];
const messages: string[] = [];
const chainPosition = new Map<string, number>();
for (let i = 0; i < MESSAGES; i++) {
  const storeName = rng.pick(storeNames);
  const ctx = { brandName: '茶屿', storeName, who: rng.pick(WHO) };
  const roll = rng.next();
  if (roll < 0.7) {
    const position = (chainPosition.get(storeName) ?? 0) + 1;
    const line = customerGroupLine(rng, ctx, rng.chance(0.5) ? position : undefined);
    if (line.kind === 'chain') chainPosition.set(storeName, position);
    messages.push(line.content);
  } else if (roll < 0.9) messages.push(customerPrivateLine(rng, ctx));
  else messages.push(staffGroupLine(rng, ctx));
}
const averageLength = messages.reduce((s, m) => s + m.length, 0) / messages.length;

// ---- The two matchers.
const naive = (() => {
  const prepared = keywords.map((k) => ({ id: k.id, text: normalizeKeywordText(k.text), mode: k.mode }));
  return {
    match(message: string): number[] {
      const text = normalizeKeywordText(message);
      const out: number[] = [];
      for (const k of prepared) {
        if (k.text.length > 0 && (k.mode === 'exact' ? text === k.text : text.includes(k.text))) out.push(k.id);
      }
      return out;
    },
  };
})();

const buildRuns: number[] = [];
let automaton = buildKeywordAutomaton(keywords);
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  automaton = buildKeywordAutomaton(keywords);
  buildRuns.push(performance.now() - t0);
}
buildRuns.sort((a, b) => a - b);

// The same answers on the naive prefix, or the figures mean nothing.
for (let i = 0; i < NAIVE_MESSAGES; i++) {
  const message = messages[i] as string;
  const a = automaton.match(message).join(',');
  const b = naive.match(message).join(',');
  if (a !== b) {
    console.error(`MISMATCH on ${JSON.stringify(message)}: automaton [${a}] naive [${b}]`);
    process.exit(1);
  }
}

type Result = { name: string; messages: number; perSecond: number; p50: number; p99: number; max: number; hits: number };
const quantile = (sorted: Float64Array, q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

function measure(name: string, match: (m: string) => number[], count: number): Result {
  // Warm-up, then one pass for throughput (no per-message clock) and one for latencies.
  for (let i = 0; i < Math.min(count, 2000); i++) match(messages[i] as string);
  let hits = 0;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) hits += match(messages[i] as string).length > 0 ? 1 : 0;
  const seconds = (performance.now() - t0) / 1000;
  const latencies = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    match(messages[i] as string);
    latencies[i] = performance.now() - start;
  }
  latencies.sort();
  return {
    name,
    messages: count,
    perSecond: count / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies[count - 1] ?? 0,
    hits,
  };
}

// What the subscriber does per message short of the database: the tenant matcher (automaton →
// rules) and the pure pick by priority, scope and hours. Rules get varied priorities and scopes.
const matcherRules: TMatcherRule[] = [];
for (let k = 0; k < keywords.length; k++) {
  const ruleId = ruleOf[k] as number;
  let rule = matcherRules[ruleId - 1];
  if (!rule) {
    rule = {
      id: ruleId,
      name: `rule ${ruleId}`,
      priority: rng.int(0, 10),
      enabled: true,
      scope: { private: true, groups: true, storeIds: rng.chance(0.3) ? [rng.int(1, 20)] : [], groupIds: [], groupKinds: [] },
      activeHours: rng.chance(0.2) ? { from: '09:00', to: '22:00' } : null,
      keywords: [],
      content: { text: 'reply', materialIds: [] },
      cooldownSeconds: 60,
    };
    matcherRules.push(rule);
  }
  const keyword = keywords[k] as TKeyword;
  rule.keywords.push({ text: keyword.text, mode: keyword.mode });
}
const matcher = buildKeywordMatcher(1, matcherRules);
const conversation: TConversation = { kind: 'group', groupId: 1, storeId: 3, groupKind: 'store' };
const noon = new Date('2026-03-02T04:00:00Z');
const matchAndPick = (message: string): number[] => {
  const pick = pickKeywordRule(matcher.candidates(message), conversation, noon, { explain: false });
  return pick.rule ? [pick.rule.id] : [];
};

const results = [
  measure('Aho–Corasick automaton', automaton.match, MESSAGES),
  measure('rule matcher + pick (subscriber, no database)', matchAndPick, MESSAGES),
  measure('naive (every keyword, includes)', naive.match, NAIVE_MESSAGES),
];

const us = (ms: number) => (ms * 1000).toFixed(1);
console.log(
  `keyword auto-reply: ${RULES.toLocaleString('en')} rules, ${keywords.length.toLocaleString('en')} keywords (${distinctTexts.toLocaleString('en')} distinct, ${keywords.filter((k) => k.mode === 'exact').length.toLocaleString('en')} exact), ${automaton.stateCount.toLocaleString('en')} states; messages ${averageLength.toFixed(1)} characters on average (${process.version}, one core)`,
);
console.log(
  `build: median ${(buildRuns[2] ?? 0).toFixed(1)} ms (min ${(buildRuns[0] ?? 0).toFixed(1)}, max ${(buildRuns[4] ?? 0).toFixed(1)}) over 5 builds`,
);
console.log('| matcher | messages | messages/s | p50 (µs) | p99 (µs) | max (µs) | messages with a match |');
console.log('|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.name} | ${r.messages.toLocaleString('en')} | ${Math.round(r.perSecond).toLocaleString('en')} | ${us(r.p50)} | ${us(r.p99)} | ${us(r.max)} | ${((100 * r.hits) / r.messages).toFixed(1)} % |`,
  );
}
const [fast, , slow] = results;
if (fast && slow) console.log(`speed-up: ${(fast.perSecond / slow.perSecond).toFixed(0)}× (target ≥ 50,000 messages/s per core)`);
console.log(
  `rules hit at least once: ${new Set(messages.slice(0, NAIVE_MESSAGES).flatMap((m) => automaton.match(m).map((id) => ruleOf[id - 1]))).size}`,
);
