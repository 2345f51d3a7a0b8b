import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, TEST_PASSWORD, type TestWorld } from '../../../testing/fixture.ts';
import { json } from '../../../testing/json.ts';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => {
  await w.cleanup();
});

const loginBody = (username: string, password: string, tenant = 'acme') => ({ tenant, username, password });

describe('auth', () => {
  it('logs in with an HTTP-only cookie, answers /api/me, and logs out', async () => {
    const res = await w.request('POST', '/api/auth/login', { as: null, body: loginBody('guide1', TEST_PASSWORD) });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/pond_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    const cookie = setCookie.split(';')[0] ?? '';
    const me = await w.app.request('/api/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await json(me)).account).toMatchObject({ username: 'guide1', role: 'guide', staffId: w.ids.guide1 });
    const out = await w.app.request('/api/auth/logout', { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    const after = await w.app.request('/api/me', { headers: { cookie } });
    expect(after.status).toBe(401);
    expect((await json(after)).error.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a wrong password and an unknown tenant alike', async () => {
    for (const body of [loginBody('admin', 'wrong-password'), loginBody('admin', TEST_PASSWORD, 'nope')]) {
      const res = await w.request('POST', '/api/auth/login', { as: null, body });
      expect(res.status).toBe(401);
      expect((await json(res)).error.code).toBe('INVALID_CREDENTIALS');
    }
  });

  it('rate-limits repeated failures for one account, even with the right password after', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await w.request('POST', '/api/auth/login', { as: null, body: loginBody('operator', `bad-${i}`) });
      expect(res.status).toBe(401);
    }
    const res = await w.request('POST', '/api/auth/login', { as: null, body: loginBody('operator', TEST_PASSWORD) });
    expect(res.status).toBe(429);
    expect((await json(res)).error.code).toBe('RATE_LIMITED');
  });

  it('does not accept the demo password outside the embedded demo', async () => {
    const { accounts } = await import('../access.tables.ts');
    const { hashPassword } = await import('../passwords.ts');
    await w.deps.db.insert(accounts).values({
      tenantId: w.tenantId,
      username: 'lazy',
      displayName: 'lazy',
      passwordHash: await hashPassword('pond-demo'),
      role: 'operator',
    });
    const res = await w.request('POST', '/api/auth/login', { as: null, body: loginBody('lazy', 'pond-demo') });
    expect(res.status).toBe(403);
  });

  it('only health, login, docs, the public customer pages and WeCom callbacks answer without a session', async () => {
    expect((await w.app.request('/api/health')).status).toBe(200);
    expect((await w.app.request('/api/openapi.json')).status).toBe(200);
    expect((await w.app.request('/api/docs')).status).toBe(200);
    const doc = (await json(await w.app.request('/api/openapi.json'))) as { paths: Record<string, Record<string, unknown>> };
    // WeCom's callback URL is checked by WeCom's signature instead (wecom-callback.int.test.ts).
    const open = ['/api/health', '/api/auth/login', '/api/openapi.json', '/api/channels/wecom/{tenant}/callback'];
    for (const [path, methods] of Object.entries(doc.paths)) {
      // /api/public/… find their tenant from a link or a customer token; the contract test walks them.
      if (open.includes(path) || path.startsWith('/api/public/')) continue;
      for (const method of Object.keys(methods)) {
        const url = path.replace(/\{[^}]+\}/g, '1');
        const res = await w.app.request(url, { method: method.toUpperCase() });
        expect(res.status, `${method} ${path}`).toBe(401);
      }
    }
  });

  it('audits role changes and shows the audit log to admins only', async () => {
    const list = await json(await w.request('GET', '/api/accounts?pageSize=50'));
    const guide2 = list.items.find((a: { username: string }) => a.username === 'guide2');
    const res = await w.request('PATCH', `/api/accounts/${guide2.id}`, { body: { role: 'operator' } });
    expect(res.status).toBe(200);
    const audit = await json(await w.request('GET', '/api/audit?action=account.role_change'));
    expect(audit.items[0]).toMatchObject({
      action: 'account.role_change',
      actorName: 'admin',
      details: { from: 'guide', to: 'operator' },
    });
    expect((await w.request('GET', '/api/audit', { as: 'guide1' })).status).toBe(403);
    await w.request('PATCH', `/api/accounts/${guide2.id}`, { body: { role: 'guide' } });
  });
});
