import { index, integer, pgTable, primaryKey, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';

/** A WeCom customer group (客户群). */
export const groupChats = pgTable(
  'group_chats',
  {
    tenantId: tenantId(),
    id: identityId(),
    // WeCom `chat_id`.
    externalChatId: text('external_chat_id').notNull(),
    name: text('name').notNull(),
    ownerStaffId: ref('owner_staff_id'),
    storeId: ref('store_id'),
    // 'store' (the store's customer group) | 'vip' | 'activity' | 'other'
    kind: text('kind').notNull().default('store'),
    memberCap: integer('member_cap').notNull().default(200),
    notice: text('notice'),
    // 'active' | 'dismissed'
    status: text('status').notNull().default('active'),
    // Current members (customers and staff), maintained from join/leave events.
    memberCount: integer('member_count').notNull().default(0),
    createdAt: createdAt(),
    dismissedAt: ts('dismissed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('group_chats_external_uq').on(t.tenantId, t.externalChatId),
    index('group_chats_store_idx').on(t.tenantId, t.storeId),
    index('group_chats_owner_idx').on(t.tenantId, t.ownerStaffId),
  ],
);

/** One row per (group, member); the timeline keeps earlier join/leave cycles. */
export const groupMembers = pgTable(
  'group_members',
  {
    tenantId: tenantId(),
    id: identityId(),
    groupId: ref('group_id').notNull(),
    // 'customer' | 'staff'
    memberType: text('member_type').notNull(),
    customerId: ref('customer_id'),
    staffId: ref('staff_id'),
    // WeCom userid or external_userid of the member.
    externalMemberId: text('external_member_id').notNull(),
    joinedAt: ts('joined_at').notNull(),
    leftAt: ts('left_at'),
    // WeCom join_scene: 1 invited directly, 2 invite link, 3 QR code.
    joinScene: smallint('join_scene'),
    inviterStaffId: ref('inviter_staff_id'),
    // The join way `state` the member came through, if any.
    state: text('state'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('group_members_uq').on(t.tenantId, t.groupId, t.externalMemberId),
    index('group_members_customer_idx').on(t.tenantId, t.customerId),
  ],
);

/** Messages in groups and private chats, as delivered by a message source. */
export const messages = pgTable(
  'messages',
  {
    tenantId: tenantId(),
    id: identityId(),
    // 'group' | 'private'
    conversation: text('conversation').notNull(),
    groupId: ref('group_id'),
    // For private chats: the customer and the staff member; for groups: the sender if a customer.
    customerId: ref('customer_id'),
    staffId: ref('staff_id'),
    // 'customer' | 'staff' | 'pond'
    senderType: text('sender_type').notNull(),
    // 'text' | 'image' | 'link' | 'miniprogram' | 'video' | 'file'
    msgType: text('msg_type').notNull().default('text'),
    content: text('content').notNull(),
    // Source message id (session archive msgid, simulator id) for dedupe.
    externalMsgId: text('external_msg_id'),
    sentAt: ts('sent_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('messages_external_uq').on(t.tenantId, t.externalMsgId),
    index('messages_group_idx').on(t.tenantId, t.groupId, t.sentAt),
    index('messages_customer_idx').on(t.tenantId, t.customerId, t.sentAt),
  ],
);
