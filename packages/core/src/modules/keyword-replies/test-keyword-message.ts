import type { Ctx } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { getGroupRef } from '../groups/group-refs.ts';
import { resolveContent } from '../materials/content-ref.ts';
import { getStaffById } from '../org/lookups.ts';
import { tenantKeywordMatcher } from './keyword-matcher.ts';
import { type TTestKeywordRequest, type TTestKeywordResult, ZTestKeywordRequest } from './keyword-replies.schemas.ts';
import { KEYWORD_RULE_READERS as READERS } from './keyword-rule-queries.ts';
import { pickKeywordRule, type TConversation } from './keyword-rules.ts';
import { parseInput } from './parse-input.ts';

/**
 * Which rule would answer `text`, and why every other matching rule would not — the console's
 * "test a message" box. Uses the same automaton and picker as live messages; cooldowns are not
 * applied (they depend on the conversation's history). Without a group, group filters are ignored.
 * @example
 * await testKeywordMessage(ctx, { text: '门店地址在哪', conversation: 'group', groupId: 3 });
 */
export async function testKeywordMessage(ctx: Ctx, raw: TTestKeywordRequest): Promise<TTestKeywordResult> {
  assertRole(ctx.actor, READERS, 'test keyword replies');
  const input = parseInput(ZTestKeywordRequest, raw);
  const at = input.at ? new Date(input.at) : ctx.now();
  let conversation: TConversation;
  let groupName = '示例群';
  if (input.conversation === 'group') {
    if (input.groupId !== undefined) {
      const group = await getGroupRef(ctx, input.groupId);
      if (!group) throw notFound('Group', input.groupId);
      conversation = { kind: 'group', groupId: group.id, storeId: group.storeId, groupKind: group.kind };
      groupName = group.name;
    } else {
      conversation = { kind: 'group', groupId: 0, storeId: null, groupKind: '' };
    }
  } else {
    const member = input.staffId !== undefined ? await getStaffById(ctx, input.staffId) : null;
    if (input.staffId !== undefined && !member) throw notFound('Staff member', input.staffId);
    conversation = { kind: 'private', storeId: member?.storeId ?? null };
  }
  const matcher = await tenantKeywordMatcher(ctx);
  const matched = matcher.match(input.text);
  const keywordsOf = new Map(matched.map((m) => [m.rule.id, m.keywords]));
  // A test without a group or staff member stands for "any": scope filters on them are not applied.
  const rules =
    (conversation.kind === 'group' && input.groupId === undefined) ||
    (conversation.kind === 'private' && input.staffId === undefined)
      ? matched.map((m) => ({ ...m.rule, scope: { ...m.rule.scope, storeIds: [], groupIds: [], groupKinds: [] } }))
      : matched.map((m) => m.rule);
  const pick = pickKeywordRule(rules, conversation, at);
  let replyText: string | null = null;
  if (pick.rule && pick.outcome === 'reply') {
    try {
      const content = await resolveContent(
        ctx,
        pick.rule.content,
        { customer_name: '顾客', group_name: groupName, staff_name: '导购' },
        // A test is not a send: usage counts stay as they are.
        { countUsage: false },
      );
      replyText = content.text ?? '';
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      replyText = null;
    }
  }
  return {
    ruleId: pick.rule?.id ?? null,
    outcome: pick.outcome,
    replyText,
    matches: pick.verdicts.map(({ rule, verdict }) => ({
      ruleId: rule.id,
      name: rule.name,
      priority: rule.priority,
      keywords: keywordsOf.get(rule.id) ?? [],
      verdict,
    })),
  };
}
