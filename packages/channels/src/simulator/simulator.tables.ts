import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const tenantId = () => bigint('tenant_id', { mode: 'number' }).notNull();
const at = (name: string) => timestamp(name, { withTimezone: true });

/** The virtual WeCom's own state per tenant: its clock and random seed. */
export const simState = pgTable('sim_state', {
  tenantId: tenantId().primaryKey(),
  seed: integer('seed').notNull(),
  // The simulated "now"; advances with real time × speed, or by fast-forward.
  clock: at('clock').notNull(),
  speed: integer('speed').notNull().default(1),
  // Random stream position, so a restart continues the same deterministic world.
  step: bigint('step', { mode: 'number' }).notNull().default(0),
  running: integer('running').notNull().default(0),
});

/** Welcome codes handed out with add events: valid 20 s, usable once (as in WeCom). */
export const simWelcomeCodes = pgTable(
  'sim_welcome_codes',
  {
    tenantId: tenantId(),
    code: text('code').notNull(),
    staffUserId: text('staff_user_id').notNull(),
    externalUserId: text('external_user_id').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.code] })],
);

/** Mass-send tasks: each staff member must confirm before customers receive anything. */
export const simMassTasks = pgTable(
  'sim_mass_tasks',
  {
    tenantId: tenantId(),
    msgId: text('msg_id').notNull(),
    // 'single' (to customers) | 'group' (to groups)
    chatType: text('chat_type').notNull(),
    staffUserId: text('staff_user_id').notNull(),
    // external_userids or chat_ids
    targets: jsonb('targets').$type<string[]>().notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    // 'waiting' | 'confirmed' | 'never'
    status: text('status').notNull().default('waiting'),
    // Per target: 0 unsent, 1 sent, 2 not a friend, 3 over the customer's monthly limit
    results: jsonb('results').$type<Record<string, number>>().notNull().default({}),
    createdAt: at('created_at').notNull().defaultNow(),
    confirmedAt: at('confirmed_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.msgId] })],
);

/** Everything said in the virtual WeCom's chats, including what Pond sent (for the live view). */
export const simChatLog = pgTable(
  'sim_chat_log',
  {
    tenantId: tenantId(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    // `group:<chat_id>` or `private:<userid>:<external_userid>`
    conversation: text('conversation').notNull(),
    // external_userid, userid, or 'pond'
    sender: text('sender').notNull(),
    senderName: text('sender_name').notNull(),
    msgType: text('msg_type').notNull().default('text'),
    content: text('content').notNull(),
    at: at('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('sim_chat_log_conv_idx').on(t.tenantId, t.conversation, t.at)],
);

/**
 * Requests the virtual WeCom has already carried out, by the caller's idempotency key: a repeat
 * (a retry after a crash) gets the first result back and changes nothing.
 */
export const simRequests = pgTable(
  'sim_requests',
  {
    tenantId: tenantId(),
    idempotencyKey: text('idempotency_key').notNull(),
    // The channel call, e.g. 'sendPrivateMessage'; a key reused for another call is refused.
    method: text('method').notNull(),
    result: jsonb('result').$type<Record<string, unknown>>().notNull().default({}),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.idempotencyKey] })],
);

/**
 * Contact ways (staff "contact me" codes) and join ways (group codes) of the virtual WeCom: what
 * `add_contact_way` / `add_join_way` created, with the list they hold now.
 */
export const simWays = pgTable(
  'sim_ways',
  {
    tenantId: tenantId(),
    configId: text('config_id').notNull(),
    // 'contact' (members are staff userids) | 'join' (members are chat_ids)
    kind: text('kind').notNull(),
    state: text('state').notNull(),
    members: jsonb('members').$type<string[]>().notNull(),
    // Round-robin position for contact ways with several staff members.
    turn: integer('turn').notNull().default(0),
    // How many times the list was replaced (update_contact_way / update_join_way).
    updates: integer('updates').notNull().default(0),
    createdAt: at('created_at').notNull().defaultNow(),
    deletedAt: at('deleted_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.configId] })],
);

/**
 * Moments tasks (add_moment_task) of the virtual WeCom. Who has published is not stored: it follows
 * from the creation time and the simulated clock (`momentPublished` in sim-moments.ts).
 */
export const simMomentTasks = pgTable(
  'sim_moment_tasks',
  {
    tenantId: tenantId(),
    momentId: text('moment_id').notNull(),
    staffUserIds: jsonb('staff_user_ids').$type<string[]>().notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.momentId] })],
);
