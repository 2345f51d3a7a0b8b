import type { Ctx } from '../../context.ts';
import { assertRole } from '../access/assert-role.ts';
import type { TKeywordRule } from './keyword-replies.schemas.ts';
import { KEYWORD_RULE_READERS as READERS, requireKeywordRule, toKeywordRuleWithNames } from './keyword-rule-queries.ts';

/** One rule (operators). */
export async function getKeywordRule(ctx: Ctx, id: number): Promise<TKeywordRule> {
  assertRole(ctx.actor, READERS, 'see keyword replies');
  return toKeywordRuleWithNames(ctx, await requireKeywordRule(ctx, id));
}
