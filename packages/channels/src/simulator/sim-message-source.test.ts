import { describe, expect, it } from 'vitest';
import { messageFeatureSupport, type TMessageFeature, type TMessageSourceKind } from '../message-source.ts';
import { simChatLineToDelivery } from './sim-message-source.ts';
import type { TSimChatLine } from './simulator-channel.ts';

const at = new Date('2026-12-02T08:00:00Z');
const line = (over: Partial<TSimChatLine>): TSimChatLine => ({
  id: 7,
  conversation: 'group:wrchat1',
  sender: 'wmcust1',
  senderName: '顾客',
  msgType: 'text',
  content: '1',
  at,
  ...over,
});

describe('simChatLineToDelivery', () => {
  it.each([
    [
      'a customer in a group',
      line({}),
      { conversation: 'group', chatId: 'wrchat1', sender: { id: 'wmcust1', type: 'customer' } },
    ],
    [
      'a customer privately',
      line({ conversation: 'private:wangfang:wmcust1' }),
      {
        conversation: 'private',
        staffUserId: 'wangfang',
        externalUserId: 'wmcust1',
        sender: { id: 'wmcust1', type: 'customer' },
      },
    ],
    [
      'the staff member privately',
      line({ conversation: 'private:wangfang:wmcust1', sender: 'wangfang' }),
      { conversation: 'private', staffUserId: 'wangfang', externalUserId: 'wmcust1', sender: { id: 'wangfang', type: 'staff' } },
    ],
    ['an image line keeps its type', line({ msgType: 'image', content: 'https://x/a.png' }), { msgType: 'image' }],
    ['an unknown type reads as text', line({ msgType: 'voice' }), { msgType: 'text' }],
  ])('%s', (_name, input, expected) => {
    const d = simChatLineToDelivery(input);
    expect(d?.dedupeKey).toBe('simmsg_7');
    expect(d?.event).toMatchObject({ type: 'message', msgId: 'simmsg_7', at: at.toISOString(), ...expected });
  });

  it.each([
    ["Pond's own post (recorded as Pond's write, not a message in)", line({ sender: 'pond' })],
    ['an unknown conversation name', line({ conversation: 'channel:x' })],
    ['a group name with extra parts', line({ conversation: 'group:a:b' })],
    ['a private name missing the customer', line({ conversation: 'private:wangfang' })],
  ])('%s → nothing', (_name, input) => {
    expect(simChatLineToDelivery(input)).toBeNull();
  });

  it('cuts content to the channel event limit', () => {
    expect(simChatLineToDelivery(line({ content: 'x'.repeat(12_000) }))?.event.content).toHaveLength(10_000);
  });
});

describe('messageFeatureSupport', () => {
  it.each<[TMessageFeature, TMessageSourceKind[], ReturnType<typeof messageFeatureSupport>]>([
    ['auction_bids', [], { supported: false, reason: 'no_source' }],
    ['auction_bids', ['robot_at'], { supported: false, reason: 'not_covered' }],
    ['chain_orders', ['robot_at'], { supported: false, reason: 'not_covered' }],
    ['private_keyword_reply', ['robot_at'], { supported: false, reason: 'not_covered' }],
    ['keyword_reply', ['robot_at'], { supported: true, via: 'robot_at', partial: true }],
    ['keyword_reply', ['robot_at', 'session_archive'], { supported: true, via: 'session_archive', partial: false }],
    ['auction_bids', ['session_archive'], { supported: true, via: 'session_archive', partial: false }],
    ['chain_orders', ['simulator'], { supported: true, via: 'simulator', partial: false }],
    ['private_keyword_reply', ['simulator'], { supported: true, via: 'simulator', partial: false }],
  ])('%s with %j', (feature, kinds, expected) => {
    expect(messageFeatureSupport(feature, kinds)).toEqual(expected);
  });
});
