import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { wecomDecryptMessage, wecomVerifyUrl } from '../../crypto.ts';

/** Test helpers: a raw WeCom API call and a callback receiver that decrypts what it gets. */

export async function call(
  baseUrl: string,
  path: string,
  input: { token?: string; query?: Record<string, string>; body?: unknown } = {},
): Promise<Record<string, unknown> & { errcode: number; errmsg: string }> {
  const url = new URL(`${baseUrl}/${path}`);
  if (input.token) url.searchParams.set('access_token', input.token);
  for (const [k, v] of Object.entries(input.query ?? {})) url.searchParams.set(k, v);
  const res = await fetch(url, {
    method: input.body === undefined ? 'GET' : 'POST',
    ...(input.body === undefined ? {} : { body: JSON.stringify(input.body), headers: { 'content-type': 'application/json' } }),
  });
  return (await res.json()) as Record<string, unknown> & { errcode: number; errmsg: string };
}

export async function tokenFor(baseUrl: string, corpId: string, secret: string): Promise<string> {
  const res = await call(baseUrl, 'gettoken', { query: { corpid: corpId, corpsecret: secret } });
  if (res.errcode !== 0) throw new Error(`gettoken failed: ${res.errcode} ${res.errmsg}`);
  return res.access_token as string;
}

export const CALLBACK = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };

export type Received = { query: URLSearchParams; body: string; plain: string };

/**
 * A callback receiver that decrypts each POST with `wecomDecryptMessage` and answers with
 * `answer(n)` (n = 1 for the first request), e.g. 'success' or 'busy'.
 */
export async function startReceiver(corpId: string, answer: (n: number) => string = () => 'success') {
  const received: Received[] = [];
  let n = 0;
  const readAll = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const q = url.searchParams;
    // The URL check (GET) and each message (POST) are signed alike.
    const signed = {
      token: CALLBACK.token,
      encodingAesKey: CALLBACK.encodingAesKey,
      receiveId: corpId,
      msgSignature: q.get('msg_signature') ?? '',
      timestamp: q.get('timestamp') ?? '',
      nonce: q.get('nonce') ?? '',
    };
    if (req.method === 'GET') {
      try {
        res.end(wecomVerifyUrl({ ...signed, echostr: q.get('echostr') ?? '' }));
      } catch {
        res.statusCode = 400;
        res.end('bad');
      }
      return;
    }
    const body = await readAll(req);
    const encrypted = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(body)?.[1] ?? '';
    const plain = wecomDecryptMessage({ ...signed, encrypted });
    received.push({ query: q, body, plain });
    n += 1;
    res.end(answer(n));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/channels/wecom/acme/callback`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The text of `<Name>` in an event XML (CDATA or bare). */
export function field(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>(?:<!\\[CDATA\\[(.*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  return m ? (m[1] ?? m[2]) : undefined;
}
