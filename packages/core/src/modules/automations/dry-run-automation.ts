import { type Ctx, systemActor } from '../../context.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { assertCustomerVisible } from '../customers/customer-scope.ts';
import { getServingStaff } from '../customers/serving-staff.ts';
import { getGroupRefsByIds } from '../groups/group-refs.ts';
import { getStaffNames } from '../org/lookups.ts';
import { getTagsByIds } from '../tags/manage-tags.ts';
import { requireAutomation } from './automation-queries.ts';
import { factsFor, toRule } from './automation-rules.ts';
import type { TAutomationAction, TDryRunResult } from './automations.schemas.ts';
import { loopGuardHolds } from './evaluate-automation.ts';

type TCheck = TDryRunResult['checks'][number];

/**
 * Would the rule run for this customer now, and what would it do? Checks what can be checked
 * without an event (enabled, audience, loop guard, hourly cap) and describes each action for this
 * customer (who would send, which tags, which group). Changes nothing.
 */
export async function dryRunAutomation(ctx: Ctx, id: number, input: { customerId: number }): Promise<TDryRunResult> {
  assertRole(ctx.actor, TENANT_WIDE, 'try automation rules');
  const row = await requireAutomation(ctx, id);
  await assertCustomerVisible(ctx, input.customerId);
  const sctx: Ctx = { ...ctx, actor: systemActor(ctx.actor.tenantId) };
  const rule = toRule(row);
  const facts = await factsFor(sctx, rule, input.customerId);
  const checks: TCheck[] = [
    { check: 'enabled', passed: row.enabled, detail: row.enabled ? 'The rule is on.' : 'The rule is off: turn it on to run.' },
    { check: 'trigger', passed: null, detail: `Runs when the event "${rule.trigger.type}" happens for the customer.` },
  ];
  const { audience, ...eventConditions } = rule.conditions;
  if (Object.values(eventConditions).some((v) => v !== undefined)) {
    checks.push({ check: 'event_conditions', passed: null, detail: 'Checked against the event when it happens.' });
  }
  if (audience !== undefined) {
    checks.push({
      check: 'audience',
      passed: facts.inAudience === true,
      detail: facts.inAudience ? 'The customer is in the audience.' : 'The customer is not in the audience now.',
    });
  }
  const guarded = loopGuardHolds(facts.lastRunAt, facts.now, rule.loopWindowMinutes);
  checks.push({
    check: 'loop_guard',
    passed: !guarded,
    detail: guarded
      ? `The rule ran on this customer at ${facts.lastRunAt?.toISOString()}; it waits ${rule.loopWindowMinutes} minutes before running again.`
      : 'The rule has not run on this customer within its window.',
  });
  checks.push({
    check: 'hourly_cap',
    passed: facts.runsLastHour < facts.hourlyCap,
    detail: `${facts.runsLastHour} of ${facts.hourlyCap} rule runs for this customer in the last hour.`,
  });
  const wouldMatch = checks.every((c) => c.passed !== false);
  return { wouldMatch, checks, actions: await describeActions(sctx, rule.actions, input.customerId) };
}

async function describeActions(ctx: Ctx, actions: TAutomationAction[], customerId: number): Promise<TDryRunResult['actions']> {
  const tagIds = actions.flatMap((a) => (a.type === 'add_tags' || a.type === 'remove_tags' ? a.tagIds : []));
  const tags = await getTagsByIds(ctx, tagIds);
  const groups = await getGroupRefsByIds(
    ctx,
    actions.flatMap((a) => (a.type === 'send_group' && a.groupId ? [a.groupId] : [])),
  );
  const serving = (await getServingStaff(ctx, [customerId])).get(customerId);
  const staffIds = [serving?.staffId, ...actions.map((a) => (a.type === 'create_task' ? a.staffId : undefined))];
  const staffNames = await getStaffNames(
    ctx,
    staffIds.filter((s): s is number => s !== undefined),
  );
  const servingName = serving ? (staffNames.get(serving.staffId) ?? `#${serving.staffId}`) : null;
  const tagNames = (ids: number[]) => ids.map((id) => tags.get(id)?.name ?? `#${id} (deleted)`).join('、');
  return actions.map((a, index) => {
    const d = (description: string) => ({ index, type: a.type, description });
    switch (a.type) {
      case 'add_tags':
        return d(`Add tags: ${tagNames(a.tagIds)}`);
      case 'remove_tags':
        return d(`Remove tags: ${tagNames(a.tagIds)}`);
      case 'send_private':
        return d(servingName ? `Message from ${servingName}` : 'No message: the customer has no staff member to message them');
      case 'send_group':
        return d(a.groupId ? `Message to group ${groups.get(a.groupId)?.name ?? a.groupId}` : "Message to the event's group");
      case 'enroll_journey':
        return d(`Enrol in journey ${a.journeyId}`);
      case 'create_task': {
        const who = a.staffId ? (staffNames.get(a.staffId) ?? `#${a.staffId}`) : servingName;
        return d(who ? `Task for ${who}: ${a.title}` : 'No task: the customer has no staff member');
      }
      case 'grant_reward':
        return d(`Grant reward: ${a.reward.name}`);
      case 'wait':
        return d(`Wait ${a.amount} ${a.unit}`);
      default:
        return d('');
    }
  });
}
