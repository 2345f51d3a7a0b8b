import { ChannelError, type TChannelEvent, type TInboundDelivery, type TSimAction, ZSimAction } from '@pond/channels';
import { groupConversation, newExternalUserId, privateConversation } from '@pond/channels/simulator/simulator-channel';
import type { Database } from '@pond/db';
import { channelErrorToAppError, getTenantChannelKind, simulatorOf } from '../../channels.ts';
import type { Ctx } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { assignExternalUserId } from '../customers/assign-external-user-id.ts';
import { getCustomerRefByExternalId, getFollowRef } from '../customers/customer-refs.ts';
import { getGroupRefByChatId, isGroupMember } from '../groups/group-refs.ts';
import { ingestEvent } from '../inbox/ingest-event.ts';
import { processInboxEvent } from '../inbox/process-inbox-event.ts';
import { recordOrder } from '../orders/record-order.ts';
import { unitExists } from '../org/lookups.ts';
import { requireStaffByWecomUserId } from '../org/require-staff.ts';
import { externalIdOf, requireScopedCustomer, requireScopedGroup, requireScopedStaff } from './sim-scope.ts';
import type { TDeliverMode, TSimActionResult } from './simulator.schemas.ts';

export const SIM_DELIVER_JOB = 'sim.deliver';

export type TPerformSimActionOptions = { deliver?: TDeliverMode; lateBySeconds?: number };

// Event times strictly increase per tenant, so that two actions within one tick of a paused or
// coarse simulated clock still have an order (the inbox orders transitions by time).
const lastEventAt = new WeakMap<Database, Map<number, number>>();
async function nextEventTime(ctx: Ctx): Promise<Date> {
  const clock = (await simulatorOf(ctx).now(ctx.actor.tenantId)).getTime();
  let perTenant = lastEventAt.get(ctx.database);
  if (!perTenant) {
    perTenant = new Map();
    lastEventAt.set(ctx.database, perTenant);
  }
  const at = Math.max(clock, (perTenant.get(ctx.actor.tenantId) ?? 0) + 1);
  perTenant.set(ctx.actor.tenantId, at);
  return new Date(at);
}

// WeCom's own dedupe key for events: FromUserName + CreateTime + ChangeType + the event's ids.
// The simulator's clock can run fast, so CreateTime is in milliseconds rather than seconds.
const dedupeKey = (at: Date, changeType: string, ...ids: string[]) => ['sys', String(at.getTime()), changeType, ...ids].join('|');

async function withChannelErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ChannelError) throw channelErrorToAppError(error);
    throw error;
  }
}

// Hands the callbacks to Pond the way the virtual WeCom's delivery mode says.
async function deliver(
  ctx: Ctx,
  deliveries: TInboundDelivery[],
  options: TPerformSimActionOptions,
): Promise<Pick<TSimActionResult, 'inboxEventIds' | 'duplicates' | 'deferred'>> {
  const mode = options.deliver ?? 'now';
  if (deliveries.length === 0) return { inboxEventIds: [], duplicates: 0, deferred: 0 };
  if (mode === 'late') {
    await ctx.queue.send(
      SIM_DELIVER_JOB,
      { tenantId: ctx.actor.tenantId, deliveries },
      { startAfter: options.lateBySeconds ?? 5 },
    );
    return { inboxEventIds: [], duplicates: 0, deferred: deliveries.length };
  }
  const inboxEventIds: number[] = [];
  let duplicates = 0;
  for (const delivery of deliveries) {
    for (let copy = 0; copy < (mode === 'twice' ? 2 : 1); copy++) {
      const stored = await ingestEvent(ctx, { channel: 'simulator', ...delivery });
      if (stored.duplicate) duplicates++;
      else inboxEventIds.push(stored.inboxEventId);
    }
  }
  // Processed at once, as a worker would right after the acknowledgement (the queued job then finds
  // the row done). A failure is recorded on the row and retried by that job; the action still happened.
  for (const inboxEventId of inboxEventIds) {
    try {
      await processInboxEvent(ctx, { tenantId: ctx.actor.tenantId, inboxEventId });
    } catch {
      // Recorded on the inbox row; the queue retries it.
    }
  }
  return { inboxEventIds, duplicates, deferred: 0 };
}

/**
 * Makes the virtual WeCom do one thing a customer does (add or delete a staff member, join or
 * leave a group, say something, buy something) and delivers what a real corp would send: the
 * normalised channel events go through `ingestEvent` exactly like a callback (WeCom-style dedupe
 * keys; a new customer gets a `wm…` external_userid; an add comes with a welcome code valid for
 * 20 s). Messages are also written to the chat log, as if session archive were on. Orders come
 * from the brand's POS, not from WeCom, so they are recorded directly. Scope: HQ roles anywhere,
 * store managers within their store, guides only as themselves with their own customers.
 * @example
 * const r = await performSimAction(ctx, { type: 'add_staff', staffId: 3, newCustomer: { name: '陈静' }, state: 'store-qr' });
 * // r.customerId, r.externalUserId, r.welcomeCode
 */
export async function performSimAction(
  ctx: Ctx,
  raw: TSimAction,
  options: TPerformSimActionOptions = {},
): Promise<TSimActionResult> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager', 'guide'], 'use the simulator');
  const parsed = ZSimAction.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'VALIDATION',
      `${issue?.path.join('.') ?? 'action'}: ${issue?.message ?? 'invalid'}. Correct it and try again.`,
    );
  }
  const action = parsed.data;
  const kind = await getTenantChannelKind(ctx.database, ctx.db, ctx.actor.tenantId);
  if (kind !== 'simulator') {
    throw new AppError('CONFLICT', 'This tenant is connected to WeCom; the simulator acts only for simulator tenants.');
  }
  const sim = simulatorOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const at = await nextEventTime(ctx);
  const iso = at.toISOString();

  switch (action.type) {
    case 'add_staff': {
      const member = await requireScopedStaff(ctx, action.staffId);
      if (member.status !== 'active')
        throw new AppError('CONFLICT', `${member.name} has resigned; customers cannot add them any more.`);
      let externalUserId: string;
      let name: string;
      let gender: number | undefined;
      if (action.customerId) {
        const customer = await requireScopedCustomer(ctx, action.customerId, { formerOf: member.id });
        if ((await getFollowRef(ctx, customer.id, member.id))?.active) {
          throw new AppError('CONFLICT', `Customer ${customer.id} is already a friend of ${member.name}.`);
        }
        externalUserId = customer.externalUserId ?? (await assignExternalUserId(ctx, customer.id, newExternalUserId()));
        name = customer.name;
      } else if (action.newCustomer) {
        externalUserId = newExternalUserId();
        name = action.newCustomer.name;
        gender = action.newCustomer.gender;
      } else {
        throw new AppError('VALIDATION', 'customerId or newCustomer: say who adds the staff member.');
      }
      const { code } = await sim.issueWelcomeCode({ tenantId, staffUserId: member.wecomUserId, externalUserId, at });
      const event: TChannelEvent = {
        type: 'customer.added',
        at: iso,
        staffUserId: member.wecomUserId,
        externalUserId,
        state: action.state,
        welcomeCode: code,
        customer: { name, gender },
      };
      const delivered = await deliver(
        ctx,
        [{ dedupeKey: dedupeKey(at, 'add_external_contact', member.wecomUserId, externalUserId), event }],
        options,
      );
      const customer = await getCustomerRefByExternalId(ctx, externalUserId);
      return { ok: true, ...delivered, externalUserId, welcomeCode: code, ...(customer ? { customerId: customer.id } : {}) };
    }

    case 'delete_staff': {
      const member = await requireScopedStaff(ctx, action.staffId);
      const customer = await requireScopedCustomer(ctx, action.customerId);
      const externalUserId = externalIdOf(customer);
      if (!(await getFollowRef(ctx, customer.id, member.id))?.active) {
        throw new AppError('CONFLICT', `Customer ${customer.id} is not a friend of ${member.name}; there is nothing to delete.`);
      }
      const byCustomer = action.by === 'customer';
      const event: TChannelEvent = {
        type: byCustomer ? 'customer.deleted_staff' : 'staff.deleted_customer',
        at: iso,
        staffUserId: member.wecomUserId,
        externalUserId,
      };
      const changeType = byCustomer ? 'del_follow_user' : 'del_external_contact';
      const delivered = await deliver(
        ctx,
        [{ dedupeKey: dedupeKey(at, changeType, member.wecomUserId, externalUserId), event }],
        options,
      );
      return { ok: true, ...delivered, customerId: customer.id, externalUserId };
    }

    case 'scan_contact_way': {
      const way = await withChannelErrors(() => sim.scanContactWay({ tenantId, configId: action.configId }));
      const member = await requireStaffByWecomUserId(ctx, way.staffUserId);
      return performSimAction(
        ctx,
        {
          type: 'add_staff',
          staffId: member.id,
          customerId: action.customerId,
          newCustomer: action.newCustomer,
          state: way.state,
        },
        options,
      );
    }

    case 'scan_join_way': {
      const way = await sim.getWay({ tenantId, configId: action.configId });
      if (way?.kind !== 'join') throw notFound('Join way', action.configId);
      // WeCom puts the scanner into the first listed group that has room.
      for (const chatId of way.members) {
        const group = await getGroupRefByChatId(ctx, chatId);
        if (group?.status === 'active' && group.memberCount < group.memberCap) {
          return performSimAction(
            ctx,
            { type: 'join_group', groupId: group.id, customerId: action.customerId, joinScene: 3, state: way.state },
            options,
          );
        }
      }
      throw new AppError('CONFLICT', 'Every group of this join way is full. Pond should have rotated a group with room in.', {
        channelCode: 'GROUP_FULL',
      });
    }

    case 'join_group':
    case 'leave_group': {
      const group = await requireScopedGroup(ctx, action.groupId);
      const customer = await requireScopedCustomer(ctx, action.customerId);
      const externalUserId = externalIdOf(customer);
      if (group.status !== 'active') throw new AppError('CONFLICT', `Group ${group.name} was dismissed.`);
      const inGroup = await isGroupMember(ctx, group.id, externalUserId);
      const joining = action.type === 'join_group';
      if (joining && inGroup) throw new AppError('CONFLICT', `Customer ${customer.id} is already in ${group.name}.`);
      if (!joining && !inGroup) throw new AppError('CONFLICT', `Customer ${customer.id} is not in ${group.name}.`);
      // WeCom refuses to add members beyond the group's cap.
      if (joining && group.memberCount >= group.memberCap) {
        throw new AppError('CONFLICT', `${group.name} is full (${group.memberCap} members). Use another group.`, {
          channelCode: 'GROUP_FULL',
        });
      }
      const members = [{ id: externalUserId, type: 'customer' as const, name: customer.name }];
      const event: TChannelEvent =
        action.type === 'join_group'
          ? {
              type: 'group.member_joined',
              at: iso,
              chatId: group.externalChatId,
              members,
              joinScene: action.joinScene,
              state: action.state,
            }
          : { type: 'group.member_left', at: iso, chatId: group.externalChatId, members, quitScene: 0 };
      const key = dedupeKey(
        at,
        'change_external_chat',
        'update',
        joining ? 'add_member' : 'del_member',
        group.externalChatId,
        externalUserId,
      );
      const delivered = await deliver(ctx, [{ dedupeKey: key, event }], options);
      return { ok: true, ...delivered, customerId: customer.id, externalUserId };
    }

    case 'message': {
      if ((action.groupId === undefined) === (action.staffId === undefined)) {
        throw new AppError(
          'VALIDATION',
          'groupId or staffId: a message goes to one group or to one staff member. Give exactly one.',
        );
      }
      const customer = await requireScopedCustomer(ctx, action.customerId);
      const externalUserId = externalIdOf(customer);
      let event: TChannelEvent;
      if (action.groupId !== undefined) {
        const group = await requireScopedGroup(ctx, action.groupId);
        if (!(await isGroupMember(ctx, group.id, externalUserId))) {
          throw new AppError('CONFLICT', `Customer ${customer.id} is not in ${group.name}; they cannot speak there.`);
        }
        const line = await withChannelErrors(() =>
          sim.appendChatLog({
            tenantId,
            conversation: groupConversation(group.externalChatId),
            sender: externalUserId,
            senderName: customer.name,
            content: action.content,
            at,
          }),
        );
        event = {
          type: 'message',
          at: iso,
          msgId: `simmsg_${line.id}`,
          conversation: 'group',
          chatId: group.externalChatId,
          sender: { id: externalUserId, type: 'customer' },
          msgType: 'text',
          content: action.content,
        };
      } else {
        const member = await requireScopedStaff(ctx, action.staffId ?? 0);
        if (!(await getFollowRef(ctx, customer.id, member.id))?.active) {
          throw new AppError(
            'CONFLICT',
            `Customer ${customer.id} is not a friend of ${member.name}; WeCom would not deliver the message.`,
          );
        }
        const line = await withChannelErrors(() =>
          sim.appendChatLog({
            tenantId,
            conversation: privateConversation(member.wecomUserId, externalUserId),
            sender: externalUserId,
            senderName: customer.name,
            content: action.content,
            at,
          }),
        );
        event = {
          type: 'message',
          at: iso,
          msgId: `simmsg_${line.id}`,
          conversation: 'private',
          staffUserId: member.wecomUserId,
          externalUserId,
          sender: { id: externalUserId, type: 'customer' },
          msgType: 'text',
          content: action.content,
        };
      }
      // Session archive keys messages by their msgid.
      const delivered = await deliver(ctx, [{ dedupeKey: event.msgId, event }], options);
      return { ok: true, ...delivered, customerId: customer.id, externalUserId, msgId: event.msgId };
    }

    case 'order': {
      const customer = await requireScopedCustomer(ctx, action.customerId);
      const storeId = action.storeId ?? customer.storeId;
      if (action.storeId !== undefined && !(await unitExists(ctx, action.storeId, 'store')))
        throw notFound('Store', action.storeId);
      if (action.staffId !== undefined) await requireScopedStaff(ctx, action.staffId);
      const day = iso.slice(0, 10).replaceAll('-', '');
      const { orderId } = await recordOrder(ctx, {
        externalId: `SIM-${day}-${newExternalUserId().slice(2, 12)}`,
        customerId: customer.id,
        storeId: storeId ?? null,
        staffId: action.staffId ?? null,
        amountCents: action.amountCents,
        items: action.items,
        paidAt: at,
        actorType: 'customer',
      });
      return { ok: true, inboxEventIds: [], duplicates: 0, deferred: 0, customerId: customer.id, orderId };
    }
  }
}
