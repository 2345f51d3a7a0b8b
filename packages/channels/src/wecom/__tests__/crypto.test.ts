import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aesKeyFrom,
  type TWecomCryptoErrorCode,
  WecomCryptoError,
  wecomDecrypt,
  wecomDecryptMessage,
  wecomEncrypt,
  wecomEncryptMessage,
  wecomSignature,
  wecomVerifyUrl,
} from '../crypto.ts';

// The official example of WeCom's WXBizMsgCrypt sample code (Sample.cs / Sample.java / Sample.py of
// "加解密库下载与返回码", https://developer.work.weixin.qq.com/document/path/90307): the URL check
// and the encrypted POST it documents, with the Token, EncodingAESKey and CorpID it assumes.
const OFFICIAL = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'wx5823bf96d3bd56c7',
  verify: {
    msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    timestamp: '1409659589',
    nonce: '263014780',
    echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  },
  message: {
    msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6',
    timestamp: '1409659813',
    nonce: '1372623149',
    encrypted:
      'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
  },
} as const;

const OFFICIAL_PLAIN =
  '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n' +
  '<FromUserName><![CDATA[mycreate]]></FromUserName>\n' +
  '<CreateTime>1409659813</CreateTime>\n' +
  '<MsgType><![CDATA[text]]></MsgType>\n' +
  '<Content><![CDATA[hello]]></Content>\n' +
  '<MsgId>4561255354251345929</MsgId>\n' +
  '<AgentID>218</AgentID>\n' +
  '</xml>';

const verifyInput = (over: Partial<Parameters<typeof wecomVerifyUrl>[0]> = {}) => ({
  token: OFFICIAL.token,
  encodingAesKey: OFFICIAL.encodingAesKey,
  receiveId: OFFICIAL.corpId,
  ...OFFICIAL.verify,
  ...over,
});
const messageInput = (over: Partial<Parameters<typeof wecomDecryptMessage>[0]> = {}) => ({
  token: OFFICIAL.token,
  encodingAesKey: OFFICIAL.encodingAesKey,
  receiveId: OFFICIAL.corpId,
  ...OFFICIAL.message,
  ...over,
});

function codeOf(run: () => unknown): TWecomCryptoErrorCode | 'ok' {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof WecomCryptoError) return error.code;
    throw error;
  }
}

/** Changes one character of `s` at `index` to another base64/hex character. */
function flip(s: string, index: number): string {
  const c = s[index];
  const other = c === 'A' ? 'B' : c === 'a' ? 'b' : c === '0' ? '1' : c === '1' ? '2' : 'A';
  return s.slice(0, index) + other + s.slice(index + 1);
}

/** Encrypts an arbitrary plaintext with the official key, without the library's padding. */
function rawEncrypt(plain: Buffer, encodingAesKey: string = OFFICIAL.encodingAesKey): string {
  const key = aesKeyFrom(encodingAesKey);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

/** 16 random bytes ‖ length ‖ message ‖ receive id, then `pad` (already a whole number of blocks). */
function frame(message: string, receiveId: string, length = Buffer.byteLength(message)): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(length >>> 0, 0);
  return Buffer.concat([Buffer.alloc(16, 7), len, Buffer.from(message), Buffer.from(receiveId)]);
}
function padTo32(plain: Buffer, padByte: (n: number, i: number) => number): Buffer {
  const n = 32 - (plain.length % 32);
  const pad = Buffer.alloc(n);
  for (let i = 0; i < n; i++) pad[i] = padByte(n, i);
  return Buffer.concat([plain, pad]);
}

describe('official examples (WXBizMsgCrypt sample code)', () => {
  it('verifies the documented URL check and returns the decrypted echostr', () => {
    expect(wecomVerifyUrl(verifyInput())).toBe('1616140317555161061');
  });

  it('verifies and decrypts the documented encrypted POST body', () => {
    expect(wecomDecryptMessage(messageInput())).toBe(OFFICIAL_PLAIN);
  });

  it('computes the documented signatures', () => {
    expect(wecomSignature(OFFICIAL.token, OFFICIAL.verify.timestamp, OFFICIAL.verify.nonce, OFFICIAL.verify.echostr)).toBe(
      OFFICIAL.verify.msgSignature,
    );
    expect(wecomSignature(OFFICIAL.token, OFFICIAL.message.timestamp, OFFICIAL.message.nonce, OFFICIAL.message.encrypted)).toBe(
      OFFICIAL.message.msgSignature,
    );
  });

  // The same scheme's published test (WXBizMsgCryptTest.java of the WXBizMsgCrypt Java sample):
  // a fixed random prefix gives a fixed ciphertext, which pins our encryption byte for byte.
  it('encrypts the published test message to the published ciphertext', () => {
    const encrypted = wecomEncrypt(
      'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      '我是中文abcd123',
      'wxb11529c136998cb6',
      Buffer.from('aaaabbbbccccdddd'),
    );
    expect(encrypted).toBe('jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==');
    expect(wecomDecrypt('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', encrypted, 'wxb11529c136998cb6')).toBe('我是中文abcd123');
  });
});

describe('tampering', () => {
  // 43 base64 characters hold 258 bits: the last character's two low bits are not part of the key.
  const lastKeyCharLowBits = `${OFFICIAL.encodingAesKey.slice(0, 42)}A`; // 'C' (000010) → 'A' (000000)
  const lastKeyCharHighBits = `${OFFICIAL.encodingAesKey.slice(0, 42)}S`; // 'C' (000010) → 'S' (010010)
  const wrongKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
  it.each<[string, TWecomCryptoErrorCode, Partial<Parameters<typeof wecomVerifyUrl>[0]>]>([
    ['one character of the signature', 'BAD_SIGNATURE', { msgSignature: flip(OFFICIAL.verify.msgSignature, 5) }],
    ['one digit of the timestamp', 'BAD_SIGNATURE', { timestamp: '1409659580' }],
    ['one digit of the nonce', 'BAD_SIGNATURE', { nonce: '263014781' }],
    ['one character of the echostr', 'BAD_SIGNATURE', { echostr: flip(OFFICIAL.verify.echostr, 10) }],
    ['another token', 'BAD_SIGNATURE', { token: 'QDG6eL' }],
    ['another receive id', 'BAD_RECEIVE_ID', { receiveId: 'wx5823bf96d3bd56c8' }],
    ['another (valid) key', 'BAD_PADDING', { encodingAesKey: wrongKey }],
    ['key of 42 characters', 'BAD_AES_KEY', { encodingAesKey: OFFICIAL.encodingAesKey.slice(1) }],
    ['key with a character outside base64', 'BAD_AES_KEY', { encodingAesKey: `${OFFICIAL.encodingAesKey.slice(1)}-` }],
  ])('URL check: %s → %s', (_name, code, change) => {
    expect(codeOf(() => wecomVerifyUrl(verifyInput(change)))).toBe(code);
  });

  // 'ok': the changed message still decrypts, to the documented plaintext.
  it.each<[string, TWecomCryptoErrorCode | 'ok', Partial<Parameters<typeof wecomDecryptMessage>[0]>]>([
    ['one character of the signature', 'BAD_SIGNATURE', { msgSignature: flip(OFFICIAL.message.msgSignature, 0) }],
    ['uppercase signature is the same signature', 'ok', { msgSignature: OFFICIAL.message.msgSignature.toUpperCase() }],
    ['one digit of the timestamp', 'BAD_SIGNATURE', { timestamp: '1409659814' }],
    ['one digit of the nonce', 'BAD_SIGNATURE', { nonce: '1372623148' }],
    ['one character of the encrypted text', 'BAD_SIGNATURE', { encrypted: flip(OFFICIAL.message.encrypted, 100) }],
    ['another receive id', 'BAD_RECEIVE_ID', { receiveId: 'ww0000000000000000' }],
    ['another (valid) key', 'BAD_PADDING', { encodingAesKey: wrongKey }],
    ['one key character changed', 'BAD_PADDING', { encodingAesKey: flip(OFFICIAL.encodingAesKey, 20) }],
    ['a key bit of the last character changed', 'BAD_PADDING', { encodingAesKey: lastKeyCharHighBits }],
    ['only the unused low bits of the last key character changed (same key)', 'ok', { encodingAesKey: lastKeyCharLowBits }],
  ])('message: %s → %s', (_name, code, change) => {
    expect(codeOf(() => expect(wecomDecryptMessage(messageInput(change))).toBe(OFFICIAL_PLAIN))).toBe(code);
  });

  const cases: { name: string; run: () => unknown; code: TWecomCryptoErrorCode }[] = [
    {
      name: 'decrypt: the last block of the text changed (no signature check)',
      run: () =>
        wecomDecrypt(
          OFFICIAL.encodingAesKey,
          flip(OFFICIAL.message.encrypted, OFFICIAL.message.encrypted.length - 5),
          OFFICIAL.corpId,
        ),
      code: 'BAD_PADDING',
    },
    {
      name: 'decrypt: not base64',
      run: () => wecomDecrypt(OFFICIAL.encodingAesKey, 'not base64!', OFFICIAL.corpId),
      code: 'BAD_BASE64',
    },
    {
      name: 'decrypt: base64 that is not whole AES blocks',
      run: () => wecomDecrypt(OFFICIAL.encodingAesKey, Buffer.alloc(20).toString('base64'), OFFICIAL.corpId),
      code: 'BAD_BASE64',
    },
    { name: 'decrypt: empty text', run: () => wecomDecrypt(OFFICIAL.encodingAesKey, '', OFFICIAL.corpId), code: 'BAD_BASE64' },
    {
      name: 'length prefix larger than the plaintext',
      run: () =>
        wecomDecrypt(
          OFFICIAL.encodingAesKey,
          rawEncrypt(padTo32(frame('hello', OFFICIAL.corpId, 0xffff_fff0), (n) => n)),
          OFFICIAL.corpId,
        ),
      code: 'BAD_LENGTH',
    },
    {
      name: 'length prefix one byte too large',
      run: () => wecomDecrypt(OFFICIAL.encodingAesKey, rawEncrypt(padTo32(frame('hello', '', 6), (n) => n)), null),
      code: 'BAD_LENGTH',
    },
    {
      name: 'plaintext shorter than random + length',
      run: () => wecomDecrypt(OFFICIAL.encodingAesKey, rawEncrypt(padTo32(Buffer.alloc(10, 1), (n) => n)), null),
      code: 'BAD_LENGTH',
    },
    {
      name: 'pad byte 0',
      run: () =>
        wecomDecrypt(OFFICIAL.encodingAesKey, rawEncrypt(padTo32(frame('hello', OFFICIAL.corpId), () => 0)), OFFICIAL.corpId),
      code: 'BAD_PADDING',
    },
    {
      name: 'pad byte 33 (over the 32-byte block)',
      run: () =>
        wecomDecrypt(OFFICIAL.encodingAesKey, rawEncrypt(padTo32(frame('hello', OFFICIAL.corpId), () => 33)), OFFICIAL.corpId),
      code: 'BAD_PADDING',
    },
    {
      name: 'unequal pad bytes',
      run: () =>
        wecomDecrypt(
          OFFICIAL.encodingAesKey,
          rawEncrypt(padTo32(frame('hello', OFFICIAL.corpId), (n, i) => (i === 0 ? n - 1 : n))),
          OFFICIAL.corpId,
        ),
      code: 'BAD_PADDING',
    },
    {
      name: 'a correct 32-byte pad decrypts',
      run: () => {
        if (
          wecomDecrypt(
            OFFICIAL.encodingAesKey,
            rawEncrypt(padTo32(frame('hello', OFFICIAL.corpId), (n) => n)),
            OFFICIAL.corpId,
          ) !== 'hello'
        )
          throw new Error('plaintext differs');
      },
      code: 'ok' as TWecomCryptoErrorCode,
    },
    {
      name: 'receive id skipped when null',
      run: () => {
        if (wecomDecrypt(OFFICIAL.encodingAesKey, OFFICIAL.verify.echostr, null) !== '1616140317555161061')
          throw new Error('plaintext differs');
      },
      code: 'ok' as TWecomCryptoErrorCode,
    },
  ];
  it.each(cases)('$name → $code', ({ run, code }) => {
    expect(codeOf(run)).toBe(code);
  });

  it('says what to do in each error message', () => {
    const error = (() => {
      try {
        wecomVerifyUrl(verifyInput({ token: 'x' }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WecomCryptoError);
    expect((error as Error).message).toMatch(/check the callback Token/);
  });
});

// Property runs are CPU-bound: give them room on a busy machine.
describe('properties', { timeout: 60_000 }, () => {
  const key43 = fc.stringMatching(/^[A-Za-z0-9+/]{43}$/);
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.uint8Array({ minLength: 0, maxLength: 200 }).map((b) => Buffer.from(b).toString('base64')),
    fc.uint8Array({ minLength: 1, maxLength: 12 }).map((n) => Buffer.alloc((n[0] ?? 1) * 16, n[1] ?? 0).toString('base64')),
  );

  it('decrypt throws nothing but WecomCryptoError, whatever the text, key and receive id', () => {
    fc.assert(
      fc.property(fc.oneof(key43, fc.string()), anyText, fc.option(fc.string(), { nil: null }), (key, text, receiveId) => {
        try {
          wecomDecrypt(key, text, receiveId);
        } catch (error) {
          expect(error).toBeInstanceOf(WecomCryptoError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('random blocks under the official key never escape as another error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.uint8Array({ minLength: 256, maxLength: 256 }), (blocks, bytes) => {
        const text = Buffer.from(bytes.subarray(0, blocks * 32)).toString('base64');
        try {
          wecomDecrypt(OFFICIAL.encodingAesKey, text, OFFICIAL.corpId);
        } catch (error) {
          expect(error).toBeInstanceOf(WecomCryptoError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('verify and decrypt-message throw only WecomCryptoError on random signatures and parts', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), anyText, fc.oneof(key43, fc.string()), (sig, ts, nonce, text, key) => {
        const signed = { token: 't', encodingAesKey: key, receiveId: 'r', msgSignature: sig, timestamp: ts, nonce };
        for (const run of [
          () => wecomVerifyUrl({ ...signed, echostr: text }),
          () => wecomDecryptMessage({ ...signed, encrypted: text }),
        ]) {
          try {
            run();
          } catch (error) {
            expect(error).toBeInstanceOf(WecomCryptoError);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips any unicode message and receive id', () => {
    fc.assert(
      fc.property(
        key43,
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        (key, message, receiveId) => {
          expect(wecomDecrypt(key, wecomEncrypt(key, message, receiveId), receiveId)).toBe(message);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round-trips a signed body through decrypt-message', () => {
    fc.assert(
      fc.property(
        key43,
        fc.string({ minLength: 1, maxLength: 200 }),
        fc.string({ minLength: 1, maxLength: 30 }),
        (key, message, token) => {
          const signed = wecomEncryptMessage({
            token,
            encodingAesKey: key,
            receiveId: 'ww1',
            message,
            timestamp: '1700000000',
            nonce: 'n1',
          });
          const plain = wecomDecryptMessage({
            token,
            encodingAesKey: key,
            receiveId: 'ww1',
            msgSignature: signed.msgSignature,
            timestamp: '1700000000',
            nonce: 'n1',
            encrypted: signed.encrypted,
          });
          expect(plain).toBe(message);
        },
      ),
      { numRuns: 200 },
    );
  });
});
