import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type Ctx, dbOf } from '../../context.ts';
import { customerTags, tags } from './tags.tables.ts';

// Published read functions of the tags module.

/** A condition: the customer in `customerId` carries every one of `tagIds`. */
export function hasAllTagsCondition(tenantId: number, customerId: AnyPgColumn, tagIds: readonly number[]): SQL {
  const unique = [...new Set(tagIds)];
  // One pass over the tag index (tenant_id, tag_id) instead of a subquery per customer.
  return sql`${customerId} in (select ${customerTags.customerId} from ${customerTags} where ${customerTags.tenantId} = ${tenantId} and ${customerTags.tagId} in (${sql.join(
    unique.map((id) => sql`${id}`),
    sql`, `,
  )}) group by ${customerTags.customerId} having count(*) = ${unique.length})`;
}

export type TCustomerTag = { id: number; name: string; groupId: number };

/** customerId → its tags, for a page of customers. */
export async function getTagsOfCustomers(ctx: Ctx, customerIds: readonly number[]): Promise<Map<number, TCustomerTag[]>> {
  const result = new Map<number, TCustomerTag[]>();
  if (customerIds.length === 0) return result;
  const rows = await dbOf(ctx)
    .select({ customerId: customerTags.customerId, id: tags.id, name: tags.name, groupId: tags.groupId })
    .from(customerTags)
    .innerJoin(tags, and(eq(tags.tenantId, customerTags.tenantId), eq(tags.id, customerTags.tagId)))
    .where(and(eq(customerTags.tenantId, ctx.actor.tenantId), inArray(customerTags.customerId, [...customerIds])))
    .orderBy(asc(tags.groupId), asc(tags.sort), asc(tags.id));
  for (const r of rows) {
    const list = result.get(r.customerId) ?? [];
    list.push({ id: r.id, name: r.name, groupId: r.groupId });
    result.set(r.customerId, list);
  }
  return result;
}
