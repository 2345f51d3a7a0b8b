import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { wecomDecryptMessage } from '@pond/channels/wecom/crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { runWecomCommand } from '../commands/wecom.ts';

// The official example of WeCom's WXBizMsgCrypt sample code ("加解密库下载与返回码",
// https://developer.work.weixin.qq.com/document/path/90307).
const KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const BASE = ['--token', 'QDG6eK', '--aes-key', KEY, '--receive-id', 'wx5823bf96d3bd56c7'];
const VERIFY = [
  'verify-url',
  ...BASE,
  '--msg-signature',
  '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  '--timestamp',
  '1409659589',
  '--nonce',
  '263014780',
  '--echostr',
  'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
];
const POST_QUERY = [
  '--msg-signature',
  '477715d11cdb4164915debcba66cb864d751f3e6',
  '--timestamp',
  '1409659813',
  '--nonce',
  '1372623149',
];
const POST_BODY =
  '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>';
const POST_PLAIN_START =
  '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>';

const BIN = resolve(import.meta.dirname, '../../bin/pond.mjs');
type TRun = { code: number; stdout: string; stderr: string };

/** Spawns the real CLI with no database, config or secret in its environment. */
function pond(args: string[], stdin?: string): Promise<TRun> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [BIN, 'wecom', ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, timeout: 150_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
    child.stdin?.end(stdin ?? '');
  });
}

describe('npx pond wecom (the real CLI, spawned)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pond-wecom-cli-'));
  const bodyFile = join(dir, 'body.xml');
  const plainFile = join(dir, 'plain.xml');
  writeFileSync(bodyFile, POST_BODY);
  writeFileSync(plainFile, '<xml><CreateTime>1700000000</CreateTime><Event>change_external_contact</Event></xml>');
  let runs: Record<'verify' | 'tampered' | 'decrypt' | 'decryptStdinWrongKey' | 'encrypt', TRun>;

  // Each spawn boots tsx and the server's imports: start them together, once.
  beforeAll(async () => {
    const wrongKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const [verify, tampered, decrypt, decryptStdinWrongKey, encrypt] = await Promise.all([
      pond(VERIFY),
      pond(VERIFY.map((a) => (a === '263014780' ? '263014781' : a))),
      pond(['decrypt', ...BASE, ...POST_QUERY, '--body', bodyFile]),
      pond(['decrypt', ...BASE.map((a) => (a === KEY ? wrongKey : a)), ...POST_QUERY, '--body', '-'], POST_BODY),
      pond(['encrypt', ...BASE, '--timestamp', '1700000000', '--nonce', 'abc', '--body', plainFile]),
    ]);
    runs = { verify, tampered, decrypt, decryptStdinWrongKey, encrypt };
  }, 300_000);

  it('verify-url prints the decrypted echostr of the official example and exits 0', () => {
    expect(runs.verify).toEqual({ code: 0, stdout: '1616140317555161061\n', stderr: '' });
  });

  it('verify-url with a tampered nonce prints why and exits 1', () => {
    expect(runs.tampered.code).toBe(1);
    expect(runs.tampered.stdout).toBe('');
    expect(runs.tampered.stderr).toMatch(/^BAD_SIGNATURE: The signature does not match: check the callback Token/);
  });

  it('decrypt prints the official plaintext from a body file', () => {
    expect(runs.decrypt.code).toBe(0);
    expect(runs.decrypt.stdout.startsWith(POST_PLAIN_START)).toBe(true);
    expect(runs.decrypt.stdout).toContain('<Content><![CDATA[hello]]></Content>');
  });

  it('decrypt from stdin with the wrong key exits 1 with the padding error', () => {
    expect(runs.decryptStdinWrongKey.code).toBe(1);
    expect(runs.decryptStdinWrongKey.stderr).toMatch(/^BAD_PADDING: .*EncodingAESKey is wrong/);
  });

  it('encrypt prints a signed body that decrypts to the input', () => {
    expect(runs.encrypt.code).toBe(0);
    const out = JSON.parse(runs.encrypt.stdout) as { msg_signature: string; timestamp: string; nonce: string; body: string };
    expect(out).toMatchObject({ timestamp: '1700000000', nonce: 'abc' });
    const encrypted = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(out.body)?.[1] ?? '';
    const plain = wecomDecryptMessage({
      token: 'QDG6eK',
      encodingAesKey: KEY,
      receiveId: 'wx5823bf96d3bd56c7',
      msgSignature: out.msg_signature,
      timestamp: out.timestamp,
      nonce: out.nonce,
      encrypted,
    });
    expect(plain).toBe('<xml><CreateTime>1700000000</CreateTime><Event>change_external_contact</Event></xml>');
  });
});

describe('runWecomCommand in-process', () => {
  const capture = () => {
    const io = {
      outText: '',
      errText: '',
      out: (t: string) => {
        io.outText += t;
      },
      err: (t: string) => {
        io.errText += t;
      },
    };
    return io;
  };

  it.each([
    ['no sub-command', [], /Which wecom command\?/],
    ['an unknown sub-command', ['decode'], /Unknown wecom command "decode"/],
    ['a missing option', ['verify-url', ...BASE], /--msg-signature is required for "wecom verify-url"/],
    ['an unknown option', ['verify-url', '--tokn', 'x'], /Unknown option '--tokn'/],
    [
      'an unreadable body file',
      ['decrypt', ...BASE, ...POST_QUERY, '--body', '/nonexistent/pond/body.xml'],
      /Cannot read --body/,
    ],
  ])('%s → exit 2 with a message', async (_name, args, message) => {
    const io = capture();
    expect(await runWecomCommand(args, io)).toBe(2);
    expect(io.errText).toMatch(message);
    expect(io.outText).toBe('');
  });

  it('verify-url with another receive id → exit 1 naming the corp id', async () => {
    const io = capture();
    expect(
      await runWecomCommand(
        VERIFY.map((a) => (a === 'wx5823bf96d3bd56c7' ? 'ww0000000000000000' : a)),
        io,
      ),
    ).toBe(1);
    expect(io.errText).toMatch(/^BAD_RECEIVE_ID: .*check the corp id/);
    expect(io.outText).toBe('');
  });

  it('decrypt accepts the bare Encrypt text as the body', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pond-wecom-cli-'));
    const file = join(dir, 'encrypt.txt');
    writeFileSync(file, `${/<Encrypt><!\[CDATA\[(.*?)\]\]>/.exec(POST_BODY)?.[1] ?? ''}\n`);
    const io = capture();
    expect(await runWecomCommand(['decrypt', ...BASE, ...POST_QUERY, '--body', file], io)).toBe(0);
    expect(io.outText.startsWith(POST_PLAIN_START)).toBe(true);
  });

  it('a body with a DOCTYPE → exit 1 with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pond-wecom-cli-'));
    const file = join(dir, 'bad.xml');
    writeFileSync(file, '<!DOCTYPE x><xml/>');
    const io = capture();
    expect(await runWecomCommand(['decrypt', ...BASE, ...POST_QUERY, '--body', file], io)).toBe(1);
    expect(io.errText).toMatch(/^FORBIDDEN_DTD: /);
  });
});
