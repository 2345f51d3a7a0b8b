import { describe, expect, it } from 'vitest';
import { buildEventXml } from '../fake-callbacks.ts';
import { FakeApiError, page } from '../fake-core.ts';
import { normalisePath } from '../fake-server.ts';
import { overMassLimit } from '../handlers/messages.ts';

const DEC_15 = Date.UTC(2026, 11, 15, 12) / 1000;
const NOV_30 = Date.UTC(2026, 10, 30, 12) / 1000;

describe('overMassLimit', () => {
  it.each([
    { received: [], limit: 1, over: false },
    { received: [DEC_15], limit: 1, over: true },
    // Last month's messages do not count.
    { received: [NOV_30, NOV_30], limit: 1, over: false },
    // Default: as many as the month has days (31 in December).
    { received: Array(30).fill(DEC_15), limit: null, over: false },
    { received: Array(31).fill(DEC_15), limit: null, over: true },
  ])('$received.length received, limit $limit → $over', ({ received, limit, over }) => {
    expect(overMassLimit(received, DEC_15 * 1000 + 1000, limit)).toBe(over);
  });
});

describe('page', () => {
  const items = [1, 2, 3, 4, 5];
  it.each([
    { cursor: undefined, limit: 2, expected: [1, 2], more: true },
    { cursor: Buffer.from('2').toString('base64url'), limit: 2, expected: [3, 4], more: true },
    { cursor: Buffer.from('4').toString('base64url'), limit: 2, expected: [5], more: false },
    { cursor: undefined, limit: 10, expected: [1, 2, 3, 4, 5], more: false },
  ])('cursor $cursor, limit $limit → $expected', ({ cursor, limit, expected, more }) => {
    const result = page(items, cursor, limit);
    expect(result.items).toEqual(expected);
    expect(result.next_cursor !== '').toBe(more);
  });

  it('rejects a cursor it did not issue with 40058', () => {
    expect(() => page(items, 'not-a-cursor', 2)).toThrow(FakeApiError);
  });
});

describe('normalisePath', () => {
  it.each([
    ['/cgi-bin/externalcontact/list', 'externalcontact/list'],
    ['cgi-bin/gettoken', 'gettoken'],
    ['externalcontact/groupchat/get', 'externalcontact/groupchat/get'],
    ['/cgi-bin/webhook/send?key=abc', 'webhook/send'],
  ])('%s → %s', (input, expected) => {
    expect(normalisePath(input)).toBe(expected);
  });
});

describe('buildEventXml', () => {
  it('builds the documented add_external_contact event', () => {
    const xml = buildEventXml({
      toUserName: 'ww1',
      createTime: 1403610513,
      event: 'change_external_contact',
      fields: {
        ChangeType: 'add_external_contact',
        UserID: 'zhangsan',
        ExternalUserID: 'wm1',
        State: 'teststate',
        WelcomeCode: 'WC',
      },
    });
    expect(xml).toBe(
      '<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>' +
        '<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>' +
        '<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType>' +
        '<UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[wm1]]></ExternalUserID>' +
        '<State><![CDATA[teststate]]></State><WelcomeCode><![CDATA[WC]]></WelcomeCode></xml>',
    );
  });

  it('writes numbers bare, lists as Items, skips undefined and splits "]]>"', () => {
    const xml = buildEventXml({
      toUserName: 'ww1',
      createTime: 1,
      event: 'change_external_chat',
      fields: { MemChangeCnt: 2, MemChangeList: ['a', 'b'], State: undefined, Name: 'x]]>y' },
    });
    expect(xml).toContain(
      '<MemChangeCnt>2</MemChangeCnt><MemChangeList><Item><![CDATA[a]]></Item><Item><![CDATA[b]]></Item></MemChangeList>',
    );
    expect(xml).not.toContain('<State>');
    expect(xml).toContain('<Name><![CDATA[x]]]]><![CDATA[>y]]></Name>');
  });
});
