import { randomBytes } from 'node:crypto';
import { wecomEncrypt, wecomEncryptMessage, wecomSignature } from '../crypto.ts';

/**
 * Callback events as WeCom builds and delivers them. Documents:
 * - 客户联系 事件格式 https://developer.work.weixin.qq.com/document/path/92130 (change_external_contact:
 *   add_external_contact with State and WelcomeCode, edit_external_contact, add_half_external_contact,
 *   del_external_contact, del_follow_user, transfer_fail; change_external_chat: create, update with UpdateDetail,
 *   JoinScene, QuitScene, MemChangeCnt, MemChangeList, LastMemVer, CurMemVer, dismiss; change_external_tag)
 * - 接收消息与事件 / 回调配置 https://developer.work.weixin.qq.com/document/path/90238 (POST with msg_signature,
 *   timestamp, nonce; answer within 5 s or WeCom retries, three times in all; GET URL check with echostr)
 * - 加解密方案说明 https://developer.work.weixin.qq.com/document/path/90968 (the envelope `<xml><ToUserName>
 *   <Encrypt><AgentID>`)
 */

export type FakeCallbackTarget = { url: string; token: string; encodingAesKey: string };

/** A field of an event: text goes in CDATA, numbers bare, a list becomes `<Item>`s (MemChangeList). */
export type FakeXmlValue = string | number | string[] | undefined;

function cdata(text: string): string {
  // `]]>` cannot appear inside CDATA: split it across two sections.
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/**
 * The plaintext XML of a callback event, fields in the documented order.
 * @example
 * buildEventXml({ toUserName: 'ww1', createTime: 1403610513, event: 'change_external_contact',
 *   fields: { ChangeType: 'add_external_contact', UserID: 'zhangsan', ExternalUserID: 'wm1', State: 's', WelcomeCode: 'c' } })
 */
export function buildEventXml(input: {
  toUserName: string;
  createTime: number;
  event: string;
  fields: Record<string, FakeXmlValue>;
}): string {
  const parts = [
    `<ToUserName>${cdata(input.toUserName)}</ToUserName>`,
    `<FromUserName>${cdata('sys')}</FromUserName>`,
    `<CreateTime>${input.createTime}</CreateTime>`,
    `<MsgType>${cdata('event')}</MsgType>`,
    `<Event>${cdata(input.event)}</Event>`,
  ];
  for (const [name, value] of Object.entries(input.fields)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) parts.push(`<${name}>${value.map((v) => `<Item>${cdata(v)}</Item>`).join('')}</${name}>`);
    else if (typeof value === 'number') parts.push(`<${name}>${value}</${name}>`);
    else parts.push(`<${name}>${cdata(value)}</${name}>`);
  }
  return `<xml>${parts.join('')}</xml>`;
}

export type FakeDeliveryAttempt = { status: number | null; body: string; error?: string; ms: number };
export type FakeDelivery = {
  xml: string;
  attempts: FakeDeliveryAttempt[];
  // Whether some attempt got HTTP 200 with body `success` (or an empty body, which WeCom also accepts).
  ok: boolean;
};

export type FakeDeliverOptions = {
  // Wait this long before the first attempt (a late event).
  delayMs?: number;
  // Deliver the same event this many times (a duplicate), each with its own retries.
  times?: number;
  // With several events: send them all at once in a random order (out-of-order delivery).
  shuffle?: boolean;
};

export type FakeCallbackHub = {
  setTarget(target: FakeCallbackTarget | null): void;
  target(): FakeCallbackTarget | null;
  /**
   * Sends `xml` (or several events, one after another unless `shuffle`) to the target, signed and
   * encrypted, retrying on a non-`success` answer.
   */
  deliver(xml: string | string[], options?: FakeDeliverOptions): Promise<FakeDelivery[]>;
  /** Sends several events at once in a shuffled order. */
  deliverShuffled(xmls: string[]): Promise<FakeDelivery[]>;
  /** From now on, events from acting users are kept instead of sent. */
  hold(): void;
  /** Sends the kept events: in order, in reverse, or shuffled; and stops holding. */
  release(order?: 'fifo' | 'reverse' | 'shuffle'): Promise<FakeDelivery[]>;
  /** Events kept by `hold()`, not yet sent. */
  held(): string[];
  /** Every delivery so far (for assertions). */
  log(): FakeDelivery[];
  /** Resolves when every delivery in flight has finished. */
  idle(): Promise<void>;
  /** WeCom's GET URL check; returns whether the decrypted echostr came back. */
  verifyUrl(): Promise<{ ok: boolean; status: number | null; body: string; echostr: string }>;
  /** Used by acting users: held when holding, otherwise sent (no-op without a target). */
  emit(xml: string): Promise<FakeDelivery[]>;
  reset(): void;
};

export function createCallbackHub(options: {
  corpId: string;
  now: () => number;
  // How long to wait for an answer before retrying (WeCom: 5 s).
  timeoutMs?: number;
  // Attempts in all, the first included (WeCom: 3).
  attempts?: number;
  // Pause between attempts.
  retryDelayMs?: number;
}): FakeCallbackHub {
  let target: FakeCallbackTarget | null = null;
  let holding = false;
  let kept: string[] = [];
  const deliveries: FakeDelivery[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const timeoutMs = options.timeoutMs ?? 5000;
  const attempts = options.attempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 200;

  async function attempt(url: string, body: string): Promise<FakeDeliveryAttempt> {
    const started = Date.now();
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      return { status: res.status, body: text, ms: Date.now() - started };
    } catch (error) {
      return { status: null, body: '', error: error instanceof Error ? error.message : String(error), ms: Date.now() - started };
    }
  }

  async function deliverOnce(xml: string, delayMs: number): Promise<FakeDelivery> {
    const delivery: FakeDelivery = { xml, attempts: [], ok: false };
    deliveries.push(delivery);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    const t = target;
    if (!t) return delivery;
    // Each attempt is signed afresh, with a new timestamp and nonce, like WeCom's retries.
    for (let i = 0; i < attempts && !delivery.ok; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, retryDelayMs));
      const timestamp = String(Math.floor(options.now() / 1000));
      const nonce = randomBytes(8).toString('hex');
      const { body, msgSignature } = wecomEncryptMessage({
        token: t.token,
        encodingAesKey: t.encodingAesKey,
        receiveId: options.corpId,
        message: xml,
        timestamp,
        nonce,
      });
      const url = new URL(t.url);
      url.searchParams.set('msg_signature', msgSignature);
      url.searchParams.set('timestamp', timestamp);
      url.searchParams.set('nonce', nonce);
      const result = await attempt(url.toString(), body);
      delivery.attempts.push(result);
      delivery.ok = result.status === 200 && (result.body.trim() === 'success' || result.body === '');
    }
    return delivery;
  }

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  }

  const hub: FakeCallbackHub = {
    setTarget(next) {
      target = next;
    },
    target: () => target,
    deliver(xml, opts = {}) {
      const times = Math.max(1, opts.times ?? 1);
      const list = (Array.isArray(xml) ? xml : [xml]).flatMap((x) => Array.from({ length: times }, () => x));
      if (opts.shuffle) return track(Promise.all(shuffle(list).map((x) => deliverOnce(x, opts.delayMs ?? 0))));
      if (list.length === times) return track(Promise.all(list.map((x) => deliverOnce(x, opts.delayMs ?? 0))));
      return track(
        (async () => {
          const out: FakeDelivery[] = [];
          for (const x of list) out.push(await deliverOnce(x, opts.delayMs ?? 0));
          return out;
        })(),
      );
    },
    deliverShuffled(xmls) {
      return track(Promise.all(shuffle(xmls).map((xml) => deliverOnce(xml, 0))));
    },
    hold() {
      holding = true;
    },
    async release(order = 'fifo') {
      holding = false;
      const list = order === 'reverse' ? [...kept].reverse() : order === 'shuffle' ? shuffle(kept) : [...kept];
      kept = [];
      const out: FakeDelivery[] = [];
      // In the chosen order, one after another, so the order is what the target sees.
      for (const xml of list) out.push(await track(deliverOnce(xml, 0)));
      return out;
    },
    held: () => [...kept],
    log: () => [...deliveries],
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async verifyUrl() {
      const t = target;
      if (!t) throw new Error('No callback target: call control.setCallbackTarget({ url, token, encodingAesKey }) first.');
      const echo = randomBytes(12).toString('hex');
      const echostr = wecomEncrypt(t.encodingAesKey, echo, options.corpId);
      const timestamp = String(Math.floor(options.now() / 1000));
      const nonce = randomBytes(8).toString('hex');
      const url = new URL(t.url);
      url.searchParams.set('msg_signature', wecomSignature(t.token, timestamp, nonce, echostr));
      url.searchParams.set('timestamp', timestamp);
      url.searchParams.set('nonce', nonce);
      url.searchParams.set('echostr', echostr);
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        const body = await res.text();
        return { ok: res.status === 200 && body.trim() === echo, status: res.status, body, echostr: echo };
      } catch (error) {
        return { ok: false, status: null, body: error instanceof Error ? error.message : String(error), echostr: echo };
      }
    },
    async emit(xml) {
      if (holding) {
        kept.push(xml);
        return [];
      }
      if (!target) return [];
      return hub.deliver(xml);
    },
    reset() {
      holding = false;
      kept = [];
      deliveries.length = 0;
    },
  };
  return hub;
}

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
