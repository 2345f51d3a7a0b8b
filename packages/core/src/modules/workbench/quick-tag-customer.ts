import { randomUUID } from 'node:crypto';
import { type Ctx, inTransaction } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { assertCustomerVisible } from '../customers/customer-scope.ts';
import { enqueueAction } from '../outbox/enqueue-action.ts';
import { getTagsByIds } from '../tags/manage-tags.ts';
import { tagCustomer, untagCustomer } from '../tags/tag-customer.ts';
import { getTagsOfCustomers } from '../tags/tag-queries.ts';
import type { TQuickTags } from './workbench.schemas.ts';
import { workbenchActor } from './workbench-actor.ts';

/**
 * Quick tagging from the sidebar: adds and removes tags on one of the guide's customers (the tags
 * module's functions, with their timeline events), then marks the changed tags that exist on the
 * channel (synced tags, with an external id) for this guide's follow through the outbox — once per
 * `requestId`, and only when something changed.
 */
export async function quickTagCustomer(ctx: Ctx, customerId: number, input: TQuickTags) {
  const who = await workbenchActor(ctx, undefined, { write: true });
  return inTransaction(who.ctx, async (tctx) => {
    const customer = await assertCustomerVisible(tctx, customerId);
    const before = new Set((await getTagsOfCustomers(tctx, [customerId])).get(customerId)?.map((t) => t.id) ?? []);
    const removeIds = [...new Set(input.remove)].filter((id) => !input.add.includes(id));
    const known = await getTagsByIds(tctx, [...input.add, ...removeIds]);
    const missing = [...input.add, ...removeIds].find((id) => !known.has(id));
    if (missing !== undefined) throw notFound('Tag', missing);
    const added = input.add.length ? await tagCustomer(tctx, customerId, [...new Set(input.add)], 'manual') : [];
    const removed = removeIds.filter((id) => before.has(id));
    for (const id of removed) await untagCustomer(tctx, customerId, id);
    const external = (ids: number[]) =>
      ids.flatMap((id) => {
        const ext = known.get(id)?.externalId;
        return ext ? [ext] : [];
      });
    const addExt = external(added);
    const removeExt = external(removed);
    let actionId: number | null = null;
    if ((addExt.length || removeExt.length) && customer.externalUserId) {
      const r = await enqueueAction(tctx, {
        idempotencyKey: `workbench-tags:${who.staff.id}:${customerId}:${input.requestId ?? randomUUID()}`,
        kind: 'mark_tags',
        payload: {
          staffUserId: who.staff.wecomUserId,
          externalUserId: customer.externalUserId,
          addTagIds: addExt,
          removeTagIds: removeExt,
        },
      });
      actionId = r.actionId;
    }
    const tags = (await getTagsOfCustomers(tctx, [customerId])).get(customerId) ?? [];
    return { added, removed, tags, actionId };
  });
}
