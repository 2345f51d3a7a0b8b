import { and, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { assertRole } from '../access/assert-role.ts';
import type { TKeywordRule, TListKeywordRulesQuery } from './keyword-replies.schemas.ts';
import { keywordRules } from './keyword-replies.tables.ts';
import { KEYWORD_RULE_READERS as READERS, toKeywordRules } from './keyword-rule-queries.ts';

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Rules of the tenant, highest priority first (then oldest), optionally by name/keyword and state. */
export async function listKeywordRules(ctx: Ctx, query: TListKeywordRulesQuery): Promise<TPage<TKeywordRule>> {
  assertRole(ctx.actor, READERS, 'see keyword replies');
  const where: (SQL | undefined)[] = [
    eq(keywordRules.tenantId, ctx.actor.tenantId),
    query.enabled === undefined ? undefined : eq(keywordRules.enabled, query.enabled),
    query.q
      ? or(ilike(keywordRules.name, likePattern(query.q)), ilike(sql`${keywordRules.keywords}::text`, likePattern(query.q)))
      : undefined,
  ];
  const db = dbOf(ctx);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(keywordRules)
      .where(and(...where))
      .orderBy(desc(keywordRules.priority), keywordRules.id)
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    db
      .select({ n: count() })
      .from(keywordRules)
      .where(and(...where)),
  ]);
  return { items: await toKeywordRules(ctx, rows), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
