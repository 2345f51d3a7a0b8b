import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { bumpRuleVersion } from './keyword-matcher.ts';
import { keywordReplyHits, keywordRules } from './keyword-replies.tables.ts';
import { requireKeywordRule } from './keyword-rule-queries.ts';

/** Deletes a rule and its hit log (audited); replies already queued still go out. */
export async function deleteKeywordRule(ctx: Ctx, id: number): Promise<void> {
  assertRole(ctx.actor, TENANT_WIDE, 'delete keyword replies');
  await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const t = tctx.actor.tenantId;
    const row = await requireKeywordRule(tctx, id, { forUpdate: true });
    await db.delete(keywordReplyHits).where(and(eq(keywordReplyHits.tenantId, t), eq(keywordReplyHits.ruleId, id)));
    await db.delete(keywordRules).where(and(eq(keywordRules.tenantId, t), eq(keywordRules.id, id)));
    await bumpRuleVersion(tctx);
    await recordAudit(tctx, {
      action: 'keyword_rule.delete',
      targetType: 'keyword_rule',
      targetId: id,
      details: { name: row.name, hitCount: row.hitCount },
    });
  });
}
