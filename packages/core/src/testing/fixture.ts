import type { Channel } from '@pond/channels';
import pino from 'pino';
import type { Deps } from '../context.ts';
import { createDeps } from '../deps.ts';
import { createApp } from '../http/app.ts';
import type { App } from '../http/app-env.ts';
import { accounts } from '../modules/access/access.tables.ts';
import { hashPassword } from '../modules/access/passwords.ts';
import { customers, follows } from '../modules/customers/customers.tables.ts';
import { groupChats, groupMembers } from '../modules/groups/groups.tables.ts';
import { orgUnits, staff, tenants } from '../modules/org/org.tables.ts';
import { tagGroups, tags } from '../modules/tags/tags.tables.ts';
import { createTestDatabase } from './test-database.ts';

export const TEST_PASSWORD = 'test-password-1';
export const TEST_SECRET = 'test-secret-test-secret-test-secret-0001';

export type TestWorld = {
  deps: Deps;
  app: App;
  cleanup: () => Promise<void>;
  tenantId: number;
  otherTenantId: number;
  ids: {
    hq: number;
    region: number;
    store1: number;
    store2: number;
    guide1: number;
    guide2: number;
    guide3: number;
    manager1: number;
    c1: number;
    c2: number;
    c3: number;
    otherTenantCustomer: number;
    tagGroup: number;
    tagFruit: number;
    tagMilk: number;
    group1: number;
    group2: number;
  };
  /** Logs in and returns the Cookie header value. */
  login: (username: string) => Promise<string>;
  /** A JSON request as `username` (or anonymous when `as` is null). */
  request: (method: string, path: string, options?: { as?: string | null; body?: unknown }) => Promise<Response>;
};

/**
 * A small tenant `acme` with two stores, four staff, six accounts (admin, operator, manager1 of
 * store 1, guide1/guide2 of store 1, guide3 of store 2), three customers (c1↔guide1, c2↔guide2,
 * c3↔guide3), tags and groups — plus a second tenant `other` with one customer, to prove isolation.
 * @example
 * const w = await createTestWorld();
 * const res = await w.request('GET', '/api/customers', { as: 'guide1' });
 */
export async function createTestWorld(options: { channelFor?: (tenantId: number) => Promise<Channel> } = {}): Promise<TestWorld> {
  const { database, cleanup } = await createTestDatabase();
  const deps = createDeps({
    database,
    secret: TEST_SECRET,
    log: pino({ level: process.env.POND_TEST_LOG ?? 'silent' }),
    channelFor: options.channelFor,
  });
  const db = deps.db;
  const [tenant] = await db.insert(tenants).values({ slug: 'acme', name: 'Acme Tea' }).returning();
  const [other] = await db.insert(tenants).values({ slug: 'other', name: 'Other Brand' }).returning();
  if (!tenant || !other) throw new Error('fixture: tenants not created');
  const tenantId = tenant.id;
  const unit = async (v: Omit<typeof orgUnits.$inferInsert, 'tenantId'>) => {
    const [row] = await db
      .insert(orgUnits)
      .values({ tenantId, ...v })
      .returning();
    if (!row) throw new Error('fixture: unit');
    return row.id;
  };
  const hq = await unit({ kind: 'hq', name: '总部', code: 'HQ' });
  const region = await unit({ kind: 'region', name: '华东', code: 'EAST', parentId: hq });
  const store1 = await unit({
    kind: 'store',
    name: '徐汇店',
    code: 'S1',
    parentId: region,
    city: '上海',
    address: '上海市徐汇区漕溪北路 88 号',
    latitude: 31.1932,
    longitude: 121.4375,
  });
  const store2 = await unit({
    kind: 'store',
    name: '西湖店',
    code: 'S2',
    parentId: region,
    city: '杭州',
    address: '杭州市西湖区文三路 100 号',
    latitude: 30.2775,
    longitude: 120.1386,
  });
  const person = async (name: string, storeId: number, role: string, wecomUserId: string) => {
    const [row] = await db.insert(staff).values({ tenantId, name, storeId, role, wecomUserId }).returning();
    if (!row) throw new Error('fixture: staff');
    return row.id;
  };
  const guide1 = await person('王芳', store1, 'guide', 'wangfang');
  const guide2 = await person('李娜', store1, 'guide', 'lina');
  const guide3 = await person('张伟', store2, 'guide', 'zhangwei');
  const manager1 = await person('刘洋', store1, 'store_manager', 'liuyang');

  const passwordHash = await hashPassword(TEST_PASSWORD);
  const account = (username: string, role: string, staffId: number | null, storeId: number | null) => ({
    tenantId,
    username,
    displayName: username,
    passwordHash,
    role,
    staffId,
    storeId,
  });
  await db
    .insert(accounts)
    .values([
      account('admin', 'admin', null, null),
      account('operator', 'operator', null, null),
      account('manager1', 'store_manager', manager1, store1),
      account('guide1', 'guide', guide1, store1),
      account('guide2', 'guide', guide2, store1),
      account('guide3', 'guide', guide3, store2),
      { ...account('admin', 'admin', null, null), tenantId: other.id },
    ]);

  const customer = async (tid: number, name: string, storeId: number | null, ext: string, phone?: string) => {
    const [row] = await db
      .insert(customers)
      .values({
        tenantId: tid,
        name,
        storeId,
        externalUserId: ext,
        source: 'wecom',
        phoneEnc: phone ? deps.sealer.seal(phone) : null,
        phoneHash: phone ? deps.sealer.blindIndex(phone) : null,
      })
      .returning();
    if (!row) throw new Error('fixture: customer');
    return row.id;
  };
  const c1 = await customer(tenantId, '陈静', store1, 'wm_c1', '13800001111');
  const c2 = await customer(tenantId, '杨磊', store1, 'wm_c2', '13900002222');
  const c3 = await customer(tenantId, '赵敏', store2, 'wm_c3');
  const otherTenantCustomer = await customer(other.id, '外人', null, 'wm_other');
  const addedAt = new Date('2026-01-01T00:00:00Z');
  await db.insert(follows).values([
    { tenantId, customerId: c1, staffId: guide1, addedAt, state: 'store-qr' },
    { tenantId, customerId: c2, staffId: guide2, addedAt },
    { tenantId, customerId: c3, staffId: guide3, addedAt },
  ]);
  const [tg] = await db.insert(tagGroups).values({ tenantId, name: '兴趣' }).returning();
  if (!tg) throw new Error('fixture: tag group');
  const [fruit, milk] = await db
    .insert(tags)
    .values([
      { tenantId, groupId: tg.id, name: '果茶' },
      { tenantId, groupId: tg.id, name: '奶茶' },
    ])
    .returning();
  if (!fruit || !milk) throw new Error('fixture: tags');
  const [g1, g2] = await db
    .insert(groupChats)
    .values([
      { tenantId, externalChatId: 'wr_g1', name: '徐汇店福利1群', ownerStaffId: guide1, storeId: store1, memberCount: 2 },
      { tenantId, externalChatId: 'wr_g2', name: '西湖店福利1群', ownerStaffId: guide3, storeId: store2, memberCount: 1 },
    ])
    .returning();
  if (!g1 || !g2) throw new Error('fixture: groups');
  await db.insert(groupMembers).values([
    { tenantId, groupId: g1.id, memberType: 'staff', staffId: guide1, externalMemberId: 'wangfang', joinedAt: addedAt },
    {
      tenantId,
      groupId: g1.id,
      memberType: 'customer',
      customerId: c1,
      externalMemberId: 'wm_c1',
      joinedAt: addedAt,
      joinScene: 3,
    },
    { tenantId, groupId: g2.id, memberType: 'staff', staffId: guide3, externalMemberId: 'zhangwei', joinedAt: addedAt },
  ]);

  const app = createApp(deps);
  const cookies = new Map<string, string>();
  const login = async (username: string) => {
    const cached = cookies.get(username);
    if (cached) return cached;
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'acme', username, password: TEST_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`fixture: login ${username} → ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    cookies.set(username, cookie);
    return cookie;
  };
  const request: TestWorld['request'] = async (method, path, { as = 'admin', body } = {}) => {
    const headers: Record<string, string> = {};
    if (as) headers.cookie = await login(as);
    if (body !== undefined) headers['content-type'] = 'application/json';
    return app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  };

  return {
    deps,
    app,
    cleanup,
    tenantId,
    otherTenantId: other.id,
    ids: {
      hq,
      region,
      store1,
      store2,
      guide1,
      guide2,
      guide3,
      manager1,
      c1,
      c2,
      c3,
      otherTenantCustomer,
      tagGroup: tg.id,
      tagFruit: fruit.id,
      tagMilk: milk.id,
      group1: g1.id,
      group2: g2.id,
    },
    login,
    request,
  };
}
