import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { customerTags, tags } from './tags.tables.ts';

/**
 * Makes the WeCom corp tags one staff member marked on a customer (follow_info.tag_id) match
 * Pond's: tags with those WeCom ids are added (source 'wecom', by that staff member); WeCom tags
 * Pond recorded as marked by that staff member and no longer marked are removed. Manual, rule and
 * code tags are left alone; unknown WeCom ids are ignored (the next tag sync brings them).
 * Runs in the caller's transaction.
 * @example
 * const { added, removed } = await syncFollowTags(ctx, { customerId: 7, staffId: 3, tagExternalIds: ['etT1'] });
 */
export async function syncFollowTags(
  ctx: Ctx,
  input: { customerId: number; staffId: number; tagExternalIds: readonly string[] },
): Promise<{ added: number; removed: number }> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const wanted = input.tagExternalIds.length
    ? await db
        .select({ id: tags.id })
        .from(tags)
        .where(and(eq(tags.tenantId, tenantId), inArray(tags.externalId, [...input.tagExternalIds])))
    : [];
  const wantedIds = new Set(wanted.map((t) => t.id));
  const have = await db
    .select({ tagId: customerTags.tagId, source: customerTags.source, by: customerTags.addedByStaffId })
    .from(customerTags)
    .innerJoin(tags, and(eq(tags.tenantId, customerTags.tenantId), eq(tags.id, customerTags.tagId)))
    .where(and(eq(customerTags.tenantId, tenantId), eq(customerTags.customerId, input.customerId), isNotNull(tags.externalId)));
  const haveIds = new Set(have.map((h) => h.tagId));
  const toAdd = [...wantedIds].filter((id) => !haveIds.has(id));
  const toRemove = have
    .filter((h) => h.source === 'wecom' && h.by === input.staffId && !wantedIds.has(h.tagId))
    .map((h) => h.tagId);
  let added = 0;
  if (toAdd.length) {
    const rows = await db
      .insert(customerTags)
      .values(
        toAdd.map((tagId) => ({ tenantId, customerId: input.customerId, tagId, source: 'wecom', addedByStaffId: input.staffId })),
      )
      .onConflictDoNothing()
      .returning({ tagId: customerTags.tagId });
    added = rows.length;
  }
  let removed = 0;
  if (toRemove.length) {
    const rows = await db
      .delete(customerTags)
      .where(
        and(
          eq(customerTags.tenantId, tenantId),
          eq(customerTags.customerId, input.customerId),
          inArray(customerTags.tagId, toRemove),
        ),
      )
      .returning({ tagId: customerTags.tagId });
    removed = rows.length;
  }
  return { added, removed };
}
