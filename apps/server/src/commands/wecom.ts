import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseEnvelope, WecomXmlError } from '@pond/channels/wecom/callback';
import { WecomCryptoError, wecomDecryptMessage, wecomEncryptMessage, wecomVerifyUrl } from '@pond/channels/wecom/crypto';

export const WECOM_USAGE = `Usage: npx pond wecom <verify-url|decrypt|encrypt> [options]

  verify-url --token T --aes-key K --receive-id R --msg-signature S --timestamp TS --nonce N --echostr E
        check a URL-verification request and print the decrypted echostr (what Pond answers WeCom)
  decrypt --token T --aes-key K --receive-id R --msg-signature S --timestamp TS --nonce N --body FILE
        check and decrypt a callback POST body (FILE "-" = stdin; the <xml><Encrypt>… body, or the bare Encrypt text)
  encrypt --token T --aes-key K --receive-id R [--timestamp TS] [--nonce N] [--agent-id A] --body FILE
        sign and encrypt a plaintext callback XML; prints {"msg_signature","timestamp","nonce","body"} to POST

  T is the callback Token, K the EncodingAESKey (43 characters), R the corp id (receive id).
  Exit codes: 0 ok, 1 the request does not verify or decrypt (the reason is printed), 2 bad usage.`;

type TIo = { out: (text: string) => void; err: (text: string) => void };
const stdio: TIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

class UsageError extends Error {}

async function readBody(file: string): Promise<string> {
  if (file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `npx pond wecom …`: the callback crypto on the command line, for people setting up or debugging
 * a WeCom connection (and for tests). Needs no database, config or POND_SECRET.
 * @example
 * await runWecomCommand(['verify-url', '--token', 'QDG6eK', '--aes-key', 'jWmY…', '--receive-id', 'wx5823bf96d3bd56c7',
 *   '--msg-signature', '5c45…', '--timestamp', '1409659589', '--nonce', '263014780', '--echostr', 'P9nA…']); // prints the echostr, 0
 */
export async function runWecomCommand(argv: string[], io: TIo = stdio): Promise<number> {
  const [sub, ...rest] = argv;
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      allowPositionals: false,
      strict: true,
      options: {
        token: { type: 'string' },
        'aes-key': { type: 'string' },
        'receive-id': { type: 'string' },
        'msg-signature': { type: 'string' },
        timestamp: { type: 'string' },
        nonce: { type: 'string' },
        echostr: { type: 'string' },
        body: { type: 'string' },
        'agent-id': { type: 'string' },
      },
    }));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${WECOM_USAGE}`);
    return 2;
  }
  const need = (name: string): string => {
    const value = values[name];
    if (value === undefined || value === '') throw new UsageError(`--${name} is required for "wecom ${sub}".`);
    return value;
  };
  // What a callback request is checked with: the connection's values and the query's signature.
  const signedRequest = () => ({
    token: need('token'),
    encodingAesKey: need('aes-key'),
    receiveId: need('receive-id'),
    msgSignature: need('msg-signature'),
    timestamp: need('timestamp'),
    nonce: need('nonce'),
  });
  try {
    switch (sub) {
      case 'verify-url': {
        io.out(wecomVerifyUrl({ ...signedRequest(), echostr: need('echostr') }));
        return 0;
      }
      case 'decrypt': {
        const input = signedRequest();
        const body = (await readBody(need('body'))).trim();
        // The POST body as WeCom sends it, or just the text of its <Encrypt>.
        const encrypted = body.startsWith('<') ? parseEnvelope(body).encrypt : body;
        io.out(wecomDecryptMessage({ ...input, encrypted }));
        return 0;
      }
      case 'encrypt': {
        const token = need('token');
        const encodingAesKey = need('aes-key');
        const receiveId = need('receive-id');
        const message = await readBody(need('body'));
        const timestamp = values.timestamp ?? String(Math.floor(Date.now() / 1000));
        const nonce = values.nonce ?? String(randomBytes(4).readUInt32BE(0));
        const signed = wecomEncryptMessage({
          token,
          encodingAesKey,
          receiveId,
          message,
          timestamp,
          nonce,
          agentId: values['agent-id'],
        });
        io.out(JSON.stringify({ msg_signature: signed.msgSignature, timestamp, nonce, body: signed.body }, null, 2));
        return 0;
      }
      default:
        io.err(`${sub ? `Unknown wecom command "${sub}".` : 'Which wecom command?'}\n\n${WECOM_USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${WECOM_USAGE}`);
      return 2;
    }
    if (error instanceof WecomCryptoError || error instanceof WecomXmlError) {
      io.err(`${error.code}: ${error.message}`);
      return 1;
    }
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'EISDIR')) {
      io.err(`Cannot read --body ${values.body}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
