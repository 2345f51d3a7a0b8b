import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import type { TStaffRef } from '../org/lookups.ts';
import { syncFollowTags } from '../tags/sync-follow-tags.ts';
import { appendCustomerEvents } from './append-customer-event.ts';
import { customers, follows } from './customers.tables.ts';
import { ensureCustomerByExternalId } from './ensure-customer.ts';

type TOutcome = 'created' | 'updated' | 'unchanged';

/** One entry of WeCom's batch/get_by_user: a customer and one staff member's follow of them. */
export type TImportedFollowInput = {
  staff: TStaffRef;
  customer: { externalUserId: string; name: string; avatar?: string; gender?: number; unionId?: string };
  follow: {
    remark?: string;
    description?: string;
    state?: string;
    // follow_info.createtime: when the customer was (last) added.
    addedAt: Date | null;
    tagExternalIds: readonly string[];
  };
};

export type TImportedFollowResult = { customerId: number; customer: TOutcome; follow: TOutcome; tagsChanged: boolean };

/**
 * Brings one customer and follow from a WeCom import or reconcile into Pond: the customer is
 * created or its profile refreshed, the follow created or revived (when WeCom's add time is newer
 * than the deletion Pond knows) or its remark/description/state refreshed, and the staff member's
 * WeCom tags on the customer matched. Unlike a live add it fires nothing — no welcome message,
 * attribution, automations or rewards; the timeline gets `follow.added` with `source: 'sync'`.
 * Runs in the caller's transaction; unchanged data writes nothing.
 * @example
 * await upsertImportedFollow(ctx, { staff, customer: { externalUserId: 'wm1', name: '陈静' }, follow: { addedAt, tagExternalIds: [] } });
 */
export async function upsertImportedFollow(ctx: Ctx, input: TImportedFollowInput): Promise<TImportedFollowResult> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const { staff, customer: c, follow: f } = input;
  const now = ctx.now();
  const ensured = await ensureCustomerByExternalId(ctx, {
    externalUserId: c.externalUserId,
    name: c.name,
    avatar: c.avatar,
    gender: c.gender,
    unionId: c.unionId,
    storeId: staff.storeId,
    source: 'wecom',
    at: f.addedAt ?? now,
  });
  let customerOutcome: TOutcome = ensured.created ? 'created' : 'unchanged';
  if (!ensured.created) {
    const [row] = await db
      .select({
        name: customers.name,
        avatar: customers.avatar,
        gender: customers.gender,
        unionId: customers.unionId,
        storeId: customers.storeId,
      })
      .from(customers)
      .where(and(eq(customers.tenantId, tenantId), eq(customers.id, ensured.id)));
    const set: Partial<typeof customers.$inferInsert> = {};
    if (row) {
      if (c.name && c.name !== row.name) set.name = c.name;
      if (c.avatar !== undefined && c.avatar !== (row.avatar ?? '')) set.avatar = c.avatar;
      if (c.gender !== undefined && c.gender !== row.gender) set.gender = c.gender;
      if (c.unionId !== undefined && c.unionId !== (row.unionId ?? '')) set.unionId = c.unionId;
      // A customer without a store belongs to the store of a staff member who has them.
      if (row.storeId === null && staff.storeId !== null) set.storeId = staff.storeId;
    }
    if (Object.keys(set).length > 0) {
      customerOutcome = 'updated';
      await db
        .update(customers)
        .set({ ...set, updatedAt: now })
        .where(and(eq(customers.tenantId, tenantId), eq(customers.id, ensured.id)));
    }
  }

  const where = and(eq(follows.tenantId, tenantId), eq(follows.customerId, ensured.id), eq(follows.staffId, staff.id));
  const [row] = await db.select().from(follows).where(where).for('update');
  const addedAt = f.addedAt ?? now;
  let followOutcome: TOutcome = 'unchanged';
  const addedEvent = (readd: boolean) =>
    appendCustomerEvents(ctx, [
      {
        customerId: ensured.id,
        type: 'follow.added',
        occurredAt: addedAt,
        actorType: 'customer',
        actorId: ensured.id,
        data: { staffId: staff.id, staffName: staff.name, state: f.state ?? null, readd, source: 'sync' },
      },
    ]);
  if (!row) {
    const [inserted] = await db
      .insert(follows)
      .values({
        tenantId,
        customerId: ensured.id,
        staffId: staff.id,
        remark: f.remark ?? null,
        description: f.description ?? null,
        state: f.state || null,
        addedAt,
      })
      .onConflictDoNothing()
      .returning({ id: follows.id });
    if (!inserted)
      throw new Error(`follow of ${c.externalUserId} by ${staff.wecomUserId} was inserted meanwhile; retry the page`);
    await addedEvent(false);
    followOutcome = 'created';
  } else if (row.deletedAt !== null) {
    // WeCom lists the relation; it is newer than Pond's deletion only if the add time says so
    // (otherwise the deletion arrived after WeCom's list was read).
    if (f.addedAt === null || f.addedAt.getTime() > row.deletedAt.getTime()) {
      await db
        .update(follows)
        .set({
          addedAt,
          deletedAt: null,
          deletedBy: null,
          readds: row.readds + 1,
          remark: f.remark ?? row.remark,
          description: f.description ?? row.description,
          state: f.state || null,
        })
        .where(where);
      await addedEvent(true);
      followOutcome = 'updated';
    }
  } else {
    const set: Partial<typeof follows.$inferInsert> = {};
    if (f.remark !== undefined && f.remark !== (row.remark ?? '')) set.remark = f.remark;
    if (f.description !== undefined && f.description !== (row.description ?? '')) set.description = f.description;
    if (f.state && f.state !== row.state) set.state = f.state;
    if (Object.keys(set).length > 0) {
      await db.update(follows).set(set).where(where);
      followOutcome = 'updated';
    }
  }
  const tagChange = await syncFollowTags(ctx, { customerId: ensured.id, staffId: staff.id, tagExternalIds: f.tagExternalIds });
  const tagsChanged = tagChange.added + tagChange.removed > 0;
  if (tagsChanged && followOutcome === 'unchanged') followOutcome = 'updated';
  return { customerId: ensured.id, customer: customerOutcome, follow: followOutcome, tagsChanged };
}
