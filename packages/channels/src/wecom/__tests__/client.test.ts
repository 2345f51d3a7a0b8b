import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createWecomClient } from '../api/client.ts';
import { WecomApiError } from '../api/errors.ts';
import { createRateQueue } from '../api/rate-queue.ts';
import { sendRobotMessage } from '../api/robot.ts';

// A tiny WeCom stand-in per test: each test says how every request is answered, and sees them all.
type Seen = { path: string; query: URLSearchParams; body: unknown };
type Answer = { status?: number; json?: unknown; delayMs?: number; raw?: string };
const servers: { close: () => Promise<void> }[] = [];

async function wecomStub(answer: (req: Seen, seen: Seen[]) => Answer | Promise<Answer>) {
  const seen: Seen[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    const text = Buffer.concat(chunks).toString('utf8');
    const entry: Seen = {
      path: url.pathname.replace(/^\/cgi-bin\//, ''),
      query: url.searchParams,
      body: text ? safeJson(text) : undefined,
    };
    seen.push(entry);
    const a = await answer(entry, seen);
    if (a.delayMs) await new Promise((r) => setTimeout(r, a.delayMs));
    inFlight--;
    if (res.destroyed) return;
    res.writeHead(a.status ?? 200, { 'content-type': 'application/json' });
    res.end(a.raw ?? JSON.stringify(a.json ?? { errcode: 0, errmsg: 'ok' }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const handle = {
    baseUrl: `http://127.0.0.1:${port}/cgi-bin`,
    seen,
    maxInFlight: () => maxInFlight,
    count: (path: string) => seen.filter((s) => s.path === path).length,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  servers.push(handle);
  return handle;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

let corpSeq = 0;
// Tokens and queues are cached per corp for the whole process: every test uses its own corp id.
const newCorp = () => `wwtest${process.pid}x${++corpSeq}`;
const SECRET = 'test-secret-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const fast = { retry: { baseMs: 1, capMs: 5, maxTries: 4 } };

const tokenAnswer = (token: string, expires_in = 7200): Answer => ({
  json: { errcode: 0, errmsg: 'ok', access_token: token, expires_in },
});
const userAnswer: Answer = {
  json: { errcode: 0, errmsg: 'ok', userid: 'zhangsan', name: '张三', department: [1], extra_field: 'kept' },
};

describe('WeCom client: tokens', () => {
  it('fetches one token for 100 concurrent calls (single-flight) and sends it on each call', async () => {
    const stub = await wecomStub((req) => (req.path === 'gettoken' ? { ...tokenAnswer('TOKEN-1'), delayMs: 50 } : userAnswer));
    const client = createWecomClient({
      corpId: newCorp(),
      secret: SECRET,
      baseUrl: stub.baseUrl,
      queue: { concurrency: 100 },
      ...fast,
    });
    const results = await Promise.all(Array.from({ length: 100 }, () => client.user.get({ userid: 'zhangsan' })));
    expect(stub.count('gettoken')).toBe(1);
    expect(stub.count('user/get')).toBe(100);
    expect(stub.seen.filter((s) => s.path === 'user/get').every((s) => s.query.get('access_token') === 'TOKEN-1')).toBe(true);
    expect(stub.seen[0]?.query.get('corpsecret')).toBe(SECRET);
    // errcode/errmsg removed, unknown fields kept.
    expect(results[0]).toEqual({ userid: 'zhangsan', name: '张三', department: [1], extra_field: 'kept' });
  });

  it('on 42001 drops the token, fetches a new one and retries once', async () => {
    let issued = 0;
    const stub = await wecomStub((req) => {
      if (req.path === 'gettoken') return tokenAnswer(`TOKEN-${++issued}`);
      return req.query.get('access_token') === 'TOKEN-1'
        ? { json: { errcode: 42001, errmsg: 'access_token expired' } }
        : userAnswer;
    });
    const client = createWecomClient({ corpId: newCorp(), secret: SECRET, baseUrl: stub.baseUrl, ...fast });
    await expect(client.user.get({ userid: 'zhangsan' })).resolves.toMatchObject({ userid: 'zhangsan' });
    expect(stub.count('gettoken')).toBe(2);
    expect(stub.count('user/get')).toBe(2);
  });

  it('gives up with AUTH when the fresh token is refused too (no loop)', async () => {
    let issued = 0;
    const stub = await wecomStub((req) =>
      req.path === 'gettoken' ? tokenAnswer(`TOKEN-${++issued}`) : { json: { errcode: 40014, errmsg: 'invalid access_token' } },
    );
    const client = createWecomClient({ corpId: newCorp(), secret: SECRET, baseUrl: stub.baseUrl, ...fast });
    const error = await client.user.get({ userid: 'zhangsan' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WecomApiError);
    expect(error).toMatchObject({ code: 'AUTH', vendorCode: 40014 });
    expect(stub.count('gettoken')).toBe(2);
    expect(stub.count('user/get')).toBe(2);
  });

  it('refreshes the token when less than 5 minutes are left', async () => {
    let issued = 0;
    let clock = 1_000_000;
    const stub = await wecomStub((req) => (req.path === 'gettoken' ? tokenAnswer(`TOKEN-${++issued}`, 7200) : userAnswer));
    const client = createWecomClient({ corpId: newCorp(), secret: SECRET, baseUrl: stub.baseUrl, now: () => clock, ...fast });
    await client.user.get({ userid: 'a' });
    clock += 6000_000; // 100 minutes later: 20 minutes left
    await client.user.get({ userid: 'a' });
    expect(stub.count('gettoken')).toBe(1);
    clock += 1000_000; // 4 minutes left
    await client.user.get({ userid: 'a' });
    expect(stub.count('gettoken')).toBe(2);
    expect(stub.seen.at(-1)?.query.get('access_token')).toBe('TOKEN-2');
  });

  it('reports a wrong secret as AUTH without the secret in the message', async () => {
    const stub = await wecomStub(() => ({ json: { errcode: 40001, errmsg: 'invalid credential' } }));
    const client = createWecomClient({ corpId: newCorp(), secret: SECRET, baseUrl: stub.baseUrl, ...fast });
    const error = (await client.getToken().catch((e: unknown) => e)) as WecomApiError;
    expect(error.code).toBe('AUTH');
    expect(error.vendorCode).toBe(40001);
    expect(error.message).toContain('secret');
    expect(error.message).not.toContain(SECRET);
    expect(stub.count('gettoken')).toBe(1);
  });
});

describe('WeCom client: busy, rate limits, timeouts', () => {
  it('backs off on 45009 and succeeds when WeCom recovers', async () => {
    let calls = 0;
    const stub = await wecomStub((req) => {
      if (req.path === 'gettoken') return tokenAnswer('T');
      return ++calls <= 2 ? { json: { errcode: 45009, errmsg: 'api freq out of limit' } } : userAnswer;
    });
    const client = createWecomClient({ corpId: newCorp(), secret: SECRET, baseUrl: stub.baseUrl, ...fast });
    await expect(client.user.get({ userid: 'a' })).resolves.toMatchObject({ userid: 'zhangsan' });
    expect(stub.count('user/get')).toBe(3);
  });

  it.each([
    [45009, 'RATE_LIMITED'],
    [45033, 'RATE_LIMITED'],
    [-1, 'UNAVAILABLE'],
  ])('errcode %i every time → %s after maxTries tries', async (errcode, code) => {
    const stub = await wecomStub((req) => (req.path === 'gettoken' ? tokenAnswer('T') : { json: { errcode, errmsg: 'busy' } }));
    const client = createWecomClient({ corpId: newCorp(), secret: SECRET, baseUrl: stub.baseUrl, ...fast });
    // Even a write that creates something is retried: WeCom did nothing.
    await expect(client.externalcontact.addContactWay({ type: 1, scene: 2, user: ['a'] })).rejects.toMatchObject({
      code,
      vendorCode: errcode,
      retryable: true,
    });
    expect(stub.count('externalcontact/add_contact_way')).toBe(4);
  });

  it('waits with growing jitter between tries', async () => {
    const stub = await wecomStub((req) =>
      req.path === 'gettoken' ? tokenAnswer('T') : { json: { errcode: -1, errmsg: 'busy' } },
    );
    const client = createWecomClient({
      corpId: newCorp(),
      secret: SECRET,
      baseUrl: stub.baseUrl,
      retry: { baseMs: 40, capMs: 1000, maxTries: 3 },
      random: () => 0.999,
    });
    const started = Date.now();
    await expect(client.user.get({ userid: 'a' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    // ~40 + ~80 ms of backoff (random 0.999 of 40·2^n).
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('times out a slow read, retries it, then says UNAVAILABLE without the token in the message', async () => {
    const stub = await wecomStub((req) =>
      req.path === 'gettoken' ? tokenAnswer('SECRET-TOKEN') : { ...userAnswer, delayMs: 300 },
    );
    const client = createWecomClient({ corpId: newCorp(), secret: SECRET, baseUrl: stub.baseUrl, timeoutMs: 50, ...fast });
    const error = (await client.user.get({ userid: 'a' }).catch((e: unknown) => e)) as WecomApiError;
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain('50 ms');
    expect(error.message).not.toContain('SECRET-TOKEN');
    expect(stub.count('user/get')).toBe(4);
  });

  it('does not repeat a write that creates something after a timeout (WeCom may have done it)', async () => {
    const stub = await wecomStub((req) =>
      req.path === 'gettoken' ? tokenAnswer('T') : { json: { errcode: 0, errmsg: 'ok', config_id: 'c1' }, delayMs: 300 },
    );
    const client = createWecomClient({ corpId: newCorp(), secret: SECRET, baseUrl: stub.baseUrl, timeoutMs: 50, ...fast });
    await expect(client.externalcontact.addContactWay({ type: 1, scene: 2, user: ['a'] })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    expect(stub.count('externalcontact/add_contact_way')).toBe(1);
  });

  it('network errors → UNAVAILABLE, without the secret in the message', async () => {
    const stub = await wecomStub(() => userAnswer);
    const baseUrl = stub.baseUrl;
    await stub.close(); // nothing listens there any more: connection refused
    const client = createWecomClient({ corpId: newCorp(), secret: SECRET, baseUrl, ...fast });
    const error = (await client.user.get({ userid: 'a' }).catch((e: unknown) => e)) as WecomApiError;
    expect(error).toBeInstanceOf(WecomApiError);
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain('gettoken');
    expect(error.message).not.toContain(SECRET);
  });

  it('retries a read after HTTP 500', async () => {
    let calls = 0;
    const stub = await wecomStub((req) =>
      req.path === 'gettoken' ? tokenAnswer('T') : ++calls === 1 ? { status: 502, raw: 'bad gateway' } : userAnswer,
    );
    const client = createWecomClient({ corpId: newCorp(), secret: SECRET, baseUrl: stub.baseUrl, ...fast });
    await expect(client.user.get({ userid: 'a' })).resolves.toMatchObject({ userid: 'zhangsan' });
    expect(stub.count('user/get')).toBe(2);
  });
});

describe('WeCom client: validation and errors', () => {
  it('refuses a request that breaks a WeCom limit before calling', async () => {
    const stub = await wecomStub(() => tokenAnswer('T'));
    const client = createWecomClient({ corpId: newCorp(), secret: SECRET, baseUrl: stub.baseUrl, ...fast });
    const ec = client.externalcontact;
    await expect(ec.groupchat.addJoinWay({ scene: 2, chat_id_list: ['1', '2', '3', '4', '5', '6'] })).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('chat_id_list'),
    });
    await expect(ec.addContactWay({ type: 1, scene: 2, state: 'x'.repeat(31), user: ['a'] })).rejects.toMatchObject({
      code: 'INVALID',
    });
    const many = Array.from({ length: 101 }, (_, i) => `wm${i}`);
    await expect(
      ec.transferCustomer({ handover_userid: 'a', takeover_userid: 'b', external_userid: many }),
    ).rejects.toMatchObject({
      code: 'INVALID',
    });
    await expect(
      ec.resigned.transferCustomer({ handover_userid: 'a', takeover_userid: 'b', external_userid: many }),
    ).rejects.toMatchObject({
      code: 'INVALID',
    });
    expect(stub.seen).toHaveLength(0);
  });

  it('answers that do not match the documented shape → UNAVAILABLE naming the path and field', async () => {
    const stub = await wecomStub((req) =>
      req.path === 'gettoken'
        ? tokenAnswer('T')
        : { json: { errcode: 0, errmsg: 'ok', group_chat: { chat_id: 'wr1', owner: 7 } } },
    );
    const client = createWecomClient({ corpId: newCorp(), secret: SECRET, baseUrl: stub.baseUrl, ...fast });
    const error = (await client.externalcontact.groupchat.get({ chat_id: 'wr1' }).catch((e: unknown) => e)) as WecomApiError;
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain('externalcontact/groupchat/get');
    expect(error.message).toContain('group_chat.owner');
  });

  it('translates errcodes of a call (84061 → NOT_FRIEND) and sends the documented body', async () => {
    const stub = await wecomStub((req) =>
      req.path === 'gettoken' ? tokenAnswer('T') : { json: { errcode: 84061, errmsg: 'not external contact' } },
    );
    const client = createWecomClient({ corpId: newCorp(), secret: SECRET, baseUrl: stub.baseUrl, ...fast });
    await expect(
      client.externalcontact.markTag({ userid: 'zhangsan', external_userid: 'wm1', add_tag: ['et1'] }),
    ).rejects.toMatchObject({ code: 'NOT_FRIEND', vendorCode: 84061 });
    expect(stub.seen.at(-1)?.body).toEqual({ userid: 'zhangsan', external_userid: 'wm1', add_tag: ['et1'] });
    expect(stub.count('externalcontact/mark_tag')).toBe(1);
  });

  it('caches the jsapi ticket', async () => {
    const stub = await wecomStub((req) =>
      req.path === 'gettoken' ? tokenAnswer('T') : { json: { errcode: 0, errmsg: 'ok', ticket: 'TICKET', expires_in: 7200 } },
    );
    const client = createWecomClient({ corpId: newCorp(), secret: SECRET, baseUrl: stub.baseUrl, ...fast });
    expect((await client.getJsapiTicket()).ticket).toBe('TICKET');
    expect((await client.getJsapiTicket()).ticket).toBe('TICKET');
    expect((await client.getAgentConfigTicket()).ticket).toBe('TICKET');
    expect(stub.count('get_jsapi_ticket')).toBe(1);
    expect(stub.seen.find((s) => s.path === 'ticket/get')?.query.get('type')).toBe('agent_config');
  });
});

describe('per-corp queue', () => {
  it('caps the calls in flight for all clients of a corp', async () => {
    const stub = await wecomStub((req) => (req.path === 'gettoken' ? tokenAnswer('T') : { ...userAnswer, delayMs: 30 }));
    const corpId = newCorp();
    const a = createWecomClient({ corpId, secret: SECRET, baseUrl: stub.baseUrl, queue: { concurrency: 2 }, ...fast });
    const b = createWecomClient({ corpId, secret: `${SECRET}-app`, baseUrl: stub.baseUrl, ...fast });
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).user.get({ userid: 'a' })));
    expect(stub.maxInFlight()).toBeLessThanOrEqual(2);
    expect(stub.count('user/get')).toBe(10);
  });

  it('keeps FIFO order and waits for the per-minute budget', async () => {
    let clock = 0;
    const queue = createRateQueue({ concurrency: 10, perMinute: 2 }, () => clock);
    const order: number[] = [];
    const runs = [1, 2, 3].map((n) => queue.run('p', async () => void order.push(n)));
    await Promise.all(runs.slice(0, 2));
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([1, 2]);
    expect(queue.stats().waiting).toBe(1);
    clock = 60_001; // a minute later the third call may start
    await new Promise((r) => setTimeout(r, 10));
    // The timer was set for the wait computed at the time (60 s): poke the queue with another call.
    const fourth = queue.run('other', async () => void order.push(4));
    await Promise.all([runs[2], fourth]);
    expect(order).toEqual([1, 2, 3, 4]);
  });
});

describe('sendRobotMessage', () => {
  it('posts the message to the webhook and maps errors without the key', async () => {
    let n = 0;
    const stub = await wecomStub(() =>
      ++n === 1 ? { json: { errcode: 0, errmsg: 'ok' } } : { json: { errcode: 45009, errmsg: 'freq' } },
    );
    const url = `${stub.baseUrl}/webhook/send?key=ROBOT-KEY-123`;
    await sendRobotMessage(url, { msgtype: 'text', text: { content: '新订单' } });
    expect(stub.seen[0]?.body).toEqual({ msgtype: 'text', text: { content: '新订单' } });
    const error = (await sendRobotMessage(url, { msgtype: 'markdown', markdown: { content: '**x**' } }).catch(
      (e: unknown) => e,
    )) as WecomApiError;
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).not.toContain('ROBOT-KEY-123');
    await expect(sendRobotMessage(url, { msgtype: 'text', text: { content: 'a'.repeat(2049) } })).rejects.toMatchObject({
      code: 'INVALID',
    });
    expect(stub.seen).toHaveLength(2);
  });
});
