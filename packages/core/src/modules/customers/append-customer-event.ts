import { type Ctx, dbOf } from '../../context.ts';
import { insertFromJson } from '../../lib/bulk-sql.ts';
import { customerEvents } from './customers.tables.ts';

export type TCustomerEventInput = {
  customerId: number;
  // e.g. 'follow.added', 'follow.deleted', 'tag.added', 'tag.removed', 'group.joined', 'group.left',
  // 'message', 'order.paid', 'order.refunded', 'customer.created', 'customer.updated', 'handover'
  type: string;
  occurredAt?: Date;
  actorType?: 'customer' | 'staff' | 'account' | 'system';
  actorId?: string | number | null;
  // Names are copied in (tagName, staffName, groupName…) so the timeline reads well after renames.
  data?: Record<string, unknown>;
};

/**
 * Adds events to customers' timelines, in the caller's transaction if there is one. Every module
 * that changes something about a customer calls this.
 * @example
 * await appendCustomerEvents(ctx, [{ customerId, type: 'tag.added', data: { tagId, tagName } }]);
 */
export async function appendCustomerEvents(ctx: Ctx, events: TCustomerEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const now = ctx.now();
  const defaultActor = ctx.actor.accountId ? 'account' : 'system';
  // One JSON parameter however many events: imports append tens of thousands at once.
  await dbOf(ctx).execute(
    insertFromJson(
      customerEvents,
      {
        tenantId: [customerEvents.tenantId, 'bigint'],
        customerId: [customerEvents.customerId, 'bigint'],
        type: [customerEvents.type, 'text'],
        occurredAt: [customerEvents.occurredAt, 'timestamptz'],
        actorType: [customerEvents.actorType, 'text'],
        actorId: [customerEvents.actorId, 'text'],
        data: [customerEvents.data, 'jsonb'],
      },
      events.map((e) => ({
        tenantId: ctx.actor.tenantId,
        customerId: e.customerId,
        type: e.type,
        occurredAt: (e.occurredAt ?? now).toISOString(),
        actorType: e.actorType ?? defaultActor,
        actorId:
          e.actorId == null ? (e.actorType ? null : ctx.actor.accountId ? String(ctx.actor.accountId) : null) : String(e.actorId),
        data: e.data ?? {},
      })),
    ),
  );
}
