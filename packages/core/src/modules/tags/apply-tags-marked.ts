import type { TChannelEvent } from '@pond/channels';
import { and, eq, inArray, lte } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { emitDomainEvent } from '../../events/domain-events.ts';
import { retryLater } from '../../lib/retry-later.ts';
import { appendCustomerEvents } from '../customers/append-customer-event.ts';
import { getCustomerRefByExternalId } from '../customers/customer-refs.ts';
import { requireStaffByWecomUserId } from '../org/require-staff.ts';
import { customerTags, tags } from './tags.tables.ts';

export type TApplyTagsMarkedInput = { source: string; event: Extract<TChannelEvent, { type: 'customer.tags_marked' }> };

/**
 * A staff member marked or unmarked corp tags on a customer in the WeCom app. Tags are matched by
 * their WeCom id (`tags.external_id`); ids Pond has not synced are skipped and reported. A removal
 * older than the tag's `added_at` is stale and ignored. (A removal that arrives before its own add
 * leaves the tag on: Pond keeps no tombstones for tags.) Runs in the caller's transaction.
 */
export async function applyTagsMarked(
  ctx: Ctx,
  input: TApplyTagsMarkedInput,
): Promise<{ customerId: number; addedTagIds: number[]; removedTagIds: number[]; unknownExternalIds: string[] }> {
  const { event } = input;
  const at = new Date(event.at);
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const tenantId = tctx.actor.tenantId;
    const member = await requireStaffByWecomUserId(tctx, event.staffUserId);
    const customer = await getCustomerRefByExternalId(tctx, event.externalUserId);
    if (!customer) throw retryLater(`Customer ${event.externalUserId} is not known yet; the add event may still be on its way.`);
    const wanted = [...new Set([...event.addTagExternalIds, ...event.removeTagExternalIds])];
    const known = wanted.length
      ? await db
          .select({ id: tags.id, name: tags.name, externalId: tags.externalId })
          .from(tags)
          .where(and(eq(tags.tenantId, tenantId), inArray(tags.externalId, wanted)))
      : [];
    const byExternal = new Map(known.map((t) => [t.externalId ?? '', t]));
    const unknownExternalIds = wanted.filter((id) => !byExternal.has(id));
    if (unknownExternalIds.length)
      tctx.log.warn({ unknownExternalIds }, 'tags_marked: tags not synced from WeCom yet were skipped');

    const toAdd = event.addTagExternalIds.flatMap((id) => byExternal.get(id) ?? []);
    const added = toAdd.length
      ? await db
          .insert(customerTags)
          .values(
            toAdd.map((t) => ({
              tenantId,
              customerId: customer.id,
              tagId: t.id,
              source: input.source,
              addedByStaffId: member.id,
              addedAt: at,
            })),
          )
          .onConflictDoNothing()
          .returning({ tagId: customerTags.tagId })
      : [];
    const toRemove = event.removeTagExternalIds.flatMap((id) => byExternal.get(id) ?? []);
    const removed = toRemove.length
      ? await db
          .delete(customerTags)
          .where(
            and(
              eq(customerTags.tenantId, tenantId),
              eq(customerTags.customerId, customer.id),
              inArray(
                customerTags.tagId,
                toRemove.map((t) => t.id),
              ),
              lte(customerTags.addedAt, at),
            ),
          )
          .returning({ tagId: customerTags.tagId })
      : [];
    const nameOf = new Map(known.map((t) => [t.id, t.name]));
    const addedTagIds = added.map((r) => r.tagId);
    const removedTagIds = removed.map((r) => r.tagId);
    await appendCustomerEvents(tctx, [
      ...addedTagIds.map((tagId) => ({
        customerId: customer.id,
        type: 'tag.added',
        occurredAt: at,
        actorType: 'staff' as const,
        actorId: member.id,
        data: { tagId, tagName: nameOf.get(tagId) ?? '', staffId: member.id, staffName: member.name, source: input.source },
      })),
      ...removedTagIds.map((tagId) => ({
        customerId: customer.id,
        type: 'tag.removed',
        occurredAt: at,
        actorType: 'staff' as const,
        actorId: member.id,
        data: { tagId, tagName: nameOf.get(tagId) ?? '', staffId: member.id, staffName: member.name, source: input.source },
      })),
    ]);
    if (addedTagIds.length || removedTagIds.length) {
      await emitDomainEvent(tctx, {
        type: 'customer.tags_changed',
        customerId: customer.id,
        staffId: member.id,
        addedTagIds,
        removedTagIds,
        at,
      });
    }
    return { customerId: customer.id, addedTagIds, removedTagIds, unknownExternalIds };
  });
}
