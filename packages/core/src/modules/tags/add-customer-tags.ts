import { sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { insertFromJson, rowsOf } from '../../lib/bulk-sql.ts';
import { appendCustomerEvents } from '../customers/append-customer-event.ts';
import { customerTags } from './tags.tables.ts';

export type TCustomerTagPair = { customerId: number; tagId: number; tagName?: string };

/**
 * Puts tags on customers in bulk (the caller has checked the customers and tags): pairs already
 * present are left alone, each new one gets a `tag.added` timeline event. Returns the new pairs.
 * @example
 * await addCustomerTags(ctx, [{ customerId: 42, tagId: 3, tagName: '果茶' }], 'import');
 */
export async function addCustomerTags(ctx: Ctx, pairs: TCustomerTagPair[], source: string): Promise<TCustomerTagPair[]> {
  if (pairs.length === 0) return [];
  const names = new Map(pairs.map((p) => [p.tagId, p.tagName]));
  const added = rowsOf<{ customer_id: number | string; tag_id: number | string }>(
    await dbOf(ctx).execute(
      insertFromJson(
        customerTags,
        {
          tenantId: [customerTags.tenantId, 'bigint'],
          customerId: [customerTags.customerId, 'bigint'],
          tagId: [customerTags.tagId, 'bigint'],
          source: [customerTags.source, 'text'],
          byAccount: [customerTags.addedByAccountId, 'bigint'],
          byStaff: [customerTags.addedByStaffId, 'bigint'],
        },
        pairs.map((p) => ({
          tenantId: ctx.actor.tenantId,
          customerId: p.customerId,
          tagId: p.tagId,
          source,
          byAccount: ctx.actor.accountId,
          byStaff: ctx.actor.staffId,
        })),
        // Pairs already present (or listed twice) are skipped.
        sql`on conflict do nothing returning customer_id, tag_id`,
      ),
    ),
  ).map((a) => ({ customerId: Number(a.customer_id), tagId: Number(a.tag_id), tagName: names.get(Number(a.tag_id)) }));
  await appendCustomerEvents(
    ctx,
    added.map((a) => ({ customerId: a.customerId, type: 'tag.added', data: { tagId: a.tagId, tagName: a.tagName, source } })),
  );
  return added;
}
