import { z } from 'zod';
import { WecomApiError, wecomErrorFor } from './errors.ts';
import { describeIssue } from './http.ts';
import { createRateQueue, type RateQueue } from './rate-queue.ts';

/**
 * Group robot webhooks (群机器人). Document: 群机器人配置说明
 * https://developer.work.weixin.qq.com/document/path/91770 — POST JSON to the webhook URL
 * (`…/cgi-bin/webhook/send?key=KEY`); text ≤ 2048 bytes, markdown ≤ 4096 bytes (UTF-8); each robot
 * sends at most 20 messages a minute. The URL holds the robot's key: it never appears in errors.
 * Not retried: a robot message sent twice shows twice in the group.
 */

export const ROBOT_LIMITS = { textBytes: 2048, markdownBytes: 4096, perMinute: 20 } as const;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export const ZRobotMessage = z.discriminatedUnion('msgtype', [
  z.looseObject({
    msgtype: z.literal('text'),
    text: z.looseObject({
      content: z
        .string()
        .min(1)
        .refine((s) => bytes(s) <= ROBOT_LIMITS.textBytes, `text is at most ${ROBOT_LIMITS.textBytes} bytes`),
      mentioned_list: z.array(z.string()).optional(),
      mentioned_mobile_list: z.array(z.string()).optional(),
    }),
  }),
  z.looseObject({
    msgtype: z.literal('markdown'),
    markdown: z.looseObject({
      content: z
        .string()
        .min(1)
        .refine((s) => bytes(s) <= ROBOT_LIMITS.markdownBytes, `markdown is at most ${ROBOT_LIMITS.markdownBytes} bytes`),
    }),
  }),
  z.looseObject({ msgtype: z.literal('image'), image: z.looseObject({ base64: z.string().min(1), md5: z.string().length(32) }) }),
  z.looseObject({
    msgtype: z.literal('news'),
    news: z.looseObject({
      articles: z
        .array(
          z.looseObject({
            title: z.string().min(1).max(128),
            url: z.string().min(1),
            description: z.string().optional(),
            picurl: z.string().optional(),
          }),
        )
        .min(1)
        .max(8),
    }),
  }),
  z.looseObject({ msgtype: z.literal('file'), file: z.looseObject({ media_id: z.string().min(1) }) }),
]);
export type TRobotMessage = z.input<typeof ZRobotMessage>;

// One queue per robot key: 20 messages a minute, one at a time.
const robotQueues = new Map<string, RateQueue>();

/**
 * Posts `body` through a group robot's webhook.
 * @example
 * await sendRobotMessage('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…', { msgtype: 'text', text: { content: '新订单' } });
 */
export async function sendRobotMessage(
  webhookUrl: string,
  body: TRobotMessage,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const path = 'webhook/send';
  const parsed = ZRobotMessage.safeParse(body);
  if (!parsed.success)
    throw new WecomApiError('INVALID', `WeCom ${path}: the message breaks a robot rule (${describeIssue(parsed.error)}).`, {
      path,
    });
  let url: URL;
  try {
    url = new URL(webhookUrl);
  } catch {
    throw new WecomApiError('INVALID', `WeCom ${path}: the webhook URL is not a URL; copy it from the robot's settings.`, {
      path,
    });
  }
  const key = url.searchParams.get('key') ?? url.pathname;
  let queue = robotQueues.get(key);
  if (!queue) {
    queue = createRateQueue({ concurrency: 1, perMinute: ROBOT_LIMITS.perMinute });
    robotQueues.set(key, queue);
  }
  const json = await queue.run(path, async () => {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(parsed.data),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new WecomApiError('UNAVAILABLE', `WeCom ${path}: ${timedOut ? 'no answer in time' : 'network error'}; retry later.`, {
        path,
      });
    }
    if (res.status >= 500) throw new WecomApiError('UNAVAILABLE', `WeCom ${path}: HTTP ${res.status}; retry later.`, { path });
    try {
      return (await res.json()) as { errcode?: number; errmsg?: string };
    } catch {
      throw new WecomApiError('UNAVAILABLE', `WeCom ${path}: the answer is not JSON.`, { path });
    }
  });
  const errcode = typeof json.errcode === 'number' ? json.errcode : 0;
  if (errcode !== 0) throw wecomErrorFor(path, errcode, json.errmsg);
}
