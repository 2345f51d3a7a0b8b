import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * WeCom's callback crypto (企业微信 "加解密方案说明", the WXBizMsgCrypt sample code):
 * - AESKey = base64decode(EncodingAESKey + "=") — 32 bytes; IV = its first 16 bytes.
 * - AES-256-CBC with PKCS#7 padding to a **32-byte** block (the cipher's own padding is off).
 * - Plaintext = 16 random bytes ‖ 4-byte big-endian length ‖ message ‖ receive id (corpid).
 * - Signature = SHA-1 of token, timestamp, nonce and the encrypted text, sorted and concatenated.
 * Every failure is a `WecomCryptoError` with a code saying what was wrong; nothing else escapes.
 */

export type TWecomCryptoErrorCode =
  | 'BAD_AES_KEY' // not 43 characters of base64 decoding to 32 bytes
  | 'BAD_SIGNATURE' // msg_signature does not match
  | 'BAD_BASE64' // the encrypted text is not base64, or not a whole number of AES blocks
  | 'BAD_PADDING' // the PKCS#7 pad is not 1–32 equal bytes (wrong key, or tampered text)
  | 'BAD_LENGTH' // the length prefix points outside the plaintext
  | 'BAD_RECEIVE_ID'; // the message is for another corp (or suite)

const MESSAGES: Record<TWecomCryptoErrorCode, string> = {
  BAD_AES_KEY: 'The EncodingAESKey must be 43 characters of base64 (A–Z, a–z, 0–9, + and /).',
  BAD_SIGNATURE: 'The signature does not match: check the callback Token, or the request was altered.',
  BAD_BASE64: 'The encrypted text is not valid base64 of whole AES blocks.',
  BAD_PADDING: 'The decrypted padding is invalid: the EncodingAESKey is wrong or the text was altered.',
  BAD_LENGTH: 'The decrypted message length is invalid: the EncodingAESKey is wrong or the text was altered.',
  BAD_RECEIVE_ID: 'The message is addressed to another receive id (corp id): check the corp id.',
};

export class WecomCryptoError extends Error {
  readonly code: TWecomCryptoErrorCode;
  constructor(code: TWecomCryptoErrorCode, detail?: string) {
    super(detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code]);
    this.name = 'WecomCryptoError';
    this.code = code;
  }
}

const BLOCK = 32;
const AES_KEY_RE = /^[A-Za-z0-9+/]{43}$/;
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** The 32-byte AES key of an EncodingAESKey, or `BAD_AES_KEY`. */
export function aesKeyFrom(encodingAesKey: string): Buffer {
  if (!AES_KEY_RE.test(encodingAesKey)) throw new WecomCryptoError('BAD_AES_KEY');
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new WecomCryptoError('BAD_AES_KEY');
  return key;
}

/** SHA-1 hex of the four strings sorted and concatenated (msg_signature). */
export function wecomSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex');
}

/** Whether `signature` is the signature of the four strings, compared in constant time. */
export function checkWecomSignature(
  signature: string,
  parts: { token: string; timestamp: string; nonce: string; encrypted: string },
): boolean {
  const expected = Buffer.from(wecomSignature(parts.token, parts.timestamp, parts.nonce, parts.encrypted));
  const given = Buffer.from(signature.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Encrypts `message` for `receiveId` (base64 text for `<Encrypt>` or `echostr`). `random16` is for tests. */
export function wecomEncrypt(encodingAesKey: string, message: string, receiveId: string, random16?: Buffer): string {
  const key = aesKeyFrom(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const plain = Buffer.concat([random16 ?? randomBytes(16), length, body, Buffer.from(receiveId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/**
 * Decrypts `<Encrypt>`/`echostr` text and checks the receive id (skipped when `receiveId` is
 * null). Returns the message. Throws only `WecomCryptoError`.
 */
export function wecomDecrypt(encodingAesKey: string, encrypted: string, receiveId: string | null): string {
  const key = aesKeyFrom(encodingAesKey);
  if (!BASE64_RE.test(encrypted) || encrypted.length % 4 !== 0) throw new WecomCryptoError('BAD_BASE64');
  const raw = Buffer.from(encrypted, 'base64');
  if (raw.length === 0 || raw.length % 16 !== 0) throw new WecomCryptoError('BAD_BASE64');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(raw), decipher.final()]);
  } catch {
    throw new WecomCryptoError('BAD_BASE64');
  }
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > BLOCK || pad > plain.length) throw new WecomCryptoError('BAD_PADDING');
  for (let i = plain.length - pad; i < plain.length; i++) {
    if (plain[i] !== pad) throw new WecomCryptoError('BAD_PADDING');
  }
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < 20) throw new WecomCryptoError('BAD_LENGTH');
  const length = content.readUInt32BE(16);
  if (20 + length > content.length) throw new WecomCryptoError('BAD_LENGTH');
  const message = content.subarray(20, 20 + length).toString('utf8');
  const from = content.subarray(20 + length).toString('utf8');
  if (receiveId !== null && from !== receiveId) throw new WecomCryptoError('BAD_RECEIVE_ID', `got "${from.slice(0, 64)}"`);
  return message;
}

/** The URL check: verifies the signature over `echostr` and returns the decrypted echostr. */
export function wecomVerifyUrl(input: {
  token: string;
  encodingAesKey: string;
  receiveId: string | null;
  msgSignature: string;
  timestamp: string;
  nonce: string;
  echostr: string;
}): string {
  aesKeyFrom(input.encodingAesKey);
  if (!checkWecomSignature(input.msgSignature, { ...input, encrypted: input.echostr }))
    throw new WecomCryptoError('BAD_SIGNATURE');
  return wecomDecrypt(input.encodingAesKey, input.echostr, input.receiveId);
}

/** Verifies and decrypts the `<Encrypt>` of a callback body (already extracted from its XML). */
export function wecomDecryptMessage(input: {
  token: string;
  encodingAesKey: string;
  receiveId: string | null;
  msgSignature: string;
  timestamp: string;
  nonce: string;
  encrypted: string;
}): string {
  aesKeyFrom(input.encodingAesKey);
  if (!checkWecomSignature(input.msgSignature, input)) throw new WecomCryptoError('BAD_SIGNATURE');
  return wecomDecrypt(input.encodingAesKey, input.encrypted, input.receiveId);
}

/** A signed callback body as WeCom posts it (for the fake server, the CLI and tests). */
export function wecomEncryptMessage(input: {
  token: string;
  encodingAesKey: string;
  receiveId: string;
  message: string;
  timestamp: string;
  nonce: string;
  agentId?: string;
  /** For tests that need the same ciphertext every run. */
  random16?: Buffer;
}): { body: string; msgSignature: string; encrypted: string } {
  const encrypted = wecomEncrypt(input.encodingAesKey, input.message, input.receiveId, input.random16);
  const msgSignature = wecomSignature(input.token, input.timestamp, input.nonce, encrypted);
  const body = `<xml><ToUserName><![CDATA[${input.receiveId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[${input.agentId ?? ''}]]></AgentID></xml>`;
  return { body, msgSignature, encrypted };
}
