/**
 * MessageSource: how group and private *messages* reach Pond.
 *
 * WeCom's callbacks tell Pond about customers, follows, groups and tags, never about what people
 * say: a customer's "1" under an auction post or "+1 两份" in a group-buy chain arrives only through
 * the session archive (会话存档, pulled by `seq` with WeCom's native SDK), or — for messages that
 * @-mention a robot — through a robot's callback. The simulator keeps its own chat log. Each of
 * these is a MessageSource; see docs/adr/006-message-sources.md for the why and the costs.
 *
 * A source is pulled with a resumable cursor that Pond keeps (the session archive's `seq`, the
 * simulator's chat-log id); what it yields goes into Pond's inbox with its dedupe key, exactly like
 * a callback, so a batch pulled twice (a crash between storing and saving the cursor) is harmless.
 */
import type { TChannelEvent } from './channel.ts';

/** Where messages come from. */
export type TMessageSourceKind = 'simulator' | 'session_archive' | 'robot_at';

/** A `message` channel event (the only kind a MessageSource yields). */
export type TMessageEvent = Extract<TChannelEvent, { type: 'message' }>;

/** One message as delivered; the dedupe key (the message's msgid) makes a second delivery harmless. */
export type TMessageDelivery = { dedupeKey: string; event: TMessageEvent };

/** What a source can see. Features check this before they promise anything to the tenant. */
export type TMessageCoverage = {
  // Which conversations the source sees at all.
  conversations: readonly ('group' | 'private')[];
  // 'all': every message; 'mentions': only messages that @-mention the robot.
  messages: 'all' | 'mentions';
  // Whether staff members' own messages are seen (the session archive sees both sides).
  staffMessages: boolean;
};

/** A batch of messages after `cursor`, oldest first, and the cursor to resume from. */
export type TMessageBatch = {
  deliveries: TMessageDelivery[];
  // Opaque to Pond: saved after the batch is stored and passed back on the next pull. Moves past
  // lines the source skips (Pond's own posts), so it can advance with an empty `deliveries`.
  cursor: string | null;
  // True when the source returned a full batch: pull again at once.
  more: boolean;
};

/**
 * A source of group/private messages, pulled by cursor. Push-shaped sources (a robot callback)
 * implement `pull` over what their endpoint has stored, so Pond drives every source the same way.
 * @example
 * let cursor = await loadCursor(tenantId, source.kind);
 * for (;;) {
 *   const batch = await source.pull({ tenantId, cursor, limit: 500 });
 *   for (const d of batch.deliveries) await ingestEvent(ctx, { channel: 'wecom', ...d });
 *   cursor = batch.cursor;
 *   await saveCursor(tenantId, source.kind, cursor);
 *   if (!batch.more) break;
 * }
 */
export type MessageSource = {
  readonly kind: TMessageSourceKind;
  readonly coverage: TMessageCoverage;
  pull: (input: { tenantId: number; cursor: string | null; limit: number }) => Promise<TMessageBatch>;
};

/** What each kind of source sees (docs/adr/006-message-sources.md). */
export const MESSAGE_SOURCE_COVERAGE: Record<TMessageSourceKind, TMessageCoverage> = {
  // The simulator's chat log: every customer message, in groups and privately.
  simulator: { conversations: ['group', 'private'], messages: 'all', staffMessages: false },
  // 会话存档: every message of the staff members with an archive licence, both directions.
  session_archive: { conversations: ['group', 'private'], messages: 'all', staffMessages: true },
  // An intelligent robot's callback: only messages that @ it, and only where it may be added.
  robot_at: { conversations: ['group'], messages: 'mentions', staffMessages: false },
};

/** Pond features that read customers' messages. */
export type TMessageFeature = 'keyword_reply' | 'auction_bids' | 'chain_orders' | 'private_keyword_reply';

// What each feature needs: where the messages are said, and whether it must see every message
// (a bid or a chain entry is not an @-mention).
const NEEDS: Record<TMessageFeature, { conversation: 'group' | 'private'; messages: 'all' | 'mentions' }> = {
  // Keyword replies in groups work on @-mentions too ("@店小二 营业时间").
  keyword_reply: { conversation: 'group', messages: 'mentions' },
  private_keyword_reply: { conversation: 'private', messages: 'all' },
  auction_bids: { conversation: 'group', messages: 'all' },
  chain_orders: { conversation: 'group', messages: 'all' },
};

export type TMessageFeatureSupport =
  | { supported: true; via: TMessageSourceKind; partial: boolean }
  | { supported: false; reason: 'no_source' | 'not_covered' };

/**
 * Whether a feature can work with the tenant's message sources, and through which. `partial` is
 * true when it works only on @-mentions. The console shows `reason` instead of the feature's switch:
 * 'no_source' → "Connect a message source (session archive) to use this"; 'not_covered' → "Your
 * message source does not see these messages".
 * @example
 * messageFeatureSupport('auction_bids', ['robot_at']); // { supported: false, reason: 'not_covered' }
 * messageFeatureSupport('keyword_reply', ['robot_at']); // { supported: true, via: 'robot_at', partial: true }
 */
export function messageFeatureSupport(feature: TMessageFeature, kinds: readonly TMessageSourceKind[]): TMessageFeatureSupport {
  if (kinds.length === 0) return { supported: false, reason: 'no_source' };
  const need = NEEDS[feature];
  let best: TMessageFeatureSupport | null = null;
  for (const kind of kinds) {
    const c = MESSAGE_SOURCE_COVERAGE[kind];
    if (!c.conversations.includes(need.conversation)) continue;
    if (need.messages === 'all' && c.messages !== 'all') continue;
    const partial = c.messages === 'mentions';
    if (!partial) return { supported: true, via: kind, partial: false };
    best ??= { supported: true, via: kind, partial: true };
  }
  return best ?? { supported: false, reason: 'not_covered' };
}
