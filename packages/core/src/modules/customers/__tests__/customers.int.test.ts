import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { json } from '../../../testing/json.ts';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => {
  await w.cleanup();
});

const ids = (body: { items: { id: number }[] }) => body.items.map((i) => i.id).sort((a, b) => a - b);

describe('customers', () => {
  it('scopes the list: admin sees all, store manager the store, guide their own', async () => {
    const all = await json(await w.request('GET', '/api/customers'));
    expect(ids(all)).toEqual([w.ids.c1, w.ids.c2, w.ids.c3]);
    const mgr = await json(await w.request('GET', '/api/customers', { as: 'manager1' }));
    expect(ids(mgr)).toEqual([w.ids.c1, w.ids.c2]);
    const g1 = await json(await w.request('GET', '/api/customers', { as: 'guide1' }));
    expect(ids(g1)).toEqual([w.ids.c1]);
  });

  it("hides another guide's customer on every customer route", async () => {
    const c2 = w.ids.c2;
    for (const [method, path, body] of [
      ['GET', `/api/customers/${c2}`],
      ['GET', `/api/customers/${c2}/timeline`],
      ['GET', `/api/customers/${c2}/orders`],
      ['PATCH', `/api/customers/${c2}`, { name: 'x' }],
      ['POST', `/api/customers/${c2}/tags`, { tagIds: [w.ids.tagFruit] }],
      ['DELETE', `/api/customers/${c2}/tags/${w.ids.tagFruit}`],
      ['GET', `/api/orders?customerId=${c2}`],
    ] as const) {
      const res = await w.request(method, path, { as: 'guide1', body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    // And a customer of another tenant is invisible even to an admin.
    expect((await w.request('GET', `/api/customers/${w.ids.otherTenantCustomer}`)).status).toBe(404);
  });

  it('masks phones for guides only', async () => {
    const asGuide = await json(await w.request('GET', `/api/customers/${w.ids.c1}`, { as: 'guide1' }));
    expect(asGuide.phone).toBe('138****1111');
    const asAdmin = await json(await w.request('GET', `/api/customers/${w.ids.c1}`));
    expect(asAdmin.phone).toBe('13800001111');
  });

  it('tags a customer, filters by tag, and shows it on the timeline', async () => {
    const res = await w.request('POST', `/api/customers/${w.ids.c1}/tags`, { as: 'guide1', body: { tagIds: [w.ids.tagFruit] } });
    expect(res.status).toBe(200);
    expect((await json(res)).added).toEqual([w.ids.tagFruit]);
    const again = await json(
      await w.request('POST', `/api/customers/${w.ids.c1}/tags`, { as: 'guide1', body: { tagIds: [w.ids.tagFruit] } }),
    );
    expect(again.added).toEqual([]);
    const filtered = await json(await w.request('GET', `/api/customers?tagIds=${w.ids.tagFruit}`));
    expect(ids(filtered)).toEqual([w.ids.c1]);
    const both = await json(await w.request('GET', `/api/customers?tagIds=${w.ids.tagFruit},${w.ids.tagMilk}`));
    expect(both.total).toBe(0);
    const timeline = await json(await w.request('GET', `/api/customers/${w.ids.c1}/timeline`));
    expect(timeline.items[0]).toMatchObject({ type: 'tag.added', data: { tagName: '果茶' } });
    const removed = await w.request('DELETE', `/api/customers/${w.ids.c1}/tags/${w.ids.tagFruit}`, { as: 'guide1' });
    expect(removed.status).toBe(204);
    const after = await json(await w.request('GET', `/api/customers/${w.ids.c1}`));
    expect(after.tags).toEqual([]);
  });

  it('finds customers by phone without storing it in clear', async () => {
    const found = await json(await w.request('GET', '/api/customers?q=13900002222'));
    expect(ids(found)).toEqual([w.ids.c2]);
  });

  it('creates and updates a customer with typed custom fields', async () => {
    const field = await w.request('POST', '/api/customer-fields', { body: { key: 'birthday', label: '生日', type: 'date' } });
    expect(field.status).toBe(201);
    const bad = await w.request('POST', '/api/customers', { body: { name: '新客', attrs: { birthday: 'soon' } } });
    expect(bad.status).toBe(400);
    const unknown = await w.request('POST', '/api/customers', { body: { name: '新客', attrs: { shoe: 42 } } });
    expect(unknown.status).toBe(400);
    const created = await w.request('POST', '/api/customers', {
      body: { name: '新客', phone: '13711112222', storeId: w.ids.store1, attrs: { birthday: '1995-04-01' } },
    });
    expect(created.status).toBe(201);
    const body = await json(created);
    expect(body).toMatchObject({ name: '新客', phone: '13711112222', storeName: '徐汇店', attrs: { birthday: '1995-04-01' } });
    const updated = await json(await w.request('PATCH', `/api/customers/${body.id}`, { body: { name: '老客' } }));
    expect(updated.name).toBe('老客');
    expect(updated.attrs).toEqual({ birthday: '1995-04-01' });
    expect((await w.request('POST', '/api/customers', { as: 'guide1', body: { name: 'x' } })).status).toBe(403);
  });
});

describe('tags', () => {
  it('deletes a tag everywhere and audits it with the count', async () => {
    const group = await json(await w.request('POST', '/api/tag-groups', { body: { name: '生命周期', tags: ['新客', '活跃'] } }));
    const tagId = group.tags[0].id;
    await w.request('POST', `/api/customers/${w.ids.c3}/tags`, { body: { tagIds: [tagId] } });
    const dup = await w.request('POST', '/api/tags', { body: { groupId: group.id, name: '新客' } });
    expect(dup.status).toBe(409);
    expect((await w.request('DELETE', `/api/tags/${tagId}`, { as: 'guide1' })).status).toBe(403);
    expect((await w.request('DELETE', `/api/tags/${tagId}`)).status).toBe(204);
    const c3 = await json(await w.request('GET', `/api/customers/${w.ids.c3}`));
    expect(c3.tags).toEqual([]);
    const audit = await json(await w.request('GET', '/api/audit?action=tag.delete'));
    expect(audit.items[0].details).toMatchObject({ name: '新客', customersAffected: 1 });
  });
});

describe('handover', () => {
  it('moves customers and groups, keeps history, marks resigned, audits', async () => {
    const res = await w.request('POST', `/api/staff/${w.ids.guide1}/handover`, {
      as: 'manager1',
      body: { toStaffId: w.ids.guide2, kind: 'resigned', includeGroups: true },
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ customersMoved: 1, groupsMoved: 1 });
    const c1 = await json(await w.request('GET', `/api/customers/${w.ids.c1}`, { as: 'guide2' }));
    expect(c1.staff).toEqual([{ id: w.ids.guide2, name: '李娜' }]);
    const timeline = await json(await w.request('GET', `/api/customers/${w.ids.c1}/timeline`, { as: 'guide2' }));
    expect(timeline.items.map((e: { type: string }) => e.type)).toContain('tag.added');
    expect(timeline.items[0]).toMatchObject({ type: 'handover', data: { fromStaffName: '王芳', toStaffName: '李娜' } });
    const group = await json(await w.request('GET', `/api/groups/${w.ids.group1}`, { as: 'guide2' }));
    expect(group.ownerName).toBe('李娜');
    const staff = await json(await w.request('GET', `/api/staff/${w.ids.guide1}`));
    expect(staff.status).toBe('resigned');
    const cross = await w.request('POST', `/api/staff/${w.ids.guide2}/handover`, {
      as: 'manager1',
      body: { toStaffId: w.ids.guide3, kind: 'in_service', includeGroups: false },
    });
    expect(cross.status).toBe(403);
    const audit = await json(await w.request('GET', '/api/audit?action=staff.handover'));
    expect(audit.total).toBe(1);
    const history = await json(await w.request('GET', '/api/handovers'));
    expect(history.items[0]).toMatchObject({ fromStaffName: '王芳', toStaffName: '李娜', customersMoved: 1 });
  });
});

describe('groups and dashboard', () => {
  it('lists groups in scope with members', async () => {
    const mgr = await json(await w.request('GET', '/api/groups', { as: 'manager1' }));
    expect(mgr.items.map((g: { id: number }) => g.id)).toEqual([w.ids.group1]);
    expect((await w.request('GET', `/api/groups/${w.ids.group2}`, { as: 'manager1' })).status).toBe(404);
    const members = await json(await w.request('GET', `/api/groups/${w.ids.group1}/members`));
    expect(members.items.map((m: { name: string }) => m.name).sort()).toEqual(['王芳', '陈静'].sort());
  });

  it('summarises the tenant', async () => {
    const s = await json(await w.request('GET', '/api/dashboard/summary'));
    expect(s).toMatchObject({ groups: 2, stores: 2 });
    expect(s.customers).toBeGreaterThanOrEqual(3);
  });
});
