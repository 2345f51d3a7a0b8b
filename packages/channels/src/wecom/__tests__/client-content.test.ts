import { describe, expect, it } from 'vitest';
import type { TMessageContent } from '../../channel.ts';
import { toMomentMessage, toWecomMessage } from '../api/content.ts';
import { jsapiSignature } from '../api/jssdk.ts';
import { ZRobotMessage } from '../api/robot.ts';
import { ZAddJoinWayRequest, ZGroupchatGetResponse } from '../api/schemas/groups.ts';
import { ZAddContactWayRequest, ZAddMsgTemplateRequest, ZTransferCustomerRequest } from '../api/schemas/outreach.ts';

// A resolver that names the media it was asked for: the mapping is what is under test.
const resolve = async (kind: string, url: string, name?: string) => `media:${kind}:${name ?? url}`;

describe('toWecomMessage', () => {
  const cases: [string, TMessageContent, unknown][] = [
    ['text only', { text: 'hi', attachments: [] }, { text: { content: 'hi' }, attachments: [] }],
    [
      'image → media_id',
      { attachments: [{ type: 'image', url: 'https://x/a.png' }] },
      { attachments: [{ msgtype: 'image', image: { media_id: 'media:image:https://x/a.png' } }] },
    ],
    [
      'link keeps title/url/desc/picurl',
      { text: 't', attachments: [{ type: 'link', title: 'Shop', url: 'https://s', description: 'd', picUrl: 'https://p' }] },
      {
        text: { content: 't' },
        attachments: [{ msgtype: 'link', link: { title: 'Shop', url: 'https://s', desc: 'd', picurl: 'https://p' } }],
      },
    ],
    [
      'miniprogram cover → pic_media_id',
      { attachments: [{ type: 'miniprogram', title: 'M', appId: 'wx1', page: 'p/i', picUrl: 'https://c.png' }] },
      {
        attachments: [
          {
            msgtype: 'miniprogram',
            miniprogram: { title: 'M', appid: 'wx1', page: 'p/i', pic_media_id: 'media:image:https://c.png' },
          },
        ],
      },
    ],
    [
      'video and file',
      {
        attachments: [
          { type: 'video', url: 'https://v.mp4' },
          { type: 'file', url: 'https://f.pdf', name: 'price.pdf' },
        ],
      },
      {
        attachments: [
          { msgtype: 'video', video: { media_id: 'media:video:https://v.mp4' } },
          { msgtype: 'file', file: { media_id: 'media:file:price.pdf' } },
        ],
      },
    ],
  ];
  it.each(cases)('%s', async (_name, content, expected) => {
    expect(await toWecomMessage(content, resolve)).toEqual(expected);
  });

  it('refuses a mini-program card without a cover', async () => {
    await expect(
      toWecomMessage({ attachments: [{ type: 'miniprogram', title: 'M', appId: 'wx1', page: 'p' }] }, resolve),
    ).rejects.toMatchObject({ code: 'INVALID' });
  });
});

describe('toMomentMessage', () => {
  it('maps images and a link with its cover', async () => {
    expect(await toMomentMessage({ text: 'n', attachments: [{ type: 'image', url: 'https://a' }] }, resolve)).toEqual({
      text: { content: 'n' },
      attachments: [{ msgtype: 'image', image: { media_id: 'media:image:https://a' } }],
    });
    expect(
      await toMomentMessage({ attachments: [{ type: 'link', title: 'L', url: 'https://l', picUrl: 'https://c' }] }, resolve),
    ).toEqual({ attachments: [{ msgtype: 'link', link: { title: 'L', url: 'https://l', media_id: 'media:image:https://c' } }] });
  });
  it('refuses a file and a link without a cover', async () => {
    await expect(toMomentMessage({ attachments: [{ type: 'file', url: 'https://f' }] }, resolve)).rejects.toMatchObject({
      code: 'INVALID',
    });
    await expect(
      toMomentMessage({ attachments: [{ type: 'link', title: 'L', url: 'https://l' }] }, resolve),
    ).rejects.toMatchObject({
      code: 'INVALID',
    });
  });
});

describe('request limits (schemas)', () => {
  const ids = (n: number, p = 'id') => Array.from({ length: n }, (_, i) => `${p}${i}`);
  it.each([
    ['state of 30 chars passes', ZAddContactWayRequest, { type: 1, scene: 2, state: 'x'.repeat(30), user: ['a'] }, true],
    ['state of 31 chars fails', ZAddContactWayRequest, { type: 1, scene: 2, state: 'x'.repeat(31), user: ['a'] }, false],
    ['type 1 with two staff fails', ZAddContactWayRequest, { type: 1, scene: 2, user: ['a', 'b'] }, false],
    ['5 chats per join way pass', ZAddJoinWayRequest, { scene: 2, chat_id_list: ids(5) }, true],
    ['6 chats per join way fail', ZAddJoinWayRequest, { scene: 2, chat_id_list: ids(6) }, false],
    [
      '100 customers per transfer pass',
      ZTransferCustomerRequest,
      { handover_userid: 'a', takeover_userid: 'b', external_userid: ids(100) },
      true,
    ],
    [
      '101 customers per transfer fail',
      ZTransferCustomerRequest,
      { handover_userid: 'a', takeover_userid: 'b', external_userid: ids(101) },
      false,
    ],
    [
      '9 attachments pass',
      ZAddMsgTemplateRequest,
      { text: { content: 't' }, attachments: ids(9).map(() => ({ msgtype: 'image', image: { media_id: 'm' } })) },
      true,
    ],
    [
      '10 attachments fail',
      ZAddMsgTemplateRequest,
      { text: { content: 't' }, attachments: ids(10).map(() => ({ msgtype: 'image', image: { media_id: 'm' } })) },
      false,
    ],
    [
      'a group task without a sender fails',
      ZAddMsgTemplateRequest,
      { chat_type: 'group', chat_id_list: ['wr1'], text: { content: 't' } },
      false,
    ],
    [
      'a group task with its owner as sender passes',
      ZAddMsgTemplateRequest,
      { chat_type: 'group', sender: 'lisi', chat_id_list: ['wr1'], text: { content: 't' } },
      true,
    ],
    ['robot text of 2048 bytes passes', ZRobotMessage, { msgtype: 'text', text: { content: '中'.repeat(682) } }, true],
    ['robot text over 2048 bytes fails', ZRobotMessage, { msgtype: 'text', text: { content: '中'.repeat(683) } }, false],
    [
      'robot markdown of 4096 bytes passes',
      ZRobotMessage,
      { msgtype: 'markdown', markdown: { content: 'a'.repeat(4096) } },
      true,
    ],
    [
      'robot markdown over 4096 bytes fails',
      ZRobotMessage,
      { msgtype: 'markdown', markdown: { content: 'a'.repeat(4097) } },
      false,
    ],
  ] as const)('%s', (_name, schema, input, ok) => {
    expect((schema as { safeParse: (v: unknown) => { success: boolean } }).safeParse(input).success).toBe(ok);
  });

  it('keeps unknown response fields (loose objects)', () => {
    const parsed = ZGroupchatGetResponse.parse({
      group_chat: { chat_id: 'wr1', name: 'G', owner: 'a', member_list: [{ userid: 'b', type: 2, new_field: 1 }], future: 'x' },
    });
    expect(parsed.group_chat).toMatchObject({ future: 'x', member_list: [{ new_field: 1 }] });
  });
});

describe('jsapiSignature', () => {
  it('matches the example of the JS-SDK signature document', () => {
    // 附录1-JS-SDK使用权限签名算法 (https://developer.work.weixin.qq.com/document/path/90506), its worked example.
    const s = jsapiSignature({
      ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
      nonceStr: 'Wm3WZYTPz0wzccnW',
      timestamp: 1414587457,
      url: 'http://mp.weixin.qq.com?params=value#fragment',
    });
    expect(s.signature).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
  });
});
