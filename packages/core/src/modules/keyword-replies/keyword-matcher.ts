import type { Database } from '@pond/db';
import { and, eq, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { buildKeywordAutomaton, normalizeKeywordText, type TKeyword, type TKeywordAutomaton } from './keyword-automaton.ts';
import { keywordRules, keywordRuleVersions, type TKeywordScope, type TStoredKeyword } from './keyword-replies.tables.ts';
import { byPriority, type TActiveHours, type TRuleCandidate } from './keyword-rules.ts';

/** An enabled rule as the matcher keeps it (what picking and replying need). */
export type TMatcherRule = TRuleCandidate & {
  name: string;
  keywords: TStoredKeyword[];
  content: typeof keywordRules.$inferSelect.content;
  cooldownSeconds: number;
};

export type TKeywordMatch = { rule: TMatcherRule; keywords: string[] };

/** The tenant's enabled rules and one automaton over all their keywords, at a rule-set version. */
export type TKeywordMatcher = {
  version: number;
  ruleCount: number;
  /** The rules whose keywords occur in `text`, best priority first (see `byPriority`). The hot path. */
  candidates: (text: string) => TMatcherRule[];
  /** The same rules with the keywords of each that occurred, for explanations (the test box). */
  match: (text: string) => TKeywordMatch[];
};

// Per database (tests open many) and tenant. A matcher is immutable; a new version replaces it.
const cache = new WeakMap<Database, Map<number, TKeywordMatcher>>();

/** The tenant's rule-set version (0 before any rule change). One primary-key read. */
export async function readRuleVersion(ctx: Ctx): Promise<number> {
  const [row] = await dbOf(ctx)
    .select({ version: keywordRuleVersions.version })
    .from(keywordRuleVersions)
    .where(eq(keywordRuleVersions.tenantId, ctx.actor.tenantId));
  return row?.version ?? 0;
}

/**
 * Bumps the tenant's rule-set version. Call it in the transaction of every rule change: when it
 * commits, every process's next message sees the new version and rebuilds its automaton.
 */
export async function bumpRuleVersion(ctx: Ctx): Promise<void> {
  await dbOf(ctx)
    .insert(keywordRuleVersions)
    .values({ tenantId: ctx.actor.tenantId, version: 1 })
    .onConflictDoUpdate({ target: keywordRuleVersions.tenantId, set: { version: sql`${keywordRuleVersions.version} + 1` } });
}

const keyOf = (k: TStoredKeyword) => `${k.mode}\u0000${normalizeKeywordText(k.text)}`;

/**
 * Builds a matcher over the given enabled rules (pure; exported for benchmarks and tests).
 * Operators reuse the same keywords across many rules (优惠, 地址 …), so the automaton holds each
 * distinct (keyword, mode) once, with the ranks of the rules that use it; rules are ranked once by
 * priority, so a message's candidates come out in picking order after a numeric sort of ranks.
 */
export function buildKeywordMatcher(version: number, rules: readonly TMatcherRule[]): TKeywordMatcher {
  const ranked = [...rules].sort(byPriority);
  const idOfKey = new Map<string, number>();
  const ranksOfId: number[][] = [];
  const entries: TKeyword[] = [];
  ranked.forEach((rule, rank) => {
    for (const keyword of rule.keywords) {
      const key = keyOf(keyword);
      let id = idOfKey.get(key);
      if (id === undefined) {
        id = entries.length;
        idOfKey.set(key, id);
        entries.push({ id, text: keyword.text, mode: keyword.mode });
        ranksOfId.push([]);
      }
      const ranks = ranksOfId[id] as number[];
      if (ranks[ranks.length - 1] !== rank) ranks.push(rank);
    }
  });
  const automaton: TKeywordAutomaton = buildKeywordAutomaton(entries);
  // Scratch for de-duplicating ranks within one call (matching is synchronous).
  const seen = new Uint32Array(ranked.length);
  let stamp = 0;

  const candidateRanks = (ids: readonly number[]): number[] => {
    stamp = stamp === 0xffffffff ? 1 : stamp + 1;
    if (stamp === 1) seen.fill(0);
    const out: number[] = [];
    for (const id of ids) {
      for (const rank of ranksOfId[id] as number[]) {
        if (seen[rank] !== stamp) {
          seen[rank] = stamp;
          out.push(rank);
        }
      }
    }
    if (out.length > 1) out.sort((a, b) => a - b);
    return out;
  };
  const candidates = (text: string): TMatcherRule[] => {
    const ids = automaton.match(text);
    if (ids.length === 0) return [];
    return candidateRanks(ids).map((rank) => ranked[rank] as TMatcherRule);
  };
  const match = (text: string): TKeywordMatch[] => {
    const ids = automaton.match(text);
    const hit = new Set(ids);
    return candidateRanks(ids).map((rank) => {
      const rule = ranked[rank] as TMatcherRule;
      return { rule, keywords: rule.keywords.filter((k) => hit.has(idOfKey.get(keyOf(k)) ?? -1)).map((k) => k.text) };
    });
  };
  return { version, ruleCount: rules.length, candidates, match };
}

const hoursOf = (from: string | null, to: string | null): TActiveHours => (from && to ? { from, to } : null);

/**
 * The tenant's matcher, rebuilt when the rule-set version in the database differs from the cached
 * one. Costs one primary-key read per call when nothing changed; reads in the caller's transaction.
 */
export async function tenantKeywordMatcher(ctx: Ctx): Promise<TKeywordMatcher> {
  let perTenant = cache.get(ctx.database);
  if (!perTenant) {
    perTenant = new Map();
    cache.set(ctx.database, perTenant);
  }
  const version = await readRuleVersion(ctx);
  const cached = perTenant.get(ctx.actor.tenantId);
  if (cached && cached.version === version) return cached;
  const rows = await dbOf(ctx)
    .select()
    .from(keywordRules)
    .where(and(eq(keywordRules.tenantId, ctx.actor.tenantId), eq(keywordRules.enabled, true)))
    .orderBy(keywordRules.id);
  const matcher = buildKeywordMatcher(
    version,
    rows.map((r) => ({
      id: r.id,
      name: r.name,
      priority: r.priority,
      enabled: r.enabled,
      scope: r.scope as TKeywordScope,
      activeHours: hoursOf(r.activeFrom, r.activeTo),
      keywords: r.keywords,
      content: r.content,
      cooldownSeconds: r.cooldownSeconds,
    })),
  );
  perTenant.set(ctx.actor.tenantId, matcher);
  return matcher;
}
