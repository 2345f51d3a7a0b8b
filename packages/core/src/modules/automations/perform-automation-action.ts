import type { Ctx } from '../../context.ts';
import { emitDomainEvent } from '../../events/domain-events.ts';
import { getCustomerRef } from '../customers/customer-refs.ts';
import { getServingStaff } from '../customers/serving-staff.ts';
import { getGroupRef } from '../groups/group-refs.ts';
import { resolveContent, type TContentVars } from '../materials/content-ref.ts';
import { getStaffById, getUnitNames } from '../org/lookups.ts';
import { enqueueAction } from '../outbox/enqueue-action.ts';
import { grantReward } from '../rewards/grant-reward.ts';
import { enrollInJourney } from '../sops/enroll-in-journey.ts';
import { addCustomerTags } from '../tags/add-customer-tags.ts';
import { getTagsByIds } from '../tags/manage-tags.ts';
import { untagCustomer } from '../tags/tag-customer.ts';
import { getTagsOfCustomers } from '../tags/tag-queries.ts';
import { createGuideTask } from '../tasks/create-guide-task.ts';
import type { TAutomationAction } from './automations.schemas.ts';

export type TActionRun = {
  runId: number;
  automationId: number;
  ruleName: string;
  customerId: number;
  // The trigger event's facts as stored on the run (groupId for send_group without a group).
  event: Record<string, unknown>;
  // Anchor of journeys and due times: when the run started.
  startedAt: Date;
};

/** The key of one action of one run: the same on every retry, so no side effect happens twice. */
export const actionKey = (runId: number, index: number) => `automation:${runId}:${index}`;

async function contentVars(ctx: Ctx, customerId: number, staffId: number | null): Promise<TContentVars> {
  const customer = await getCustomerRef(ctx, customerId);
  const member = staffId ? await getStaffById(ctx, staffId) : null;
  const storeId = member?.storeId ?? customer?.storeId ?? null;
  const storeName = storeId ? ((await getUnitNames(ctx, [storeId])).get(storeId) ?? '') : '';
  return { customer_name: customer?.name ?? '', staff_name: member?.name ?? '', store_name: storeName };
}

/** Marks tag changes in WeCom for the tags synced there, through the serving staff member. */
async function markInChannel(ctx: Ctx, run: TActionRun, index: number, add: string[], remove: string[]): Promise<void> {
  if (add.length === 0 && remove.length === 0) return;
  const serving = (await getServingStaff(ctx, [run.customerId])).get(run.customerId);
  const member = serving ? await getStaffById(ctx, serving.staffId) : null;
  if (!serving || !member) return;
  await enqueueAction(ctx, {
    idempotencyKey: `${actionKey(run.runId, index)}:mark`,
    kind: 'mark_tags',
    payload: { staffUserId: member.wecomUserId, externalUserId: serving.externalUserId, addTagIds: add, removeTagIds: remove },
  });
}

/**
 * Performs one action of a run in the caller's transaction and says what it did, in a few words
 * for the runs log. Every side effect carries `actionKey(runId, index)`, so a retried run repeats
 * nothing. Tag changes are emitted as `customer.tags_changed`, so rules can chain (the loop guard
 * stops cycles).
 */
export async function performAutomationAction(
  ctx: Ctx,
  run: TActionRun,
  index: number,
  action: TAutomationAction,
): Promise<string> {
  const customerId = run.customerId;
  switch (action.type) {
    case 'add_tags': {
      const byId = await getTagsByIds(ctx, action.tagIds);
      const pairs = [...byId.values()].map((t) => ({ customerId, tagId: t.id, tagName: t.name }));
      const added = await addCustomerTags(ctx, pairs, 'rule');
      const addedIds = added.map((a) => a.tagId);
      if (addedIds.length) {
        await emitDomainEvent(ctx, {
          type: 'customer.tags_changed',
          customerId,
          staffId: null,
          addedTagIds: addedIds,
          removedTagIds: [],
          at: ctx.now(),
        });
        const synced = addedIds.flatMap((id) => byId.get(id)?.externalId ?? []);
        await markInChannel(ctx, run, index, synced, []);
      }
      const missing = action.tagIds.length - byId.size;
      return `added ${addedIds.length} tag(s)${missing ? `, ${missing} deleted tag(s) skipped` : ''}`;
    }
    case 'remove_tags': {
      const present = new Set(((await getTagsOfCustomers(ctx, [customerId])).get(customerId) ?? []).map((t) => t.id));
      const toRemove = action.tagIds.filter((id) => present.has(id));
      // untagCustomer announces each removal (customer.tags_changed), so rules can chain.
      for (const tagId of toRemove) await untagCustomer(ctx, customerId, tagId);
      if (toRemove.length) {
        const byId = await getTagsByIds(ctx, toRemove);
        await markInChannel(
          ctx,
          run,
          index,
          [],
          toRemove.flatMap((id) => byId.get(id)?.externalId ?? []),
        );
      }
      return `removed ${toRemove.length} tag(s)`;
    }
    case 'send_private': {
      const serving = (await getServingStaff(ctx, [customerId])).get(customerId);
      const member = serving ? await getStaffById(ctx, serving.staffId) : null;
      if (!serving || !member) return 'not sent: the customer has no staff member to message them';
      const content = await resolveContent(ctx, action.content, await contentVars(ctx, customerId, member.id));
      const { duplicate } = await enqueueAction(ctx, {
        idempotencyKey: actionKey(run.runId, index),
        kind: 'private_message',
        payload: {
          staffUserId: member.wecomUserId,
          externalUserId: serving.externalUserId,
          content,
          customerId,
          staffId: member.id,
        },
      });
      return duplicate ? 'message already queued' : `message queued from ${member.name}`;
    }
    case 'send_group': {
      const eventGroup = typeof run.event.groupId === 'number' ? run.event.groupId : null;
      const groupId = action.groupId ?? eventGroup;
      const group = groupId ? await getGroupRef(ctx, groupId) : null;
      if (group?.status !== 'active') return 'not sent: no active group';
      const vars = { ...(await contentVars(ctx, customerId, group.ownerStaffId)), group_name: group.name };
      const content = await resolveContent(ctx, action.content, vars);
      await enqueueAction(ctx, {
        idempotencyKey: actionKey(run.runId, index),
        kind: 'group_message',
        payload: { chatId: group.externalChatId, content, groupId: group.id },
      });
      return `message queued to group ${group.name}`;
    }
    case 'enroll_journey': {
      await enrollInJourney(ctx, {
        journeyId: action.journeyId,
        customerId,
        anchorAt: run.startedAt,
        sourceKey: actionKey(run.runId, index),
      });
      return `enrolled in journey ${action.journeyId}`;
    }
    case 'create_task': {
      const staffId = action.staffId ?? (await getServingStaff(ctx, [customerId])).get(customerId)?.staffId ?? null;
      if (!staffId) return 'no task: the customer has no staff member';
      const { duplicate } = await createGuideTask(ctx, {
        staffId,
        kind: 'automation',
        title: action.title,
        body: action.body,
        customerId,
        sourceKey: actionKey(run.runId, index),
        dueAt: new Date(ctx.now().getTime() + action.dueInHours * 3_600_000),
      });
      return duplicate ? 'task already created' : `task created for staff ${staffId}`;
    }
    case 'grant_reward': {
      const grant = await grantReward(ctx, {
        idempotencyKey: actionKey(run.runId, index),
        customerId,
        reward: action.reward,
        source: 'automation',
        sourceId: run.automationId,
      });
      return grant.created ? `reward granted (${action.reward.name})` : 'reward already granted';
    }
    case 'wait':
      // Waits are handled by the run (nextStretch); reaching one here is a no-op.
      return 'waited';
  }
}
