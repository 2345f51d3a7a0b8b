import {
  MESSAGE_SOURCE_COVERAGE,
  type MessageSource,
  type TMessageBatch,
  type TMessageDelivery,
  type TMessageEvent,
} from '../message-source.ts';
import type { SimulatorChannel, TSimChatLine } from './simulator-channel.ts';

// The chat log's sender for what Pond itself posted: Pond records its own writes, so not a message in.
const POND_SENDER = 'pond';
const MSG_TYPES = new Set<TMessageEvent['msgType']>(['text', 'image', 'link', 'miniprogram', 'video', 'file']);
// The channel event's limit on `content`.
const CONTENT_MAX = 10_000;

/**
 * One chat-log line as the `message` delivery the simulator's message action delivers for it
 * (same msgid `simmsg_<line id>`, so pulling a line that was already pushed is a duplicate), or
 * null for a line Pond does not take in (Pond's own posts, an unknown conversation name).
 * @example
 * simChatLineToDelivery({ id: 7, conversation: 'group:wr1', sender: 'wm1', senderName: '顾客', msgType: 'text', content: '1', at });
 * // → { dedupeKey: 'simmsg_7', event: { type: 'message', conversation: 'group', chatId: 'wr1', sender: { id: 'wm1', type: 'customer' }, … } }
 */
export function simChatLineToDelivery(line: TSimChatLine): TMessageDelivery | null {
  if (line.sender === POND_SENDER) return null;
  const msgId = `simmsg_${line.id}`;
  const base = {
    type: 'message' as const,
    at: line.at.toISOString(),
    msgId,
    msgType: MSG_TYPES.has(line.msgType as TMessageEvent['msgType']) ? (line.msgType as TMessageEvent['msgType']) : 'text',
    content: line.content.slice(0, CONTENT_MAX),
  };
  const [scope, a, b, ...rest] = line.conversation.split(':');
  if (scope === 'group' && a && b === undefined) {
    // In the simulator only customers speak in groups (staff posts go out as Pond's own).
    return {
      dedupeKey: msgId,
      event: { ...base, conversation: 'group', chatId: a, sender: { id: line.sender, type: 'customer' } },
    };
  }
  if (scope === 'private' && a && b && rest.length === 0) {
    const type = line.sender === a ? 'staff' : 'customer';
    return {
      dedupeKey: msgId,
      event: { ...base, conversation: 'private', staffUserId: a, externalUserId: b, sender: { id: line.sender, type } },
    };
  }
  return null;
}

/**
 * The simulator as a MessageSource: pulls the virtual WeCom's chat log by line id (the cursor),
 * as the session archive is pulled by seq. It reads only; the simulator's message action still
 * pushes each message to the inbox at once, and a pull of the same line yields the same dedupe key.
 * @example
 * const source = createSimMessageSource(simulatorOf(deps));
 * const batch = await source.pull({ tenantId, cursor: null, limit: 500 });
 */
export function createSimMessageSource(sim: Pick<SimulatorChannel, 'readChatLog'>): MessageSource {
  return {
    kind: 'simulator',
    coverage: MESSAGE_SOURCE_COVERAGE.simulator,
    async pull({ tenantId, cursor, limit }): Promise<TMessageBatch> {
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new RangeError(`limit: 1 to 1000, got ${limit}.`);
      const afterId = cursor === null ? 0 : Number(cursor);
      if (!Number.isSafeInteger(afterId) || afterId < 0)
        throw new RangeError(`cursor: a chat-log line id from an earlier pull, got "${cursor}". Start again with null.`);
      const lines = await sim.readChatLog({ tenantId, afterId, limit });
      const deliveries: TMessageDelivery[] = [];
      for (const line of lines) {
        const d = simChatLineToDelivery(line);
        if (d) deliveries.push(d);
      }
      const last = lines.at(-1);
      return { deliveries, cursor: last ? String(last.id) : cursor, more: lines.length === limit };
    },
  };
}
