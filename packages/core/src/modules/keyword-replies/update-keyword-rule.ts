import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { bumpRuleVersion } from './keyword-matcher.ts';
import { type TKeywordRule, type TUpdateKeywordRule, ZCreateKeywordRule, ZUpdateKeywordRule } from './keyword-replies.schemas.ts';
import { keywordRules } from './keyword-replies.tables.ts';
import { checkKeywordRuleConfig, requireKeywordRule, toKeywordRule, toKeywordRuleWithNames } from './keyword-rule-queries.ts';
import { parseInput } from './parse-input.ts';

/** Changes a rule (any subset of fields, checked again as a whole); the automaton follows at once. */
export async function updateKeywordRule(ctx: Ctx, id: number, raw: TUpdateKeywordRule): Promise<TKeywordRule> {
  assertRole(ctx.actor, TENANT_WIDE, 'edit keyword replies');
  const input = parseInput(ZUpdateKeywordRule, raw);
  requireChanges(input);
  return inTransaction(ctx, async (tctx) => {
    const current = toKeywordRule(await requireKeywordRule(tctx, id, { forUpdate: true }));
    const merged = Object.fromEntries(
      Object.entries({ ...current, ...input }).map(([k, v]) => [k, v === undefined ? current[k as keyof TKeywordRule] : v]),
    );
    const config = await checkKeywordRuleConfig(tctx, parseInput(ZCreateKeywordRule, merged));
    const [row] = await dbOf(tctx)
      .update(keywordRules)
      .set({ ...config, updatedAt: tctx.now() })
      .where(and(eq(keywordRules.tenantId, tctx.actor.tenantId), eq(keywordRules.id, id)))
      .returning();
    if (!row) throw new Error(`Keyword rule ${id} vanished during the update.`);
    await bumpRuleVersion(tctx);
    return toKeywordRuleWithNames(tctx, row);
  });
}
