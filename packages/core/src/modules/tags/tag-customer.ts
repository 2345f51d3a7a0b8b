import { and, eq, inArray } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { emitDomainEvent } from '../../events/domain-events.ts';
import { notFound } from '../../lib/errors.ts';
import { appendCustomerEvents } from '../customers/append-customer-event.ts';
import { assertCustomerVisible } from '../customers/customer-scope.ts';
import { addCustomerTags } from './add-customer-tags.ts';
import { getTagsByIds } from './manage-tags.ts';
import { customerTags } from './tags.tables.ts';

/**
 * Puts tags on a customer the actor can see (guides: their own customers). Tags already there are
 * left alone; each new one goes on the timeline.
 * @example
 * await tagCustomer(ctx, 42, [3, 7]);
 */
export async function tagCustomer(ctx: Ctx, customerId: number, tagIds: number[], source = 'manual'): Promise<number[]> {
  return inTransaction(ctx, async (tctx) => {
    await assertCustomerVisible(tctx, customerId);
    const byId = await getTagsByIds(tctx, tagIds);
    const missing = tagIds.find((id) => !byId.has(id));
    if (missing !== undefined) throw notFound('Tag', missing);
    const added = await addCustomerTags(
      tctx,
      [...byId.values()].map((t) => ({ customerId, tagId: t.id, tagName: t.name })),
      source,
    );
    const addedTagIds = added.map((a) => a.tagId);
    // Automations react to tag changes made in Pond too, not only to marks made in WeCom.
    if (addedTagIds.length) {
      await emitDomainEvent(tctx, {
        type: 'customer.tags_changed',
        customerId,
        staffId: tctx.actor.staffId,
        addedTagIds,
        removedTagIds: [],
        at: tctx.now(),
      });
    }
    return addedTagIds;
  });
}

/** Removes a tag from a customer (a no-op if it was not there). */
export async function untagCustomer(ctx: Ctx, customerId: number, tagId: number): Promise<void> {
  await inTransaction(ctx, async (tctx) => {
    await assertCustomerVisible(tctx, customerId);
    const byId = await getTagsByIds(tctx, [tagId]);
    const tag = byId.get(tagId);
    if (!tag) throw notFound('Tag', tagId);
    const removed = await dbOf(tctx)
      .delete(customerTags)
      .where(
        and(
          eq(customerTags.tenantId, ctx.actor.tenantId),
          eq(customerTags.customerId, customerId),
          inArray(customerTags.tagId, [tagId]),
        ),
      )
      .returning({ tagId: customerTags.tagId });
    if (removed.length) {
      await appendCustomerEvents(tctx, [{ customerId, type: 'tag.removed', data: { tagId, tagName: tag.name } }]);
      await emitDomainEvent(tctx, {
        type: 'customer.tags_changed',
        customerId,
        staffId: tctx.actor.staffId,
        addedTagIds: [],
        removedTagIds: [tagId],
        at: tctx.now(),
      });
    }
  });
}
