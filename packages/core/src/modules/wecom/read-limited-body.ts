import type { IncomingMessage } from 'node:http';
import { AppError } from '../../lib/errors.ts';

const tooLarge = (max: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The body is over ${max} bytes. WeCom's callbacks are far smaller: check the sender.`, {
    reason: 'TOO_LARGE',
  });

/**
 * Reads a request body as UTF-8, refusing more than `maxBytes` before reading it all: a declared
 * Content-Length over the limit is refused at once, and the bytes are counted while streaming
 * (a sender may lie or send chunked).
 * @example
 * const xml = await readLimitedBody(c.req.raw, 64 * 1024);
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `readLimitedBody` straight from Node's request stream, for the callback route behind
 * `@hono/node-server`: skips building a web `Request` and its stream, which costs more than the
 * rest of a callback. Past the limit the rest of the body is read and dropped, so the 413 still
 * reaches the sender on the same connection.
 * @example
 * const xml = await readLimitedNodeBody(c.env.incoming, 64 * 1024);
 */
export async function readLimitedNodeBody(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(incoming.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    incoming.resume();
    throw tooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  // Leaving the loop early must not destroy the request: the connection still carries our answer.
  for await (const chunk of incoming.iterator({ destroyOnReturn: false })) {
    const bytes = chunk as Buffer;
    total += bytes.byteLength;
    if (total > maxBytes) {
      incoming.resume();
      throw tooLarge(maxBytes);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
