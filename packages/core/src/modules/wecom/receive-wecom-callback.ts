import { callbackDedupeKey, callbackType, parseCallback, parseEnvelope } from '@pond/channels/wecom/callback';
import { WecomCryptoError, wecomDecryptMessage, wecomVerifyUrl } from '@pond/channels/wecom/crypto';
import { WecomXmlError } from '@pond/channels/wecom/xml';
import type { Deps } from '../../context.ts';
import { AppError, type TErrorCode } from '../../lib/errors.ts';
import { ingestRawEventGrouped } from '../inbox/ingest-event.ts';
import { recordWecomRejection } from './wecom-callback-rejections.ts';
import { openWecomConnection, tenantIdBySlug } from './wecom-connection-store.ts';

/** WeCom's callbacks are small XML documents; anything larger is refused before it is read. */
export const WECOM_CALLBACK_MAX_BYTES = 64 * 1024;

export type TWecomCallbackRequest = {
  tenantSlug: string;
  method: 'GET' | 'POST';
  // msg_signature, timestamp, nonce (+ echostr on the URL check), URL-decoded.
  query: Record<string, string | undefined>;
  // Reads the body, refusing more than `maxBytes` (throws AppError PAYLOAD_TOO_LARGE).
  readBody: (maxBytes: number) => Promise<string>;
};

const CRYPTO_STATUS: Record<WecomCryptoError['code'], TErrorCode> = {
  BAD_SIGNATURE: 'UNAUTHENTICATED',
  BAD_RECEIVE_ID: 'FORBIDDEN',
  BAD_AES_KEY: 'VALIDATION',
  BAD_BASE64: 'VALIDATION',
  BAD_PADDING: 'VALIDATION',
  BAD_LENGTH: 'VALIDATION',
};

// A refusal: the code picks the HTTP status, `reason` is what the console and the log show.
const refuse = (code: TErrorCode, reason: string, message: string) => new AppError(code, message, { reason });

function requireParams(query: TWecomCallbackRequest['query'], names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = query[name];
    if (!v)
      throw refuse(
        'VALIDATION',
        'MISSING_PARAM',
        `Query parameter ${name} is missing. WeCom sends msg_signature, timestamp and nonce${name === 'echostr' ? ' and echostr' : ''}; call this URL the way WeCom does.`,
      );
    out[name] = v;
  }
  return out;
}

/**
 * WeCom's callback URL. GET is the URL check: verify the signature over `echostr` and answer the
 * decrypted echostr. POST is an event: body ≤ 64 KiB → envelope → signature, AES and receive id
 * (= the corp id) → callback XML → stored raw in the inbox with its dedupe key, then `success`.
 * Anything wrong → an `AppError` (400/401/403/404/413) with `details.reason`, one log line with
 * ids and the reason (never the body or a secret), a rejection the console lists, nothing stored.
 * Per 企业微信 "接收消息与事件" (developer.work.weixin.qq.com/document/path/90238): answer within 5 s or
 * WeCom retries (3 tries) — so the same event can arrive more than once; the dedupe key absorbs it.
 * @example
 * const { text } = await receiveWecomCallback(deps, { tenantSlug: 'acme', method: 'POST', query, readBody });
 * return c.text(text); // 'success'
 */
export async function receiveWecomCallback(deps: Deps, request: TWecomCallbackRequest): Promise<{ text: string }> {
  const started = Date.now();
  let tenantId: number | null = null;
  try {
    tenantId = await tenantIdBySlug(deps, request.tenantSlug);
    if (tenantId === null)
      throw refuse(
        'NOT_FOUND',
        'UNKNOWN_TENANT',
        `No tenant "${request.tenantSlug}". Check the callback URL on Pond's WeCom page.`,
      );
    const conn = await openWecomConnection(deps, tenantId);
    if (!conn)
      throw refuse(
        'NOT_FOUND',
        'NO_CONNECTION',
        "This tenant has no WeCom connection. Save the WeCom page in Pond's console before setting the URL in WeCom.",
      );
    const keys = { token: conn.callbackToken, encodingAesKey: conn.encodingAesKey, receiveId: conn.corpId };
    if (request.method === 'GET') {
      const q = requireParams(request.query, ['msg_signature', 'timestamp', 'nonce', 'echostr']);
      const echo = wecomVerifyUrl({
        ...keys,
        msgSignature: q.msg_signature as string,
        timestamp: q.timestamp as string,
        nonce: q.nonce as string,
        echostr: q.echostr as string,
      });
      deps.log.info({ tenantId }, 'wecom callback URL verified');
      return { text: echo };
    }
    const q = requireParams(request.query, ['msg_signature', 'timestamp', 'nonce']);
    const body = await request.readBody(WECOM_CALLBACK_MAX_BYTES);
    const envelope = parseEnvelope(body);
    const plain = wecomDecryptMessage({
      ...keys,
      msgSignature: q.msg_signature as string,
      timestamp: q.timestamp as string,
      nonce: q.nonce as string,
      encrypted: envelope.encrypt,
    });
    const cb = parseCallback(plain);
    const occurredAt = cb.createTime > 0 ? new Date(cb.createTime * 1000) : deps.now();
    // Grouped with the other callbacks arriving now: one commit for all, each answered once stored.
    const { inboxEventId, duplicate } = await ingestRawEventGrouped(deps, tenantId, {
      channel: 'wecom',
      dedupeKey: callbackDedupeKey(cb),
      type: callbackType(cb),
      payload: cb as unknown as Record<string, unknown>,
      occurredAt,
    });
    deps.log.debug({ tenantId, inboxEventId, duplicate, ms: Date.now() - started }, 'wecom callback stored');
    return { text: 'success' };
  } catch (error) {
    const refusal = toRefusal(error);
    if (!refusal) throw error;
    const reason = (refusal.details as { reason: string }).reason;
    deps.log.warn(
      { tenantSlug: request.tenantSlug.slice(0, 64), tenantId, method: request.method, reason, status: refusal.status },
      'wecom callback rejected',
    );
    if (tenantId !== null)
      recordWecomRejection(deps.database, tenantId, {
        at: new Date().toISOString(),
        status: refusal.status,
        reason,
        message: refusal.message,
      });
    throw refusal;
  }
}

function toRefusal(error: unknown): AppError | null {
  if (error instanceof AppError) {
    const details = error.details as { reason?: unknown } | undefined;
    if (typeof details?.reason === 'string') return error;
    if (error.code === 'PAYLOAD_TOO_LARGE') return refuse('PAYLOAD_TOO_LARGE', 'TOO_LARGE', error.message);
    return null;
  }
  if (error instanceof WecomCryptoError) return refuse(CRYPTO_STATUS[error.code], error.code, error.message);
  if (error instanceof WecomXmlError) {
    if (error.code === 'TOO_LARGE') return refuse('PAYLOAD_TOO_LARGE', 'TOO_LARGE', error.message);
    return refuse('VALIDATION', error.code, `${error.message} WeCom posts a small XML envelope; this body is not one.`);
  }
  return null;
}
