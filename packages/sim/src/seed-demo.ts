import type { Sealer } from '@pond/core/lib/crypto';
import { AppError } from '@pond/core/lib/errors';
import type { Db, DbLike } from '@pond/db';
import { type SQL, sql } from 'drizzle-orm';
import { BRAND } from './data/brand.ts';
import { createWorldStream, DEFAULT_CUSTOMERS, type TCustomerBatch, type TWorldMessage } from './world.ts';

export type TSeedDemoOptions = {
  db: Db;
  /** Seals phone numbers (customers.phone_enc) and computes their blind index (phone_hash). */
  sealer: Sealer;
  /** World seed, an integer in [0, 2^31); it is also stored as the simulator's seed. */
  seed: number;
  /** Number of customers; default 30,000. */
  customers?: number;
  /** The world's "now"; default today 00:00 Asia/Shanghai. */
  now?: Date;
  /** Customers generated and inserted per round trip; default 2,000. */
  batchSize?: number;
  /** Called after each customer batch, e.g. to print progress for large seeds. */
  onProgress?: (progress: { customers: number; total: number }) => void;
};

export type TSeedDemoCounts = {
  orgUnits: number;
  staff: number;
  tagGroups: number;
  tags: number;
  groups: number;
  customers: number;
  follows: number;
  customerTags: number;
  groupMembers: number;
  orders: number;
  messages: number;
  customerEvents: number;
};

export type TSeedDemoResult = {
  tenantId: number;
  now: Date;
  counts: TSeedDemoCounts;
  ms: number;
  /** Where the time went: generating and inserting rows, then deriving the timeline server-side. */
  phasesMs: { rows: number; timeline: number };
};

/**
 * Creates the demo tenant (slug `demo`, `is_demo`, channel `simulator`) and fills it with a
 * generated world: org, staff, tags, groups, customers with follows, tags, memberships, 90 days of
 * orders, a few days of group chat, and every customer's timeline. All in one transaction, so a
 * crash leaves nothing half-seeded. Refuses (CONFLICT) when tenant `demo` already exists. Creates
 * no console accounts.
 * @example
 * const database = await createDatabase({ kind: 'pglite' });
 * await runMigrations(database);
 * const result = await seedDemo({ db: database.db, sealer: createSealer(secret), seed: 42 });
 * result.counts.customers; // 30000
 */
export async function seedDemo(options: TSeedDemoOptions): Promise<TSeedDemoResult> {
  const started = performance.now();
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 2_147_483_647) {
    throw new AppError(
      'VALIDATION',
      `Seed ${options.seed} is not an integer between 0 and 2147483647. Pass a smaller whole number.`,
    );
  }
  const customerTotal = options.customers ?? DEFAULT_CUSTOMERS;
  const stream = createWorldStream({ seed: options.seed, customers: customerTotal, now: options.now });
  const { skeleton } = stream;
  const counts: TSeedDemoCounts = {
    orgUnits: 0,
    staff: 0,
    tagGroups: 0,
    tags: 0,
    groups: 0,
    customers: 0,
    follows: 0,
    customerTags: 0,
    groupMembers: 0,
    orders: 0,
    messages: 0,
    customerEvents: 0,
  };

  const phasesMs = { rows: 0, timeline: 0 };
  const tenantId = await options.db.transaction(async (tx) => {
    const existing = rowsOf(await tx.execute(sql`select id from tenants where slug = ${BRAND.slug}`));
    if (existing.length > 0) {
      throw new AppError(
        'CONFLICT',
        `Tenant "${BRAND.slug}" already exists. Drop the database (or that tenant) before seeding the demo again.`,
      );
    }
    const tenantRows = rowsOf(
      await tx.execute(sql`insert into tenants (slug, name, timezone, channel, is_demo, created_at)
        values (${skeleton.tenant.slug}, ${skeleton.tenant.name}, ${skeleton.tenant.timezone}, 'simulator', true, ${iso(skeleton.orgUnits[0]?.createdAt ?? skeleton.now)})
        returning id`),
    );
    const tenant = Number(tenantRows[0]?.id);
    const insert = (table: string, columns: readonly TColumn[], returning?: string) =>
      bulkInsert(tx, table, tenant, columns, returning);

    // Org units level by level, since each level needs its parent's id.
    const unitIds = new Map<number, number>();
    for (const kind of ['hq', 'region', 'store'] as const) {
      const units = skeleton.orgUnits.filter((u) => u.kind === kind);
      const rows = await insert(
        'org_units',
        [
          col(
            'parent_id',
            'bigint',
            units.map((u) => (u.parentRef === null ? null : (unitIds.get(u.parentRef) ?? null))),
          ),
          col(
            'kind',
            'text',
            units.map((u) => u.kind),
          ),
          col(
            'name',
            'text',
            units.map((u) => u.name),
          ),
          col(
            'code',
            'text',
            units.map((u) => u.code),
          ),
          col(
            'city',
            'text',
            units.map((u) => u.city),
          ),
          col(
            'address',
            'text',
            units.map((u) => u.address),
          ),
          col(
            'latitude',
            'float8',
            units.map((u) => u.latitude),
          ),
          col(
            'longitude',
            'float8',
            units.map((u) => u.longitude),
          ),
          col(
            'created_at',
            'timestamptz',
            units.map((u) => iso(u.createdAt)),
          ),
        ],
        'id, code',
      );
      const byCode = idMap(rows, 'code');
      for (const u of units) unitIds.set(u.ref, need(byCode, u.code));
    }
    counts.orgUnits = unitIds.size;

    const staffRows = await insert(
      'staff',
      [
        col(
          'name',
          'text',
          skeleton.staff.map((s) => s.name),
        ),
        col(
          'store_id',
          'bigint',
          skeleton.staff.map((s) => need(unitIds, s.storeRef)),
        ),
        col(
          'role',
          'text',
          skeleton.staff.map((s) => s.role),
        ),
        col(
          'wecom_user_id',
          'text',
          skeleton.staff.map((s) => s.wecomUserId),
        ),
        col(
          'mobile',
          'text',
          skeleton.staff.map((s) => s.mobile),
        ),
        col(
          'created_at',
          'timestamptz',
          skeleton.staff.map((s) => iso(s.createdAt)),
        ),
      ],
      'id, wecom_user_id',
    );
    const staffByUserId = idMap(staffRows, 'wecom_user_id');
    const staffIds = new Map(skeleton.staff.map((s) => [s.ref, need(staffByUserId, s.wecomUserId)] as const));
    counts.staff = staffIds.size;

    await insert('customer_fields', [
      col(
        'key',
        'text',
        skeleton.customerFields.map((f) => f.key),
      ),
      col(
        'label',
        'text',
        skeleton.customerFields.map((f) => f.label),
      ),
      col(
        'type',
        'text',
        skeleton.customerFields.map((f) => f.type),
      ),
      col(
        'options',
        'jsonb',
        skeleton.customerFields.map((f) => JSON.stringify(f.options)),
      ),
    ]);

    const setUpAt = iso(new Date(skeleton.now.getTime() - 190 * 86_400_000));
    const tagGroupRows = await insert(
      'tag_groups',
      [
        col(
          'name',
          'text',
          skeleton.tagGroups.map((g) => g.name),
        ),
        col(
          'sort',
          'int4',
          skeleton.tagGroups.map((g) => g.sort),
        ),
        col(
          'created_at',
          'timestamptz',
          skeleton.tagGroups.map(() => setUpAt),
        ),
      ],
      'id, name',
    );
    const tagGroupByName = idMap(tagGroupRows, 'name');
    const tagGroupIds = new Map(skeleton.tagGroups.map((g) => [g.ref, need(tagGroupByName, g.name)] as const));
    counts.tagGroups = tagGroupIds.size;
    const tagRows = await insert(
      'tags',
      [
        col(
          'group_id',
          'bigint',
          skeleton.tags.map((t) => need(tagGroupIds, t.groupRef)),
        ),
        col(
          'name',
          'text',
          skeleton.tags.map((t) => t.name),
        ),
        col(
          'source',
          'text',
          skeleton.tags.map((t) => t.source),
        ),
        col(
          'sort',
          'int4',
          skeleton.tags.map((t) => t.sort),
        ),
        col(
          'created_at',
          'timestamptz',
          skeleton.tags.map(() => setUpAt),
        ),
      ],
      `id, group_id::text || '/' || name as key`,
    );
    const tagByKey = idMap(tagRows, 'key');
    const tagIds = new Map(
      skeleton.tags.map((t) => [t.ref, need(tagByKey, `${need(tagGroupIds, t.groupRef)}/${t.name}`)] as const),
    );
    counts.tags = tagIds.size;

    const groupRows = await insert(
      'group_chats',
      [
        col(
          'external_chat_id',
          'text',
          skeleton.groups.map((g) => g.externalChatId),
        ),
        col(
          'name',
          'text',
          skeleton.groups.map((g) => g.name),
        ),
        col(
          'owner_staff_id',
          'bigint',
          skeleton.groups.map((g) => need(staffIds, g.ownerStaffRef)),
        ),
        col(
          'store_id',
          'bigint',
          skeleton.groups.map((g) => need(unitIds, g.storeRef)),
        ),
        col(
          'kind',
          'text',
          skeleton.groups.map((g) => g.kind),
        ),
        col(
          'member_cap',
          'int4',
          skeleton.groups.map((g) => g.memberCap),
        ),
        col(
          'notice',
          'text',
          skeleton.groups.map((g) => g.notice),
        ),
        col(
          'created_at',
          'timestamptz',
          skeleton.groups.map((g) => iso(g.createdAt)),
        ),
      ],
      'id, external_chat_id',
    );
    const groupByChatId = idMap(groupRows, 'external_chat_id');
    const groupIds = new Map(skeleton.groups.map((g) => [g.ref, need(groupByChatId, g.externalChatId)] as const));
    counts.groups = groupIds.size;
    counts.groupMembers += await insertMembers(insert, skeleton.staffMembers, groupIds, staffIds, []);

    // Customers stream through in batches; only their ids (8 bytes each) are kept.
    const customerIds = new Float64Array(customerTotal + 1);
    const customerId = (ref: number): number => {
      const id = customerIds[ref];
      if (!id) throw new Error(`customer ref ${ref} has no id yet`);
      return id;
    };
    for (const batch of stream.batches(options.batchSize ?? 2_000)) {
      await insertCustomerBatch(insert, options.sealer, batch, customerIds, { staffIds, unitIds, tagIds, groupIds });
      counts.customers += batch.customers.length;
      counts.follows += batch.follows.length;
      counts.customerTags += batch.customerTags.length;
      counts.groupMembers += batch.groupMembers.length;
      counts.orders += batch.orders.length;
      options.onProgress?.({ customers: counts.customers, total: customerTotal });
    }

    const messages = stream.messages();
    await insertMessages(
      insert,
      messages,
      { groupIds, staffIds, customerId },
      new Map(skeleton.groups.map((g) => [g.ref, g.externalChatId] as const)),
    );
    counts.messages = messages.length;

    phasesMs.rows = Math.round(performance.now() - started);
    counts.customerEvents = await insertTimeline(tx, tenant);
    phasesMs.timeline = Math.round(performance.now() - started) - phasesMs.rows;

    // member_count is maintained from join/leave events in production; here it is derived once.
    await tx.execute(sql`update group_chats g set member_count = m.n
      from (select group_id, count(*)::int as n from group_members where tenant_id = ${tenant} and left_at is null group by group_id) m
      where g.tenant_id = ${tenant} and g.id = m.group_id`);

    // The simulator continues this world from its "now", with the same seed.
    await tx.execute(sql`insert into sim_state (tenant_id, seed, clock, speed, step, running)
      values (${tenant}, ${options.seed}, ${iso(skeleton.now)}, 1, 0, 0)`);
    return tenant;
  });

  return { tenantId, now: skeleton.now, counts, ms: Math.round(performance.now() - started), phasesMs };
}

type TInsert = (table: string, columns: readonly TColumn[], returning?: string) => Promise<Record<string, unknown>[]>;

async function insertCustomerBatch(
  insert: TInsert,
  sealer: Sealer,
  batch: TCustomerBatch,
  customerIds: Float64Array,
  ids: {
    staffIds: Map<number, number>;
    unitIds: Map<number, number>;
    tagIds: Map<number, number>;
    groupIds: Map<number, number>;
  },
): Promise<void> {
  const c = batch.customers;
  if (c.length === 0) return;
  const rows = await insert(
    'customers',
    [
      col(
        'external_user_id',
        'text',
        c.map((x) => x.externalUserId),
      ),
      col(
        'name',
        'text',
        c.map((x) => x.name),
      ),
      col(
        'gender',
        'int2',
        c.map((x) => x.gender),
      ),
      col(
        'phone_enc',
        'text',
        c.map((x) => (x.phone ? sealer.seal(x.phone) : null)),
      ),
      col(
        'phone_hash',
        'text',
        c.map((x) => (x.phone ? sealer.blindIndex(x.phone) : null)),
      ),
      col(
        'attrs',
        'jsonb',
        c.map((x) => JSON.stringify(x.attrs)),
      ),
      col(
        'store_id',
        'bigint',
        c.map((x) => need(ids.unitIds, x.storeRef)),
      ),
      col(
        'source',
        'text',
        c.map(() => 'wecom'),
      ),
      col(
        'created_at',
        'timestamptz',
        c.map((x) => iso(x.createdAt)),
      ),
      col(
        'updated_at',
        'timestamptz',
        c.map((x) => iso(x.updatedAt)),
      ),
    ],
    'id, external_user_id',
  );
  const byExternal = idMap(rows, 'external_user_id');
  for (const x of c) customerIds[x.ref] = need(byExternal, x.externalUserId);
  const customerId = (ref: number): number => customerIds[ref] || fail(`customer ref ${ref} has no id`);

  const f = batch.follows;
  if (f.length > 0) {
    await insert('follows', [
      col(
        'customer_id',
        'bigint',
        f.map((x) => customerId(x.customerRef)),
      ),
      col(
        'staff_id',
        'bigint',
        f.map((x) => need(ids.staffIds, x.staffRef)),
      ),
      col(
        'remark',
        'text',
        f.map((x) => x.remark),
      ),
      col(
        'state',
        'text',
        f.map((x) => x.state),
      ),
      col(
        'added_at',
        'timestamptz',
        f.map((x) => iso(x.addedAt)),
      ),
      col(
        'deleted_at',
        'timestamptz',
        f.map((x) => isoOrNull(x.deletedAt)),
      ),
      col(
        'deleted_by',
        'text',
        f.map((x) => x.deletedBy),
      ),
    ]);
  }
  const t = batch.customerTags;
  if (t.length > 0) {
    await insert('customer_tags', [
      col(
        'customer_id',
        'bigint',
        t.map((x) => customerId(x.customerRef)),
      ),
      col(
        'tag_id',
        'bigint',
        t.map((x) => need(ids.tagIds, x.tagRef)),
      ),
      col(
        'source',
        'text',
        t.map((x) => x.source),
      ),
      col(
        'added_by_staff_id',
        'bigint',
        t.map((x) => (x.addedByStaffRef === null ? null : need(ids.staffIds, x.addedByStaffRef))),
      ),
      // The column behind customerTags.addedAt is `created_at`.
      col(
        'created_at',
        'timestamptz',
        t.map((x) => iso(x.addedAt)),
      ),
    ]);
  }
  await insertMembers(insert, batch.groupMembers, ids.groupIds, ids.staffIds, customerIds);
  const o = batch.orders;
  if (o.length > 0) {
    await insert('orders', [
      col(
        'external_id',
        'text',
        o.map((x) => x.externalId),
      ),
      col(
        'customer_id',
        'bigint',
        o.map((x) => customerId(x.customerRef)),
      ),
      col(
        'store_id',
        'bigint',
        o.map((x) => need(ids.unitIds, x.storeRef)),
      ),
      col(
        'staff_id',
        'bigint',
        o.map((x) => (x.staffRef === null ? null : need(ids.staffIds, x.staffRef))),
      ),
      col(
        'amount_cents',
        'int4',
        o.map((x) => x.amountCents),
      ),
      col(
        'status',
        'text',
        o.map((x) => x.status),
      ),
      col(
        'items',
        'jsonb',
        o.map((x) => JSON.stringify(x.items)),
      ),
      col(
        'paid_at',
        'timestamptz',
        o.map((x) => iso(x.paidAt)),
      ),
      col(
        'refunded_at',
        'timestamptz',
        o.map((x) => isoOrNull(x.refundedAt)),
      ),
      col(
        'created_at',
        'timestamptz',
        o.map((x) => iso(x.paidAt)),
      ),
    ]);
  }
}

async function insertMembers(
  insert: TInsert,
  members: TCustomerBatch['groupMembers'],
  groupIds: Map<number, number>,
  staffIds: Map<number, number>,
  customerIds: Float64Array | readonly number[],
): Promise<number> {
  if (members.length === 0) return 0;
  await insert('group_members', [
    col(
      'group_id',
      'bigint',
      members.map((m) => need(groupIds, m.groupRef)),
    ),
    col(
      'member_type',
      'text',
      members.map((m) => m.memberType),
    ),
    col(
      'customer_id',
      'bigint',
      members.map((m) =>
        m.customerRef === null ? null : customerIds[m.customerRef] || fail(`customer ref ${m.customerRef} has no id`),
      ),
    ),
    col(
      'staff_id',
      'bigint',
      members.map((m) => (m.staffRef === null ? null : need(staffIds, m.staffRef))),
    ),
    col(
      'external_member_id',
      'text',
      members.map((m) => m.externalMemberId),
    ),
    col(
      'joined_at',
      'timestamptz',
      members.map((m) => iso(m.joinedAt)),
    ),
    col(
      'left_at',
      'timestamptz',
      members.map((m) => isoOrNull(m.leftAt)),
    ),
    col(
      'join_scene',
      'int2',
      members.map((m) => m.joinScene),
    ),
    col(
      'inviter_staff_id',
      'bigint',
      members.map((m) => (m.inviterStaffRef === null ? null : need(staffIds, m.inviterStaffRef))),
    ),
    col(
      'state',
      'text',
      members.map((m) => m.state),
    ),
  ]);
  return members.length;
}

async function insertMessages(
  insert: TInsert,
  messages: readonly TWorldMessage[],
  ids: { groupIds: Map<number, number>; staffIds: Map<number, number>; customerId: (ref: number) => number },
  chatIds: Map<number, string>,
): Promise<void> {
  for (let start = 0; start < messages.length; start += 5_000) {
    const m = messages.slice(start, start + 5_000);
    await insert('messages', [
      col(
        'conversation',
        'text',
        m.map(() => 'group'),
      ),
      col(
        'group_id',
        'bigint',
        m.map((x) => need(ids.groupIds, x.groupRef)),
      ),
      col(
        'customer_id',
        'bigint',
        m.map((x) => (x.customerRef === null ? null : ids.customerId(x.customerRef))),
      ),
      col(
        'staff_id',
        'bigint',
        m.map((x) => (x.staffRef === null ? null : need(ids.staffIds, x.staffRef))),
      ),
      col(
        'sender_type',
        'text',
        m.map((x) => x.senderType),
      ),
      col(
        'msg_type',
        'text',
        m.map(() => 'text'),
      ),
      col(
        'content',
        'text',
        m.map((x) => x.content),
      ),
      col(
        'external_msg_id',
        'text',
        m.map((x) => x.externalMsgId),
      ),
      col(
        'sent_at',
        'timestamptz',
        m.map((x) => iso(x.sentAt)),
      ),
    ]);
    // The virtual WeCom's own log of the same chats, for the simulator's live view.
    await insert('sim_chat_log', [
      col(
        'conversation',
        'text',
        m.map((x) => `group:${chatIds.get(x.groupRef) ?? ''}`),
      ),
      col(
        'sender',
        'text',
        m.map((x) => x.senderExternalId),
      ),
      col(
        'sender_name',
        'text',
        m.map((x) => x.senderName),
      ),
      col(
        'msg_type',
        'text',
        m.map(() => 'text'),
      ),
      col(
        'content',
        'text',
        m.map((x) => x.content),
      ),
      col(
        'at',
        'timestamptz',
        m.map((x) => iso(x.sentAt)),
      ),
    ]);
  }
}

/**
 * Derives every customer's timeline from the rows just inserted, server-side: one statement per
 * event type, so the events carry the real ids (orderId, staffId…) and nothing crosses the wire.
 */
async function insertTimeline(tx: DbLike, tenant: number): Promise<number> {
  const statements: SQL[] = [
    sql`select c.tenant_id, c.id, 'customer.created', c.created_at, 'customer', null,
          jsonb_build_object('name', c.name, 'source', c.source, 'storeId', c.store_id)
        from customers c where c.tenant_id = ${tenant}`,
    sql`select f.tenant_id, f.customer_id, 'follow.added', f.added_at, 'customer', null,
          jsonb_build_object('staffId', f.staff_id, 'staffName', s.name, 'state', f.state)
        from follows f join staff s on s.tenant_id = f.tenant_id and s.id = f.staff_id
        where f.tenant_id = ${tenant}`,
    sql`select f.tenant_id, f.customer_id, 'follow.deleted', f.deleted_at,
          case when f.deleted_by = 'staff' then 'staff' else 'customer' end,
          case when f.deleted_by = 'staff' then f.staff_id::text end,
          jsonb_build_object('staffId', f.staff_id, 'staffName', s.name, 'by', f.deleted_by)
        from follows f join staff s on s.tenant_id = f.tenant_id and s.id = f.staff_id
        where f.tenant_id = ${tenant} and f.deleted_at is not null`,
    sql`select ct.tenant_id, ct.customer_id, 'tag.added', ct.created_at,
          case when ct.source = 'manual' then 'staff' else 'system' end,
          case when ct.source = 'manual' then ct.added_by_staff_id::text end,
          jsonb_build_object('tagId', t.id, 'tagName', t.name, 'groupName', g.name, 'source', ct.source)
        from customer_tags ct
        join tags t on t.tenant_id = ct.tenant_id and t.id = ct.tag_id
        join tag_groups g on g.tenant_id = t.tenant_id and g.id = t.group_id
        where ct.tenant_id = ${tenant}`,
    sql`select m.tenant_id, m.customer_id, 'group.joined', m.joined_at, 'customer', null,
          jsonb_build_object('groupId', g.id, 'groupName', g.name, 'joinScene', m.join_scene)
        from group_members m join group_chats g on g.tenant_id = m.tenant_id and g.id = m.group_id
        where m.tenant_id = ${tenant} and m.member_type = 'customer'`,
    sql`select m.tenant_id, m.customer_id, 'group.left', m.left_at, 'customer', null,
          jsonb_build_object('groupId', g.id, 'groupName', g.name)
        from group_members m join group_chats g on g.tenant_id = m.tenant_id and g.id = m.group_id
        where m.tenant_id = ${tenant} and m.member_type = 'customer' and m.left_at is not null`,
    sql`select o.tenant_id, o.customer_id, 'order.paid', o.paid_at, 'customer', null,
          jsonb_build_object('orderId', o.id, 'externalId', o.external_id, 'amountCents', o.amount_cents, 'storeId', o.store_id)
        from orders o where o.tenant_id = ${tenant}`,
    sql`select o.tenant_id, o.customer_id, 'order.refunded', o.refunded_at, 'system', null,
          jsonb_build_object('orderId', o.id, 'externalId', o.external_id, 'amountCents', o.amount_cents)
        from orders o where o.tenant_id = ${tenant} and o.status = 'refunded'`,
    sql`select m.tenant_id, m.customer_id, 'message', m.sent_at, 'customer', null,
          jsonb_build_object('conversation', m.conversation, 'groupId', m.group_id, 'groupName', g.name, 'messageId', m.id)
        from messages m join group_chats g on g.tenant_id = m.tenant_id and g.id = m.group_id
        where m.tenant_id = ${tenant} and m.customer_id is not null`,
  ];
  let total = 0;
  for (const select of statements) {
    const result = await tx.execute(
      sql`insert into customer_events (tenant_id, customer_id, type, occurred_at, actor_type, actor_id, data) ${select}`,
    );
    total += affectedRows(result);
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// Bulk insert: one statement per batch with one array parameter per column, unnested server-side.
// This avoids the 65,535-parameter limit of multi-row VALUES and is several times faster on PGlite.

type TColumn = { name: string; type: string; values: readonly unknown[] };

const col = (name: string, type: string, values: readonly unknown[]): TColumn => ({ name, type, values });

async function bulkInsert(
  tx: DbLike,
  table: string,
  tenant: number,
  columns: readonly TColumn[],
  returning?: string,
): Promise<Record<string, unknown>[]> {
  const names = sql.raw(columns.map((c) => c.name).join(', '));
  const arrays = sql.join(
    columns.map((c) => sql`${sql.param(c.values)}::${sql.raw(c.type)}[]`),
    sql`, `,
  );
  const tail = returning ? sql.raw(` returning ${returning}`) : sql``;
  const query = sql`insert into ${sql.raw(table)} (tenant_id, ${names}) select ${tenant}, * from unnest(${arrays})${tail}`;
  try {
    return rowsOf(await tx.execute(query));
  } catch (error) {
    // Drizzle's error and its cause embed every parameter (thousands of rows): keep the message only.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const code = cause && typeof cause === 'object' && 'code' in cause ? ` (${String(cause.code)})` : '';
    throw new Error(
      `seed-demo: inserting into ${table} failed${code}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  if (result && typeof result === 'object' && 'rows' in result && Array.isArray(result.rows))
    return result.rows as Record<string, unknown>[];
  return [];
}

function affectedRows(result: unknown): number {
  if (result && typeof result === 'object') {
    if ('rowCount' in result && typeof result.rowCount === 'number') return result.rowCount;
    if ('affectedRows' in result && typeof result.affectedRows === 'number') return result.affectedRows;
  }
  return 0;
}

function idMap(rows: readonly Record<string, unknown>[], key: string): Map<string, number> {
  // node-postgres returns bigint as a string, PGlite as a number.
  return new Map(rows.map((r) => [String(r[key]), Number(r.id)] as const));
}

function need<K>(map: Map<K, number>, key: K): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`seed-demo: no id for ${String(key)}`);
  return id;
}

function fail(message: string): never {
  throw new Error(`seed-demo: ${message}`);
}

const iso = (d: Date): string => d.toISOString();
const isoOrNull = (d: Date | null): string | null => (d === null ? null : d.toISOString());
