import { and, eq, gt, isNull, lt, lte, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import type { TDomainEventOf } from '../../events/domain-events.ts';
import { deterministicJobId } from '../../lib/job-ids.ts';
import { appendCustomerEvents } from '../customers/append-customer-event.ts';
import { getCustomerRef } from '../customers/customer-refs.ts';
import { setFollowRemark } from '../customers/set-follow-remark.ts';
import { getOrderStats } from '../orders/order-queries.ts';
import { getStaffById, getUnitNames } from '../org/lookups.ts';
import { enqueueAction } from '../outbox/enqueue-action.ts';
import { addCustomerTags } from '../tags/add-customer-tags.ts';
import { getTagsByIds } from '../tags/manage-tags.ts';
import { parseLiveCodeState, renderRemark } from './live-code-templates.ts';
import { liveCodeAttributions, liveCodeDailyCounts, liveCodes } from './live-codes.tables.ts';
import { LIVE_CODE_TIME_ZONE, localClock } from './route-live-code.ts';

export const LIVE_CODE_APPLY_JOB = 'live-codes.apply';

/**
 * Adds one to a code's counters of a day and staff member, by upsert (never read-modify-write),
 * and returns the new counts of that row.
 */
export async function bumpLiveCodeCount(
  ctx: Ctx,
  key: { codeId: number; day: string; staffId: number },
  delta: Partial<Record<'added' | 'readds' | 'deletedByCustomer' | 'deletedByStaff', 1>>,
): Promise<{ added: number }> {
  const t = liveCodeDailyCounts;
  const [row] = await dbOf(ctx)
    .insert(t)
    .values({ tenantId: ctx.actor.tenantId, ...key, ...delta })
    .onConflictDoUpdate({
      target: [t.tenantId, t.codeId, t.day, t.staffId],
      set: {
        added: sql`${t.added} + ${delta.added ?? 0}`,
        readds: sql`${t.readds} + ${delta.readds ?? 0}`,
        deletedByCustomer: sql`${t.deletedByCustomer} + ${delta.deletedByCustomer ?? 0}`,
        deletedByStaff: sql`${t.deletedByStaff} + ${delta.deletedByStaff ?? 0}`,
      },
    })
    .returning({ added: t.added });
  return { added: row?.added ?? 0 };
}

/**
 * A customer added a staff member (`customer.added`). Any add of the pair ends the pair's earlier
 * attributions (the follow now belongs to the newest add). When the state is a live code's
 * (`lc<id>`): records the attribution (code, channel, staff, customer, time, re-add), counts it,
 * puts the code's tags on the customer (and marks them in WeCom through the outbox where the tags
 * are synced), works out the remark, notes whether the customer had ordered before, and — when the
 * add brings the staff member to their cap — queues the code's routing at once. Runs in the add's
 * transaction; a redelivered add finds its attribution and changes nothing.
 *
 * Re-adds: 'same_staff' when the pair was in relation before (`readd`), 'other_staff' when the
 * customer was not new to the brand (`newCustomer` false), else a first add.
 */
export async function attributeLiveCodeAdd(ctx: Ctx, event: TDomainEventOf<'customer.added'>): Promise<number | null> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const a = liveCodeAttributions;
  await db
    .update(a)
    .set({ supersededAt: event.at })
    .where(
      and(
        eq(a.tenantId, tenantId),
        eq(a.customerId, event.customerId),
        eq(a.staffId, event.staffId),
        isNull(a.deletedAt),
        isNull(a.supersededAt),
        lt(a.addedAt, event.at),
      ),
    );

  const codeId = parseLiveCodeState(event.state);
  if (codeId === null) return null;
  // Archived or deleted codes still attribute late adds: the add did come through them.
  const [code] = await db
    .select()
    .from(liveCodes)
    .where(and(eq(liveCodes.tenantId, tenantId), eq(liveCodes.id, codeId)));
  if (!code) {
    ctx.log.warn({ tenantId, state: event.state }, 'live code: an add carries the state of a code that does not exist');
    return null;
  }
  const day = localClock(event.at, LIVE_CODE_TIME_ZONE).day;
  const readd = event.readd ? 'same_staff' : event.newCustomer ? null : 'other_staff';
  // In the add's transaction: one query at a time.
  const member = await getStaffById(ctx, event.staffId);
  const customer = await getCustomerRef(ctx, event.customerId);
  const orders = await getOrderStats(ctx, [event.customerId]);
  const storeName = member?.storeId ? ((await getUnitNames(ctx, [member.storeId])).get(member.storeId) ?? '') : '';
  const remark = renderRemark(code.remarkTemplate, {
    channel: code.channelName,
    day,
    staffName: member?.name ?? '',
    customerName: customer?.name ?? '',
    storeName,
  });
  // Orders already recorded: one before the add means the customer was a buyer already; one after it
  // (an add event delivered late) is taken as the first order after the add.
  const stats = orders.get(event.customerId);
  const lastOrderAt = stats?.lastOrderAt ? new Date(stats.lastOrderAt) : null;
  const orderedBefore =
    !!stats && stats.orderCount > 0 && (lastOrderAt === null || lastOrderAt < event.at || stats.orderCount > 1);
  const firstOrderAt = stats && lastOrderAt && lastOrderAt >= event.at ? lastOrderAt : null;

  const [attribution] = await db
    .insert(a)
    .values({
      tenantId,
      codeId,
      customerId: event.customerId,
      staffId: event.staffId,
      channelName: code.channelName,
      addedAt: event.at,
      day,
      readd,
      remark,
      orderedBefore,
      firstOrderAt,
    })
    .onConflictDoNothing()
    .returning({ id: a.id });
  if (!attribution) return null;

  const { added } = await bumpLiveCodeCount(
    ctx,
    { codeId, day, staffId: event.staffId },
    readd ? { added: 1, readds: 1 } : { added: 1 },
  );

  await appendCustomerEvents(ctx, [
    {
      customerId: event.customerId,
      type: 'live_code.added',
      occurredAt: event.at,
      actorType: 'customer',
      actorId: event.customerId,
      data: {
        codeId,
        codeName: code.name,
        channelName: code.channelName,
        staffId: event.staffId,
        staffName: member?.name ?? null,
        remark,
        readd,
      },
    },
  ]);

  if (code.tagIds.length > 0) {
    const tags = await getTagsByIds(ctx, code.tagIds);
    const pairs = [...tags.values()].map((t) => ({ customerId: event.customerId, tagId: t.id, tagName: t.name }));
    await addCustomerTags(ctx, pairs, 'code');
    const synced = [...tags.values()].flatMap((t) => (t.externalId ? [t.externalId] : []));
    if (synced.length > 0 && member && customer?.externalUserId) {
      await enqueueAction(ctx, {
        idempotencyKey: `live-code-tags:${attribution.id}`,
        kind: 'mark_tags',
        payload: {
          staffUserId: member.wecomUserId,
          externalUserId: customer.externalUserId,
          addTagIds: synced,
          removeTagIds: [],
        },
      });
    }
  }

  // The remark goes on the follow in Pond and, through the outbox, to the channel (no callback comes back).
  if (remark) {
    const written = await setFollowRemark(ctx, { customerId: event.customerId, staffId: event.staffId, remark });
    if (written && member && customer?.externalUserId) {
      await enqueueAction(ctx, {
        idempotencyKey: `live-code-remark:${attribution.id}`,
        kind: 'remark',
        payload: { staffUserId: member.wecomUserId, externalUserId: customer.externalUserId, remark: written },
      });
    }
  }

  const cap = code.pool.find((m) => m.staffId === event.staffId)?.dailyCap ?? code.dailyCap;
  if (cap !== null && cap !== undefined && added >= cap && code.status === 'active' && code.deletedAt === null) {
    await ctx.queue.send(
      LIVE_CODE_APPLY_JOB,
      { tenantId, codeId, reason: 'cap' },
      { tx: db, id: deterministicJobId(`live-code:${tenantId}:${codeId}:cap:${event.staffId}:${day}:${added}`) },
    );
  }
  return attribution.id;
}

/**
 * The follow ended (`customer.deleted_staff` / `staff.deleted_customer`): the pair's open
 * attribution, if the follow came through a live code, is closed and counted on the deletion's day
 * as deleted by the customer or by the staff member. Only once: the conditional update finds
 * nothing the second time.
 */
export async function recordLiveCodeDeletion(
  ctx: Ctx,
  event: TDomainEventOf<'customer.deleted_staff'> | TDomainEventOf<'staff.deleted_customer'>,
): Promise<void> {
  const a = liveCodeAttributions;
  const by = event.type === 'customer.deleted_staff' ? 'customer' : 'staff';
  const closed = await dbOf(ctx)
    .update(a)
    .set({ deletedAt: event.at, deletedBy: by })
    .where(
      and(
        eq(a.tenantId, ctx.actor.tenantId),
        eq(a.customerId, event.customerId),
        eq(a.staffId, event.staffId),
        isNull(a.deletedAt),
        isNull(a.supersededAt),
        lte(a.addedAt, event.at),
      ),
    )
    .returning({ codeId: a.codeId, staffId: a.staffId });
  const day = localClock(event.at, LIVE_CODE_TIME_ZONE).day;
  for (const row of closed) {
    await bumpLiveCodeCount(
      ctx,
      { codeId: row.codeId, day, staffId: row.staffId },
      by === 'customer' ? { deletedByCustomer: 1 } : { deletedByStaff: 1 },
    );
  }
}

/**
 * A paid order (`order.paid`) decides conversions. A customer converts at most once per code: the
 * conversion belongs to their latest add through the code before their first paid order. So the
 * order goes on that add (unless an earlier order already converted the customer for that code);
 * a later order it displaces stops being the first; adds made after the order are marked
 * `ordered_before` (the customer was a buyer already). Conditional updates only, so a repeated or
 * late `order.paid` leaves the same result. A later refund does not undo a conversion.
 */
export async function recordLiveCodeOrder(ctx: Ctx, event: TDomainEventOf<'order.paid'>): Promise<void> {
  const a = liveCodeAttributions;
  const db = dbOf(ctx);
  const t = ctx.actor.tenantId;
  const at = event.at.toISOString();
  await db.execute(sql`
    update ${a} set first_order_at = ${at}, first_order_id = ${event.orderId}
    where ${a.tenantId} = ${t} and ${a.customerId} = ${event.customerId}
      and ${a.id} in (
        select distinct on (l.code_id) l.id from ${a} l
        where l.tenant_id = ${t} and l.customer_id = ${event.customerId} and l.added_at <= ${at}
        order by l.code_id, l.added_at desc, l.id desc)
      and (${a.firstOrderAt} is null or ${a.firstOrderAt} > ${at})
      and not exists (
        select 1 from ${a} o
        where o.tenant_id = ${t} and o.customer_id = ${event.customerId} and o.code_id = ${a.codeId}
          and o.id <> ${a.id} and o.first_order_at is not null and o.first_order_at <= ${at})`);
  const mine = and(eq(a.tenantId, t), eq(a.customerId, event.customerId));
  // Adds after this order: the customer had ordered before them; a conversion they held is not one.
  await db
    .update(a)
    .set({ orderedBefore: true })
    .where(and(mine, gt(a.addedAt, event.at), eq(a.orderedBefore, false)));
}
