import { createHash } from 'node:crypto';
import { type FakeWecom, startFakeWecom } from '@pond/channels/wecom/fake/fake-wecom';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels } from '../../../channels.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { auditLog } from '../../audit/audit.tables.ts';
import { tenants } from '../../org/org.tables.ts';
import { wecomConnections } from '../wecom.tables.ts';

const CORP = 'ww0123456789abcdef';
const CONTACT = 'j8kmy0EXjk24XJBNS2K2NhxGUpxosOzGEZQ1AaV32KU';
const APP = 'Ab9kmy0EXjk24XJBNS2K2NhxGUpxosOzGEZQ1AaVzz9Q';
const TOKEN = 'QDG6eK7tok';
const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const valid = { corpId: CORP, contactSecret: CONTACT, callbackToken: TOKEN, encodingAesKey: AES };

let w: TestWorld;
let fake: FakeWecom;
beforeAll(async () => {
  fake = await startFakeWecom({ corpId: CORP, secrets: { contact: CONTACT, app: APP } });
  process.env.POND_WECOM_API_BASE = fake.baseUrl;
  w = await createTestWorld();
  registerChannels(w.deps);
});
afterAll(async () => {
  await w.cleanup();
  await fake.close();
  delete process.env.POND_WECOM_API_BASE;
});

const put = (body: unknown, as = 'admin') => w.request('PUT', '/api/wecom/connection', { as, body });
const rawRow = async () => {
  const [row] = await w.deps.db.select().from(wecomConnections).where(eq(wecomConnections.tenantId, w.tenantId));
  return row;
};

describe('WeCom connection', () => {
  it.each([
    ['corpId', 'acme-corp', /corp id/],
    ['contactSecret', 'too short', /secret/],
    ['callbackToken', 'has-dash', /Token/],
    ['callbackToken', 'a'.repeat(33), /Token/],
    ['encodingAesKey', AES.slice(2), /43 letters and digits \(you gave 41/],
    ['encodingAesKey', `${AES.slice(1)}+`, /EncodingAESKey/],
    ['agentId', 'app', /AgentId/],
  ])('refuses %s = %j with a clear message', async (field, value, message) => {
    const res = await put({ ...valid, [field]: value });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.message).toContain(`${field}:`);
    expect(body.error.message).toMatch(message);
    expect(await rawRow()).toBeUndefined();
  });

  it('needs every secret on the first save', async () => {
    const res = await put({ corpId: CORP, contactSecret: CONTACT });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /callbackToken, encodingAesKey: required/,
    );
  });

  it('is for admins only', async () => {
    expect((await put(valid, 'operator')).status).toBe(403);
    expect((await w.request('GET', '/api/wecom/connection', { as: 'operator' })).status).toBe(403);
    expect((await w.request('POST', '/api/wecom/connection/test', { as: 'guide1' })).status).toBe(403);
    expect((await w.request('GET', '/api/wecom/callbacks', { as: 'manager1' })).status).toBe(403);
    expect(await rawRow()).toBeUndefined();
  });

  it('seals secrets, shows only their last 4 characters, and gives the callback URL', async () => {
    const res = await put(valid);
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const secret of [CONTACT, TOKEN, AES]) expect(text).not.toContain(secret);
    const body = JSON.parse(text);
    expect(body).toMatchObject({
      configured: true,
      corpId: CORP,
      contactSecret: '••••32KU',
      callbackToken: '••••7tok',
      encodingAesKey: '••••2B2C',
      version: 1,
      active: false,
      callbackUrl: 'http://localhost:3000/api/channels/wecom/acme/callback',
    });
    const row = await rawRow();
    if (!row) throw new Error('no row');
    const stored = JSON.stringify(row);
    for (const secret of [CONTACT, TOKEN, AES]) expect(stored).not.toContain(secret);
    expect(w.deps.sealer.open(row.contactSecretSealed)).toBe(CONTACT);
    expect(w.deps.sealer.open(row.callbackTokenSealed)).toBe(TOKEN);
    expect(w.deps.sealer.open(row.aesKeySealed)).toBe(AES);
    expect(row.contactSecretLast4).toBe('32KU');

    const get = await w.request('GET', '/api/wecom/connection');
    const getText = await get.text();
    for (const secret of [CONTACT, TOKEN, AES]) expect(getText).not.toContain(secret);
    const audits = await w.deps.db.select().from(auditLog).where(eq(auditLog.tenantId, w.tenantId));
    const audit = JSON.stringify(audits.filter((a) => a.action.startsWith('wecom.')));
    expect(audit).toContain('wecom.connection.create');
    for (const secret of [CONTACT, TOKEN, AES]) expect(audit).not.toContain(secret);
  });

  it('keeps omitted secrets and bumps the version on every save', async () => {
    const before = await rawRow();
    const res = await put({ corpId: CORP, agentId: '1000002', appSecret: APP });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { version: number; appSecret: string; contactSecret: string };
    expect(body.version).toBe(2);
    expect(body.contactSecret).toBe('••••32KU');
    expect(body.appSecret).toBe(`••••${APP.slice(-4)}`);
    const row = await rawRow();
    expect(row?.contactSecretSealed).toBe(before?.contactSecretSealed);
    expect(row?.aesKeySealed).toBe(before?.aesKeySealed);
    expect(w.deps.sealer.open(row?.appSecretSealed ?? '')).toBe(APP);
  });

  it('refuses to activate before a passing test', async () => {
    const res = await w.request('POST', '/api/wecom/connection/activate');
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Test connection/);
  });

  it('reports the failing step with the code and what to fix', async () => {
    // The 客户联系 secret WeCom knows differs from the saved one: gettoken answers 40001.
    expect((await put({ corpId: CORP, contactSecret: `${CONTACT.slice(0, -1)}X` })).status).toBe(200);
    const res = await w.request('POST', '/api/wecom/connection/test');
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      ok: boolean;
      steps: { step: string; ok: boolean; code?: string; vendorCode?: number; fix?: string }[];
    };
    expect(report.ok).toBe(false);
    expect(report.steps).toHaveLength(1);
    expect(report.steps[0]).toMatchObject({ step: 'token', ok: false, code: 'AUTH', vendorCode: 40001 });
    expect(report.steps[0]?.fix).toMatch(/客户联系 secret again/);
    const row = await rawRow();
    expect(row?.lastTestOk).toBe(false);
  });

  it('passes every step against a working WeCom, then activates and deactivates', async () => {
    fake.control.addStaff({ userid: 'wangfang', name: '王芳' });
    expect((await put({ corpId: CORP, contactSecret: CONTACT })).status).toBe(200);
    const res = await w.request('POST', '/api/wecom/connection/test');
    const report = (await res.json()) as { ok: boolean; steps: { step: string; ok: boolean; detail?: string }[] };
    expect(report.steps.map((s) => [s.step, s.ok])).toEqual([
      ['token', true],
      ['staff_list', true],
      ['staff_detail', true],
      ['app_token', true],
    ]);
    expect(report.ok).toBe(true);

    const on = await w.request('POST', '/api/wecom/connection/activate');
    expect(on.status).toBe(200);
    expect(((await on.json()) as { active: boolean }).active).toBe(true);
    const [t] = await w.deps.db.select({ channel: tenants.channel }).from(tenants).where(eq(tenants.id, w.tenantId));
    expect(t?.channel).toBe('wecom');
    // The channel-kind cache was cleared: the tenant is served by its WeCom channel at once.
    expect((await w.deps.channelFor(w.tenantId)).kind).toBe('wecom');
    const off = await w.request('POST', '/api/wecom/connection/deactivate');
    expect(((await off.json()) as { active: boolean }).active).toBe(false);
    expect((await w.deps.channelFor(w.tenantId)).kind).toBe('simulator');
    const audits = await w.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, w.tenantId), eq(auditLog.action, 'wecom.activate')));
    expect(audits).toHaveLength(1);
  });

  it("signs the workbench page for WeCom's sidebar, for guides, and only pages of this Pond", async () => {
    const page = `${w.deps.publicUrl}/h5/workbench?from=sidebar#today`;
    const res = await w.request('GET', `/api/wecom/sidebar-signature?url=${encodeURIComponent(page)}`, { as: 'guide1' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      corpId: string;
      agentId: string;
      config: { timestamp: number; nonceStr: string; signature: string };
      agentConfig: { timestamp: number; nonceStr: string; signature: string };
      jsApiList: string[];
    };
    expect(body).toMatchObject({ corpId: CORP, jsApiList: expect.arrayContaining(['getCurExternalContact']) });
    // Signed as WeCom checks it: sha1 over the ticket WeCom issued and the URL without its #fragment.
    const sign = (ticket: string, s: { timestamp: number; nonceStr: string }) =>
      createHash('sha1')
        .update(`jsapi_ticket=${ticket}&noncestr=${s.nonceStr}&timestamp=${s.timestamp}&url=${page.split('#')[0]}`)
        .digest('hex');
    const issued = (kind: string) => fake.state.tickets.filter((t) => t.kind === kind).map((t) => t.ticket);
    expect(issued('jsapi').map((t) => sign(t, body.config))).toContain(body.config.signature);
    expect(issued('agent_config').map((t) => sign(t, body.agentConfig))).toContain(body.agentConfig.signature);
    // Tickets are cached: a second page costs WeCom no new ticket.
    const before = fake.state.tickets.length;
    expect((await w.request('GET', `/api/wecom/sidebar-signature?url=${encodeURIComponent(page)}`)).status).toBe(200);
    expect(fake.state.tickets.length).toBe(before);
    const foreign = await w.request('GET', `/api/wecom/sidebar-signature?url=${encodeURIComponent('https://evil.example/x')}`);
    expect(foreign.status).toBe(400);
  });

  it('needs a new passing test after a save', async () => {
    expect((await put({ corpId: CORP, callbackToken: 'newtoken1' })).status).toBe(200);
    expect((await w.request('POST', '/api/wecom/connection/activate')).status).toBe(409);
  });
});
