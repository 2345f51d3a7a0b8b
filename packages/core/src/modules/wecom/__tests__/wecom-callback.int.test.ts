import { Agent, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { wecomEncrypt, wecomEncryptMessage, wecomSignature } from '@pond/channels/wecom/crypto';
import { type FakeWecom, startFakeWecom } from '@pond/channels/wecom/fake/fake-wecom';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels } from '../../../channels.ts';
import { systemActor, withActor } from '../../../context.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { customers, follows } from '../../customers/customers.tables.ts';
import { groupChats, groupMembers } from '../../groups/groups.tables.ts';
import { inboxEvents } from '../../inbox/inbox.tables.ts';
import { processInboxEvent } from '../../inbox/process-inbox-event.ts';
import { saveWecomConnection } from '../save-wecom-connection.ts';

const CORP = 'ww0123456789abcdef';
const CONTACT = 'j8kmy0EXjk24XJBNS2K2NhxGUpxosOzGEZQ1AaV32KU';
const TOKEN = 'QDG6eK7tok';
const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const URL_PATH = '/api/channels/wecom/acme/callback';

let w: TestWorld;
let fake: FakeWecom;
beforeAll(async () => {
  fake = await startFakeWecom({ corpId: CORP, secrets: { contact: CONTACT } });
  process.env.POND_WECOM_API_BASE = fake.baseUrl;
  w = await createTestWorld();
  registerChannels(w.deps);
  await w.deps.queue.start();
  await saveWecomConnection(withActor(w.deps, { ...systemActor(w.tenantId), role: 'admin', accountId: null }), {
    corpId: CORP,
    contactSecret: CONTACT,
    callbackToken: TOKEN,
    encodingAesKey: AES,
  });
  fake.control.addStaff({ userid: 'wangfang', name: '王芳' });
});
afterAll(async () => {
  await w.deps.queue.stop();
  await w.cleanup();
  await fake.close();
  delete process.env.POND_WECOM_API_BASE;
});

const contactEvent = (changeType: string, ext: string, createTime: number, extra = '') =>
  `<xml><ToUserName><![CDATA[${CORP}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[${changeType}]]></ChangeType><UserID><![CDATA[wangfang]]></UserID><ExternalUserID><![CDATA[${ext}]]></ExternalUserID>${extra}</xml>`;

function signed(message: string, options: { token?: string; receiveId?: string; aes?: string; random16?: Buffer } = {}) {
  const timestamp = '1767225600';
  const nonce = 'n0nce123';
  const { body, msgSignature } = wecomEncryptMessage({
    token: options.token ?? TOKEN,
    encodingAesKey: options.aes ?? AES,
    receiveId: options.receiveId ?? CORP,
    message,
    timestamp,
    nonce,
    random16: options.random16,
  });
  return { body, query: `msg_signature=${msgSignature}&timestamp=${timestamp}&nonce=${nonce}` };
}

const post = (body: string, query: string, headers: Record<string, string> = {}) =>
  w.app.request(`${URL_PATH}?${query}`, { method: 'POST', body, headers: { 'content-type': 'text/xml', ...headers } });
const send = (message: string) => {
  const s = signed(message);
  return post(s.body, s.query);
};
const wecomRows = () =>
  w.deps.db
    .select()
    .from(inboxEvents)
    .where(and(eq(inboxEvents.tenantId, w.tenantId), eq(inboxEvents.channel, 'wecom')));
async function processAll() {
  for (const row of await wecomRows())
    if (row.status === 'pending') await processInboxEvent(w.deps, { tenantId: w.tenantId, inboxEventId: row.id });
}
async function followOf(ext: string) {
  const [c] = await w.deps.db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, w.tenantId), eq(customers.externalUserId, ext)));
  if (!c) return { customer: undefined, follow: undefined };
  const [f] = await w.deps.db
    .select()
    .from(follows)
    .where(and(eq(follows.tenantId, w.tenantId), eq(follows.customerId, c.id)));
  return { customer: c, follow: f };
}

describe('WeCom callback URL', () => {
  it('answers the URL check with the decrypted echostr', async () => {
    const echostr = wecomEncrypt(AES, '4123456789012345678', CORP);
    const sig = wecomSignature(TOKEN, '1767225600', 'abc', echostr);
    const res = await w.app.request(
      `${URL_PATH}?msg_signature=${sig}&timestamp=1767225600&nonce=abc&echostr=${encodeURIComponent(echostr)}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    expect(await res.text()).toBe('4123456789012345678');
  });

  it('stores a valid add event, answers success, and the decoder fills in the customer from WeCom', async () => {
    fake.control.addCustomer({
      external_userid: 'wm_new1',
      name: '林晓',
      gender: 2,
      follows: [{ userid: 'wangfang', remark: '老客' }],
    });
    const res = await send(
      contactEvent(
        'add_external_contact',
        'wm_new1',
        1767225600,
        '<State><![CDATA[store-qr]]></State><WelcomeCode><![CDATA[WC1]]></WelcomeCode>',
      ),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    const rows = await wecomRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.type).toBe('wecom:change_external_contact/add_external_contact');
    expect(rows[0]?.occurredAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    await processAll();
    const { customer, follow } = await followOf('wm_new1');
    expect(customer?.name).toBe('林晓');
    expect(follow?.state).toBe('store-qr');
    expect((await wecomRows())[0]?.status).toBe('processed');
  });

  it('stores the same event once, delivered twice or twice at once', async () => {
    fake.control.addCustomer({ external_userid: 'wm_dup', name: '重复', follows: [{ userid: 'wangfang' }] });
    const msg = contactEvent('add_external_contact', 'wm_dup', 1767225700);
    expect((await send(msg)).status).toBe(200);
    expect((await send(msg)).status).toBe(200);
    const both = await Promise.all([send(msg), send(msg)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    const rows = (await wecomRows()).filter((r) => r.occurredAt.toISOString() === '2026-01-01T00:01:40.000Z');
    expect(rows).toHaveLength(1);
    await processAll();
    const all = await w.deps.db
      .select()
      .from(customers)
      .where(and(eq(customers.tenantId, w.tenantId), eq(customers.externalUserId, 'wm_dup')));
    expect(all).toHaveLength(1);
  });

  it('ends in the right state when a delete arrives before its add', async () => {
    fake.control.addCustomer({ external_userid: 'wm_late', name: '迟到', follows: [{ userid: 'wangfang' }] });
    expect((await send(contactEvent('del_follow_user', 'wm_late', 1767225900))).status).toBe(200);
    await processAll();
    expect((await send(contactEvent('add_external_contact', 'wm_late', 1767225800))).status).toBe(200);
    await processAll();
    await processAll();
    const { customer, follow } = await followOf('wm_late');
    expect(customer).toBeDefined();
    expect(follow?.deletedAt).not.toBeNull();
  });

  it('creates a group with its WeCom name and tells staff from customers among joined members', async () => {
    fake.control.addCustomer({ external_userid: 'wm_grp1', name: '群友', follows: [{ userid: 'wangfang' }] });
    fake.control.addGroup({
      chat_id: 'wr_new1',
      name: '徐汇新品群',
      owner: 'wangfang',
      members: [
        { userid: 'lina', type: 1 },
        { userid: 'wm_grp1', type: 2, join_scene: 3 },
      ],
    });
    const chat = (tail: string, createTime: number) =>
      `<xml><ToUserName><![CDATA[${CORP}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[wr_new1]]></ChatId>${tail}</xml>`;
    expect((await send(chat('<ChangeType><![CDATA[create]]></ChangeType>', 1767226500))).status).toBe(200);
    await processAll();
    const join =
      '<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[add_member]]></UpdateDetail><JoinScene>3</JoinScene><MemChangeCnt>2</MemChangeCnt><MemChangeList><Item><![CDATA[lina]]></Item><Item><![CDATA[wm_grp1]]></Item></MemChangeList>';
    expect((await send(chat(join, 1767226600))).status).toBe(200);
    await processAll();
    const [group] = await w.deps.db
      .select()
      .from(groupChats)
      .where(and(eq(groupChats.tenantId, w.tenantId), eq(groupChats.externalChatId, 'wr_new1')));
    expect(group?.name).toBe('徐汇新品群');
    const members = await w.deps.db
      .select({ id: groupMembers.externalMemberId, type: groupMembers.memberType })
      .from(groupMembers)
      .where(and(eq(groupMembers.tenantId, w.tenantId), eq(groupMembers.groupId, group?.id ?? 0)));
    expect(members).toEqual(
      expect.arrayContaining([
        { id: 'lina', type: 'staff' },
        { id: 'wm_grp1', type: 'customer' },
      ]),
    );
    const notProcessed = (await wecomRows()).filter((r) => r.status !== 'processed');
    expect(notProcessed.map((r) => r.error)).toEqual([]);
  });

  it.each([
    [
      'a bad signature',
      () => signed(contactEvent('add_external_contact', 'wm_x1', 1767226000), { token: 'otherToken' }),
      401,
      'BAD_SIGNATURE',
    ],
    [
      'another receive id',
      () => signed(contactEvent('add_external_contact', 'wm_x2', 1767226000), { receiveId: 'wwffffffffffffffff' }),
      403,
      'BAD_RECEIVE_ID',
    ],
    [
      'another AES key',
      // A fixed random prefix: under a wrong key the padding is garbage, but once in ~256 keys'
      // garbage it ends in a valid 0x01, and the refusal is then BAD_LENGTH. Both are 400s.
      () =>
        signed(contactEvent('add_external_contact', 'wm_x3', 1767226000), {
          aes: 'a'.repeat(43),
          random16: Buffer.from('pond-test-prefix'),
        }),
      400,
      'BAD_PADDING',
    ],
    ['broken XML inside', () => signed('<xml><ToUserName>oops</xml>'), 400, 'BAD_XML'],
    [
      'a DOCTYPE',
      () => signed('<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Event>&x;</Event></xml>'),
      400,
      'FORBIDDEN_DTD',
    ],
    ['a broken envelope', () => ({ ...signed('<xml/>'), body: '<xml><Encrypt>' }), 400, 'BAD_XML'],
  ])('refuses %s with a 4xx and stores nothing', async (_name, make, status, reason) => {
    const before = (await wecomRows()).length;
    const s = make();
    const res = await post(s.body, s.query);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { message: string; details: { reason: string } } };
    expect(body.error.details.reason).toBe(reason);
    expect(body.error.message.length).toBeGreaterThan(20);
    expect((await wecomRows()).length).toBe(before);
  });

  it('refuses a body over 64 KiB, declared or not', async () => {
    const before = (await wecomRows()).length;
    const s = signed(contactEvent('add_external_contact', 'wm_big', 1767226100));
    const big = `${s.body}${' '.repeat(65 * 1024)}`;
    const declared = await post(big, s.query);
    expect(declared.status).toBe(413);
    // Streamed without a Content-Length: counted while reading.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 70; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(1024)));
        controller.close();
      },
    });
    const streamed = await w.app.request(`${URL_PATH}?${s.query}`, {
      method: 'POST',
      body: stream,
      // Node's Request needs duplex for a streamed body.
      duplex: 'half',
    });
    expect(streamed.status).toBe(413);
    expect((await wecomRows()).length).toBe(before);
  });

  it('over a real socket (the Node request path): stores a callback, refuses 64 KiB+ declared or chunked, keeps the connection', async () => {
    const server = serve({ fetch: w.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const call = (body: string | string[], query: string) =>
      new Promise<{ status: number; text: string; socket: unknown }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: `${URL_PATH}?${query}`,
            method: 'POST',
            agent,
            headers: { 'content-type': 'text/xml' },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (d) => {
              text += d;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text, socket: req.socket }));
          },
        );
        req.on('error', reject);
        // An array is sent chunked, without a Content-Length.
        if (Array.isArray(body)) for (const part of body) req.write(part);
        else {
          req.setHeader('content-length', Buffer.byteLength(body));
          req.write(body);
        }
        req.end();
      });
    try {
      const before = (await wecomRows()).length;
      const ok = signed(contactEvent('del_external_contact', 'wm_socket', 1767226200));
      expect(await call(ok.body, ok.query)).toMatchObject({ status: 200, text: 'success' });
      const big = signed(contactEvent('del_external_contact', 'wm_socket_big', 1767226201));
      const declared = await call(`${big.body}${' '.repeat(65 * 1024)}`, big.query);
      expect(declared.status).toBe(413);
      const chunked = await call(
        Array.from({ length: 70 }, () => ' '.repeat(1024)),
        big.query,
      );
      expect(chunked.status).toBe(413);
      // The refusals were answered on the same kept-alive connection, and it still serves.
      const again = signed(contactEvent('del_external_contact', 'wm_socket_2', 1767226202));
      const last = await call(again.body, again.query);
      expect(last).toMatchObject({ status: 200, text: 'success' });
      expect(last.socket).toBe(declared.socket);
      expect((await wecomRows()).length).toBe(before + 2);
    } finally {
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses an unknown tenant and lists refusals next to the recent callbacks', async () => {
    const s = signed('<xml/>');
    const res = await w.app.request(`/api/channels/wecom/nobody/callback?${s.query}`, {
      method: 'POST',
      body: s.body,
    });
    expect(res.status).toBe(404);
    const list = await w.request('GET', '/api/wecom/callbacks?limit=20');
    expect(list.status).toBe(200);
    const body = (await list.json()) as {
      items: { type: string; status: string }[];
      rejections: { reason: string; status: number }[];
    };
    expect(body.items.length).toBeGreaterThanOrEqual(4);
    expect(body.items.every((i) => i.type.startsWith('wecom:'))).toBe(true);
    expect(body.rejections.map((r) => r.reason)).toEqual(
      expect.arrayContaining(['BAD_SIGNATURE', 'BAD_RECEIVE_ID', 'TOO_LARGE']),
    );
  });
});
