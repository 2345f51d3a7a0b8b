import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { bumpRuleVersion } from './keyword-matcher.ts';
import { type TCreateKeywordRule, type TKeywordRule, ZCreateKeywordRule } from './keyword-replies.schemas.ts';
import { keywordRules } from './keyword-replies.tables.ts';
import { checkKeywordRuleConfig, toKeywordRuleWithNames } from './keyword-rule-queries.ts';
import { parseInput } from './parse-input.ts';

/**
 * Creates an auto-reply rule (operators); the tenant's automaton includes it from the next message.
 * @example
 * await createKeywordRule(ctx, { name: '门店地址', keywords: [{ text: '地址', mode: 'contains' }], content: { text: '门店在…' } });
 */
export async function createKeywordRule(ctx: Ctx, raw: TCreateKeywordRule): Promise<TKeywordRule> {
  assertRole(ctx.actor, TENANT_WIDE, 'create keyword replies');
  const config = await checkKeywordRuleConfig(ctx, parseInput(ZCreateKeywordRule, raw));
  return inTransaction(ctx, async (tctx) => {
    const [row] = await dbOf(tctx)
      .insert(keywordRules)
      .values({ tenantId: tctx.actor.tenantId, ...config, createdBy: tctx.actor.name })
      .returning();
    if (!row) throw new Error('Keyword rule was not created.');
    await bumpRuleVersion(tctx);
    await recordAudit(tctx, {
      action: 'keyword_rule.create',
      targetType: 'keyword_rule',
      targetId: row.id,
      details: { name: row.name },
    });
    return toKeywordRuleWithNames(tctx, row);
  });
}
