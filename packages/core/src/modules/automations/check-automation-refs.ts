import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { listCustomerFields } from '../customers/manage-customer-fields.ts';
import { getGroupRefsByIds } from '../groups/group-refs.ts';
import { getStaffById } from '../org/lookups.ts';
import { getTagsByIds } from '../tags/manage-tags.ts';
import type { TAutomationAction, TAutomationConditions, TAutomationTrigger } from './automations.schemas.ts';

/**
 * Checks that everything a rule names exists in the tenant — tags, groups, staff, the date field —
 * and throws a VALIDATION error naming the first that does not, with what to do about it.
 */
export async function checkAutomationRefs(
  ctx: Ctx,
  rule: { trigger: TAutomationTrigger; conditions: TAutomationConditions; actions: TAutomationAction[] },
): Promise<void> {
  const { trigger, conditions, actions } = rule;
  const tagIds = new Set<number>();
  const groupIds = new Set<number>();
  const staffIds = new Set<number>(conditions.staffIds ?? []);
  if (trigger.type === 'tag_added' || trigger.type === 'tag_removed') for (const id of trigger.tagIds) tagIds.add(id);
  if (trigger.type === 'group_joined' || trigger.type === 'group_left') for (const id of trigger.groupIds) groupIds.add(id);
  for (const id of conditions.groupIds ?? []) groupIds.add(id);
  for (const action of actions) {
    if (action.type === 'add_tags' || action.type === 'remove_tags') for (const id of action.tagIds) tagIds.add(id);
    if (action.type === 'send_group' && action.groupId) groupIds.add(action.groupId);
    if (action.type === 'create_task' && action.staffId) staffIds.add(action.staffId);
  }
  const tags = await getTagsByIds(ctx, [...tagIds]);
  const missingTag = [...tagIds].find((id) => !tags.has(id));
  if (missingTag !== undefined) {
    throw new AppError('VALIDATION', `Tag ${missingTag} does not exist. Pick an existing tag or create it first.`, {
      tagId: missingTag,
    });
  }
  const groups = await getGroupRefsByIds(ctx, [...groupIds]);
  const missingGroup = [...groupIds].find((id) => !groups.has(id));
  if (missingGroup !== undefined) {
    throw new AppError('VALIDATION', `Group ${missingGroup} does not exist. Pick one of your groups.`, { groupId: missingGroup });
  }
  for (const id of staffIds) {
    if (!(await getStaffById(ctx, id))) {
      throw new AppError('VALIDATION', `Staff member ${id} does not exist. Pick a current staff member.`, { staffId: id });
    }
  }
  const needsEventGroup = actions.some((a) => a.type === 'send_group' && !a.groupId);
  if (needsEventGroup && !['group_joined', 'group_left', 'message'].includes(trigger.type)) {
    throw new AppError(
      'VALIDATION',
      'A group message without a group needs a group trigger (joined, left, message). Pick the group to send to.',
    );
  }
  if (trigger.type === 'date_field') {
    const field = (await listCustomerFields(ctx)).items.find((f) => f.key === trigger.fieldKey);
    if (field?.type !== 'date') {
      throw new AppError(
        'VALIDATION',
        `trigger.fieldKey: "${trigger.fieldKey}" is not a custom field of type date. Create a date field (e.g. birthday) first.`,
      );
    }
  }
}
