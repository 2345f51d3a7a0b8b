import type { Ctx } from '../context.ts';

// What happened in Pond, after an inbound event (or an order, …) was applied. Later modules
// (automations, points, campaigns) subscribe here instead of reading other modules' tables.
// Times are when it happened at the source, not when Pond processed it.
type At = { at: Date };

export type TDomainEvent =
  // The customer added a staff member (add_external_contact); `readd` after an earlier deletion.
  | ({
      type: 'customer.added';
      customerId: number;
      staffId: number;
      state: string | null;
      readd: boolean;
      // The customer was new to the brand with this add (no earlier relation with any staff member).
      newCustomer: boolean;
      inboxEventId: number | null;
    } & At)
  // The customer deleted the staff member (del_follow_user).
  | ({ type: 'customer.deleted_staff'; customerId: number; staffId: number } & At)
  // The staff member deleted the customer (del_external_contact).
  | ({ type: 'staff.deleted_customer'; customerId: number; staffId: number } & At)
  | ({ type: 'customer.updated'; customerId: number; staffId: number; remark: string | null } & At)
  | ({
      type: 'customer.tags_changed';
      customerId: number;
      staffId: number | null;
      addedTagIds: number[];
      removedTagIds: number[];
    } & At)
  | ({ type: 'group.created'; groupId: number } & At)
  | ({ type: 'group.updated'; groupId: number; changes: string[] } & At)
  | ({ type: 'group.dismissed'; groupId: number } & At)
  | ({
      type: 'group.joined';
      groupId: number;
      memberType: 'customer' | 'staff';
      customerId: number | null;
      staffId: number | null;
      joinScene: number | null;
      state: string | null;
    } & At)
  | ({
      type: 'group.left';
      groupId: number;
      memberType: 'customer' | 'staff';
      customerId: number | null;
      staffId: number | null;
    } & At)
  | ({
      type: 'group.message';
      messageId: number;
      groupId: number;
      customerId: number | null;
      staffId: number | null;
      senderType: 'customer' | 'staff';
      content: string;
    } & At)
  | ({
      type: 'private.message';
      messageId: number;
      customerId: number;
      staffId: number;
      senderType: 'customer' | 'staff';
      content: string;
    } & At)
  | ({
      type: 'order.paid';
      orderId: number;
      customerId: number;
      amountCents: number;
      storeId: number | null;
      staffId: number | null;
    } & At)
  | ({ type: 'order.refunded'; orderId: number; customerId: number; amountCents: number } & At);

export type TDomainEventType = TDomainEvent['type'];
export type TDomainEventOf<K extends TDomainEventType> = Extract<TDomainEvent, { type: K }>;

/**
 * A subscriber. It runs inside the transaction that applied the change (`ctx.tx`), so whatever it
 * writes commits or rolls back with it, and a throw undoes the whole change (the inbox retries it).
 * Use `dbOf(ctx)` for every query: on the embedded database a query outside the transaction would
 * wait for it to end.
 */
export type DomainEventHandler<K extends TDomainEventType> = (ctx: Ctx, event: TDomainEventOf<K>) => Promise<void>;

type AnyHandler = (ctx: Ctx, event: TDomainEvent) => Promise<void>;
const handlers = new Map<TDomainEventType, AnyHandler[]>();

/**
 * Subscribes to one type of domain event, process-wide. Returns a function that unsubscribes.
 * @example
 * const off = onDomainEvent('customer.added', async (ctx, e) => { await tagNewCustomer(ctx, e.customerId); });
 */
export function onDomainEvent<K extends TDomainEventType>(type: K, handler: DomainEventHandler<K>): () => void {
  const list = handlers.get(type) ?? [];
  const wrapped = handler as unknown as AnyHandler;
  list.push(wrapped);
  handlers.set(type, list);
  return () => {
    const current = handlers.get(type) ?? [];
    handlers.set(
      type,
      current.filter((h) => h !== wrapped),
    );
  };
}

/**
 * Runs the subscribers of `event`, in order of subscription, in the caller's transaction.
 * @example
 * await emitDomainEvent(ctx, { type: 'group.joined', groupId, memberType: 'customer', customerId, staffId: null, joinScene: 3, state: null, at });
 */
export async function emitDomainEvent(ctx: Ctx, event: TDomainEvent): Promise<void> {
  for (const handler of handlers.get(event.type) ?? []) {
    await handler(ctx, event);
  }
}
