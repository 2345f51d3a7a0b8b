import { describe, expect, it } from 'vitest';
import { type TChannelEvent, ZChannelEvent } from '../../channel.ts';
import {
  callbackDedupeKey,
  callbackNeeds,
  callbackType,
  parseCallback,
  parseEnvelope,
  type TCallbackLookups,
  type TCallbackNeeds,
  toChannelEvents,
  WecomXmlError,
} from '../callback.ts';
import { wecomDecryptMessage, wecomEncryptMessage } from '../crypto.ts';

// The request examples of 企业微信 "客户联系 › 变更回调 › 事件格式"
// (https://developer.work.weixin.qq.com/document/path/92130, same as path/96361), one per event.
const head = (event: string, changeType: string, createTime = 1403610513) =>
  `<ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${createTime}</CreateTime>` +
  `<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event><ChangeType><![CDATA[${changeType}]]></ChangeType>`;
const contact = (changeType: string, extra = '', createTime?: number) =>
  `<xml>${head('change_external_contact', changeType, createTime)}<UserID><![CDATA[zhangsan]]></UserID>` +
  `<ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA]]></ExternalUserID>${extra}</xml>`;
const chat = (changeType: string, extra = '', createTime?: number) =>
  `<xml>${head('change_external_chat', changeType, createTime)}<ChatId><![CDATA[CHAT_ID]]></ChatId>${extra}</xml>`;
const tag = (changeType: string, extra: string) => `<xml>${head('change_external_tag', changeType)}${extra}</xml>`;

const DOCS = {
  add: contact('add_external_contact', '<State><![CDATA[teststate]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode>'),
  addHalf: contact(
    'add_half_external_contact',
    '<State><![CDATA[teststate]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode>',
  ),
  edit: contact('edit_external_contact'),
  delExternal: contact('del_external_contact', '<Source><![CDATA[DELETE_BY_TRANSFER]]></Source>'),
  delFollow: contact('del_follow_user'),
  transferFail: contact('transfer_fail', '<FailReason><![CDATA[customer_refused]]></FailReason>'),
  chatCreate: chat('create'),
  chatAddMember: chat(
    'update',
    '<UpdateDetail><![CDATA[add_member]]></UpdateDetail><JoinScene>1</JoinScene><QuitScene>0</QuitScene><MemChangeCnt>10</MemChangeCnt>' +
      '<MemChangeList><Item>Jack</Item><Item>Rose</Item></MemChangeList>' +
      '<LastMemVer>9c3f97c2ada667dfb5f6d03308d963e1</LastMemVer><CurMemVer>71217227bbd112ecfe3a49c482195cb4</CurMemVer>',
  ),
  chatDelMember: chat(
    'update',
    '<UpdateDetail><![CDATA[del_member]]></UpdateDetail><QuitScene>1</QuitScene><MemChangeCnt>1</MemChangeCnt>' +
      '<MemChangeList><Item>wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA</Item></MemChangeList>',
  ),
  chatOwner: chat('update', '<UpdateDetail><![CDATA[change_owner]]></UpdateDetail>'),
  chatName: chat('update', '<UpdateDetail><![CDATA[change_name]]></UpdateDetail>'),
  chatNotice: chat('update', '<UpdateDetail><![CDATA[change_notice]]></UpdateDetail>'),
  chatDismiss: chat('dismiss'),
  tagCreate: tag('create', '<Id><![CDATA[TAG_ID]]></Id><TagType><![CDATA[tag]]></TagType>'),
  tagGroupUpdate: tag(
    'update',
    '<Id><![CDATA[GROUP_ID]]></Id><TagType><![CDATA[tag_group]]></TagType><StrategyId>1</StrategyId>',
  ),
  tagDelete: tag('delete', '<Id><![CDATA[TAG_ID]]></Id><TagType><![CDATA[tag]]></TagType>'),
  tagShuffle: tag('shuffle', '<Id><![CDATA[GROUP_ID]]></Id>'),
  tagShuffleAll: tag('shuffle', '<Id><![CDATA[]]></Id>'),
};

const at = '2014-06-24T11:48:33.000Z'; // CreateTime 1403610513
const staffUserId = 'zhangsan';
const externalUserId = 'woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA';
const customerFound: TCallbackLookups = {
  customer: { name: '李四', avatar: 'https://wx.qlogo.cn/a.png', gender: 1, unionId: 'oUNION', remark: '老客户' },
};
const groupFound: TCallbackLookups = {
  group: { name: '新品群', ownerUserId: 'lisi', notice: '每周五上新', memberCap: 500 },
};

const cases: {
  name: string;
  xml: string;
  type: string;
  needs: TCallbackNeeds;
  lookups: TCallbackLookups;
  events: TChannelEvent[];
}[] = [
  {
    name: 'add_external_contact, customer found',
    xml: DOCS.add,
    type: 'wecom:change_external_contact/add_external_contact',
    needs: { customer: { staffUserId, externalUserId } },
    lookups: customerFound,
    events: [
      {
        type: 'customer.added',
        at,
        staffUserId,
        externalUserId,
        state: 'teststate',
        welcomeCode: 'WELCOMECODE',
        customer: { name: '李四', avatar: 'https://wx.qlogo.cn/a.png', gender: 1, unionId: 'oUNION' },
      },
    ],
  },
  {
    name: 'add_external_contact, customer not found: the id stands in for the name',
    xml: DOCS.add,
    type: 'wecom:change_external_contact/add_external_contact',
    needs: { customer: { staffUserId, externalUserId } },
    lookups: { customer: null },
    events: [
      {
        type: 'customer.added',
        at,
        staffUserId,
        externalUserId,
        state: 'teststate',
        welcomeCode: 'WELCOMECODE',
        customer: { name: externalUserId },
      },
    ],
  },
  {
    name: 'add_half_external_contact (added without verification)',
    xml: DOCS.addHalf,
    type: 'wecom:change_external_contact/add_half_external_contact',
    needs: { customer: { staffUserId, externalUserId } },
    lookups: { customer: { name: '  ' } },
    events: [
      {
        type: 'customer.added',
        at,
        staffUserId,
        externalUserId,
        state: 'teststate',
        welcomeCode: 'WELCOMECODE',
        customer: { name: externalUserId },
      },
    ],
  },
  {
    name: 'add without State and WelcomeCode (welcome message configured in the admin)',
    xml: contact('add_external_contact'),
    type: 'wecom:change_external_contact/add_external_contact',
    needs: { customer: { staffUserId, externalUserId } },
    lookups: { customer: { name: '王五', gender: 7 } },
    events: [{ type: 'customer.added', at, staffUserId, externalUserId, customer: { name: '王五' } }],
  },
  {
    name: 'edit_external_contact carries the remark looked up',
    xml: DOCS.edit,
    type: 'wecom:change_external_contact/edit_external_contact',
    needs: { customer: { staffUserId, externalUserId } },
    lookups: customerFound,
    events: [{ type: 'customer.updated', at, staffUserId, externalUserId, remark: '老客户' }],
  },
  {
    name: 'edit_external_contact without lookup',
    xml: DOCS.edit,
    type: 'wecom:change_external_contact/edit_external_contact',
    needs: { customer: { staffUserId, externalUserId } },
    lookups: {},
    events: [{ type: 'customer.updated', at, staffUserId, externalUserId }],
  },
  {
    name: 'del_external_contact: the staff member deleted the customer',
    xml: DOCS.delExternal,
    type: 'wecom:change_external_contact/del_external_contact',
    needs: {},
    lookups: {},
    events: [{ type: 'staff.deleted_customer', at, staffUserId, externalUserId }],
  },
  {
    name: 'del_follow_user: the customer deleted the staff member',
    xml: DOCS.delFollow,
    type: 'wecom:change_external_contact/del_follow_user',
    needs: {},
    lookups: {},
    events: [{ type: 'customer.deleted_staff', at, staffUserId, externalUserId }],
  },
  {
    name: 'transfer_fail is ignored',
    xml: DOCS.transferFail,
    type: 'wecom:change_external_contact/transfer_fail',
    needs: {},
    lookups: {},
    events: [],
  },
  {
    name: 'group create with the group looked up',
    xml: DOCS.chatCreate,
    type: 'wecom:change_external_chat/create',
    needs: { group: { chatId: 'CHAT_ID' } },
    lookups: groupFound,
    events: [{ type: 'group.created', at, chatId: 'CHAT_ID', name: '新品群', ownerUserId: 'lisi', memberCap: 500 }],
  },
  {
    name: 'group create, group not found and no owner in the callback',
    xml: DOCS.chatCreate,
    type: 'wecom:change_external_chat/create',
    needs: { group: { chatId: 'CHAT_ID' } },
    lookups: { group: null },
    events: [],
  },
  {
    name: 'group create, group not found, owner in the callback',
    xml: chat('create', '<Owner>lisi</Owner>'),
    type: 'wecom:change_external_chat/create',
    needs: { group: { chatId: 'CHAT_ID' } },
    lookups: { group: null },
    events: [{ type: 'group.created', at, chatId: 'CHAT_ID', name: '', ownerUserId: 'lisi' }],
  },
  {
    name: 'update/add_member with member types looked up',
    xml: DOCS.chatAddMember,
    type: 'wecom:change_external_chat/update',
    needs: { memberTypes: ['Jack', 'Rose'] },
    lookups: { memberTypes: { Jack: 'staff', Rose: 'customer' } },
    events: [
      {
        type: 'group.member_joined',
        at,
        chatId: 'CHAT_ID',
        members: [
          { id: 'Jack', type: 'staff' },
          { id: 'Rose', type: 'customer' },
        ],
        joinScene: 1,
      },
    ],
  },
  {
    name: 'update/add_member by QR code of a join way, types guessed from the id shape',
    xml: chat(
      'update',
      '<UpdateDetail>add_member</UpdateDetail><JoinScene>3</JoinScene><MemChangeCnt>2</MemChangeCnt><State>jw-42</State>' +
        '<MemChangeList><Item>wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA</Item><Item>zhangsan</Item></MemChangeList>',
    ),
    type: 'wecom:change_external_chat/update',
    needs: { memberTypes: ['wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA', 'zhangsan'] },
    lookups: {},
    events: [
      {
        type: 'group.member_joined',
        at,
        chatId: 'CHAT_ID',
        members: [
          { id: 'wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA', type: 'customer' },
          { id: 'zhangsan', type: 'staff' },
        ],
        joinScene: 3,
        state: 'jw-42',
      },
    ],
  },
  {
    name: 'update/add_member with the list flattened into one text',
    xml: chat(
      'update',
      '<UpdateDetail>add_member</UpdateDetail><JoinScene>0</JoinScene><MemChangeList><![CDATA[a1,b2]]></MemChangeList>',
    ),
    type: 'wecom:change_external_chat/update',
    needs: { memberTypes: ['a1', 'b2'] },
    lookups: { memberTypes: { a1: 'customer', b2: 'customer' } },
    events: [
      {
        type: 'group.member_joined',
        at,
        chatId: 'CHAT_ID',
        members: [
          { id: 'a1', type: 'customer' },
          { id: 'b2', type: 'customer' },
        ],
        joinScene: 0,
      },
    ],
  },
  {
    name: 'update/add_member with only MemChangeCnt (older callbacks) maps to nothing',
    xml: chat('update', '<UpdateDetail>add_member</UpdateDetail><JoinScene>0</JoinScene><MemChangeCnt>3</MemChangeCnt>'),
    type: 'wecom:change_external_chat/update',
    needs: {},
    lookups: {},
    events: [],
  },
  {
    name: 'update/del_member removed by the owner',
    xml: DOCS.chatDelMember,
    type: 'wecom:change_external_chat/update',
    needs: { memberTypes: ['wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA'] },
    lookups: { memberTypes: { wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA: 'customer' } },
    events: [
      {
        type: 'group.member_left',
        at,
        chatId: 'CHAT_ID',
        members: [{ id: 'wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA', type: 'customer' }],
        quitScene: 1,
      },
    ],
  },
  {
    name: 'update/change_owner',
    xml: DOCS.chatOwner,
    type: 'wecom:change_external_chat/update',
    needs: { group: { chatId: 'CHAT_ID' } },
    lookups: groupFound,
    events: [{ type: 'group.updated', at, chatId: 'CHAT_ID', ownerUserId: 'lisi' }],
  },
  {
    name: 'update/change_name',
    xml: DOCS.chatName,
    type: 'wecom:change_external_chat/update',
    needs: { group: { chatId: 'CHAT_ID' } },
    lookups: groupFound,
    events: [{ type: 'group.updated', at, chatId: 'CHAT_ID', name: '新品群' }],
  },
  {
    name: 'update/change_notice',
    xml: DOCS.chatNotice,
    type: 'wecom:change_external_chat/update',
    needs: { group: { chatId: 'CHAT_ID' } },
    lookups: groupFound,
    events: [{ type: 'group.updated', at, chatId: 'CHAT_ID', notice: '每周五上新' }],
  },
  {
    name: 'update/change_name, group not found',
    xml: DOCS.chatName,
    type: 'wecom:change_external_chat/update',
    needs: { group: { chatId: 'CHAT_ID' } },
    lookups: { group: null },
    events: [{ type: 'group.updated', at, chatId: 'CHAT_ID' }],
  },
  {
    name: 'dismiss',
    xml: DOCS.chatDismiss,
    type: 'wecom:change_external_chat/dismiss',
    needs: {},
    lookups: {},
    events: [{ type: 'group.dismissed', at, chatId: 'CHAT_ID' }],
  },
  {
    name: 'tag create',
    xml: DOCS.tagCreate,
    type: 'wecom:change_external_tag/create',
    needs: {},
    lookups: {},
    events: [{ type: 'tag.changed', at, change: 'create', tagType: 'tag', externalId: 'TAG_ID' }],
  },
  {
    name: 'tag group update',
    xml: DOCS.tagGroupUpdate,
    type: 'wecom:change_external_tag/update',
    needs: {},
    lookups: {},
    events: [{ type: 'tag.changed', at, change: 'update', tagType: 'tag_group', externalId: 'GROUP_ID' }],
  },
  {
    name: 'tag delete',
    xml: DOCS.tagDelete,
    type: 'wecom:change_external_tag/delete',
    needs: {},
    lookups: {},
    events: [{ type: 'tag.changed', at, change: 'delete', tagType: 'tag', externalId: 'TAG_ID' }],
  },
  {
    name: 'tag shuffle of one group',
    xml: DOCS.tagShuffle,
    type: 'wecom:change_external_tag/shuffle',
    needs: {},
    lookups: {},
    events: [{ type: 'tag.changed', at, change: 'shuffle', tagType: 'tag_group', externalId: 'GROUP_ID' }],
  },
  {
    name: 'tag shuffle of every group (empty Id)',
    xml: DOCS.tagShuffleAll,
    type: 'wecom:change_external_tag/shuffle',
    needs: {},
    lookups: {},
    events: [{ type: 'tag.changed', at, change: 'shuffle', tagType: 'tag_group', externalId: '*' }],
  },
  {
    name: 'an application message (not a customer event) is ignored',
    xml: '<xml><ToUserName>ww1</ToUserName><FromUserName>mycreate</FromUserName><CreateTime>1409659813</CreateTime><MsgType>text</MsgType><Content>hello</Content><MsgId>4561255354251345929</MsgId></xml>',
    type: 'wecom:text',
    needs: {},
    lookups: {},
    events: [],
  },
  {
    name: 'an unknown change type is ignored',
    xml: contact('something_new'),
    type: 'wecom:change_external_contact/something_new',
    needs: {},
    lookups: {},
    events: [],
  },
];

describe('toChannelEvents on the documented examples', () => {
  it.each(cases)('$name', ({ xml, type, needs, lookups, events }) => {
    const cb = parseCallback(xml);
    expect(callbackType(cb)).toBe(type);
    expect(callbackNeeds(cb)).toEqual(needs);
    const mapped = toChannelEvents(cb, lookups);
    expect(mapped).toEqual(events);
    // Every event is exactly what the channel's schema accepts (no defaults left to fill in).
    for (const event of mapped) expect(ZChannelEvent.parse(event)).toEqual(event);
  });

  it('splits more than 500 joining members into several events', () => {
    const ids = Array.from({ length: 1001 }, (_, i) => `wmMember${String(i).padStart(10, '0')}`);
    const xml = chat(
      'update',
      `<UpdateDetail>add_member</UpdateDetail><JoinScene>3</JoinScene><MemChangeList>${ids.map((id) => `<Item>${id}</Item>`).join('')}</MemChangeList>`,
    );
    const events = toChannelEvents(parseCallback(xml), {});
    expect(events.map((e) => (e.type === 'group.member_joined' ? e.members.length : 0))).toEqual([500, 500, 1]);
    for (const event of events) ZChannelEvent.parse(event);
  });

  it('drops a State longer than WeCom allows (30 characters) and clips long names', () => {
    const xml = contact('add_external_contact', `<State>${'s'.repeat(31)}</State>`);
    const [event] = toChannelEvents(parseCallback(xml), { customer: { name: '名'.repeat(200) } });
    expect(event).toMatchObject({ type: 'customer.added', customer: { name: '名'.repeat(128) } });
    expect(event && 'state' in event).toBe(false);
  });
});

describe('parseCallback', () => {
  it('reads the fields as strings and the time as seconds', () => {
    const cb = parseCallback(DOCS.chatAddMember);
    expect(cb).toMatchObject({
      event: 'change_external_chat',
      changeType: 'update',
      createTime: 1403610513,
      msgId: null,
      toUserName: 'toUser',
      fromUserName: 'sys',
      memChangeList: ['Jack', 'Rose'],
    });
    expect(cb.fields).toMatchObject({ ChatId: 'CHAT_ID', UpdateDetail: 'add_member', JoinScene: '1', MemChangeCnt: '10' });
  });

  it('reads the third-party form (InfoType, TimeStamp, AuthCorpId)', () => {
    const cb = parseCallback(
      '<xml><SuiteId><![CDATA[ww4asffe99e54c0f4c]]></SuiteId><AuthCorpId><![CDATA[wxf8b4f85f3a794e77]]></AuthCorpId>' +
        '<InfoType><![CDATA[change_external_contact]]></InfoType><TimeStamp>1403610513</TimeStamp>' +
        '<ChangeType><![CDATA[del_follow_user]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID>' +
        '<ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mACH71w]]></ExternalUserID></xml>',
    );
    expect(cb).toMatchObject({ event: 'change_external_contact', createTime: 1403610513, toUserName: 'wxf8b4f85f3a794e77' });
    expect(toChannelEvents(cb)).toEqual([
      { type: 'customer.deleted_staff', at, staffUserId: 'zhangsan', externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mACH71w' },
    ]);
  });

  it.each([
    ['no CreateTime', '<xml><Event>change_external_contact</Event></xml>'],
    ['a CreateTime that is not a number', '<xml><CreateTime>soon</CreateTime></xml>'],
    ['another root', '<root><CreateTime>1</CreateTime></root>'],
    ['an entity payload', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><CreateTime>1</CreateTime>&e;</xml>'],
  ])('refuses %s with WecomXmlError', (_name, xml) => {
    expect(() => parseCallback(xml)).toThrow(WecomXmlError);
  });
});

describe('parseEnvelope', () => {
  it('reads the documented POST body', () => {
    const body =
      '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQ==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>';
    expect(parseEnvelope(body)).toEqual({ toUserName: 'wx5823bf96d3bd56c7', encrypt: 'RypEvHKD8QQ==', agentId: '218' });
  });

  it('has no agent id when AgentID is empty or missing (customer-contact callbacks)', () => {
    expect(parseEnvelope('<xml><ToUserName>ww1</ToUserName><Encrypt>abc=</Encrypt><AgentID></AgentID></xml>').agentId).toBeNull();
    expect(parseEnvelope('<xml><ToUserName>ww1</ToUserName><Encrypt>abc=</Encrypt></xml>').agentId).toBeNull();
  });

  it.each([
    ['no Encrypt', '<xml><ToUserName>ww1</ToUserName></xml>', 'BAD_XML'],
    ['an empty Encrypt', '<xml><Encrypt><![CDATA[]]></Encrypt></xml>', 'BAD_XML'],
    ['broken XML', '<xml><Encrypt>abc</xml>', 'BAD_XML'],
    ['a DOCTYPE', '<!DOCTYPE xml><xml><Encrypt>abc</Encrypt></xml>', 'FORBIDDEN_DTD'],
    ['over 64 KiB', `<xml><Encrypt>${'A'.repeat(64 * 1024)}</Encrypt></xml>`, 'TOO_LARGE'],
  ])('refuses %s → %s', (_name, xml, code) => {
    try {
      parseEnvelope(xml);
      throw new Error('parsed');
    } catch (error) {
      expect(error).toBeInstanceOf(WecomXmlError);
      expect((error as WecomXmlError).code).toBe(code);
    }
  });

  it('reads what wecomEncryptMessage signs, end to end', () => {
    const signed = wecomEncryptMessage({
      token: 'T',
      encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
      receiveId: 'ww1',
      message: DOCS.add,
      timestamp: '1403610513',
      nonce: 'n',
    });
    const envelope = parseEnvelope(signed.body);
    const plain = wecomDecryptMessage({
      token: 'T',
      encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
      receiveId: envelope.toUserName,
      msgSignature: signed.msgSignature,
      timestamp: '1403610513',
      nonce: 'n',
      encrypted: envelope.encrypt,
    });
    expect(toChannelEvents(parseCallback(plain), { customer: null })[0]?.type).toBe('customer.added');
  });
});

describe('callbackDedupeKey', () => {
  const key = (xml: string) => callbackDedupeKey(parseCallback(xml));

  it('is the MsgId when there is one', () => {
    expect(key('<xml><CreateTime>1409659813</CreateTime><MsgType>text</MsgType><MsgId>4561255354251345929</MsgId></xml>')).toBe(
      '4561255354251345929',
    );
  });

  it('is the same for the same event redelivered, whatever the formatting and WelcomeCode', () => {
    const pretty = DOCS.add.replaceAll('><', '>\n  <');
    expect(key(DOCS.add)).toMatch(/^[0-9a-f]{64}$/);
    expect(key(pretty)).toBe(key(DOCS.add));
    expect(key(DOCS.add.replace('WELCOMECODE', 'OTHERCODE'))).toBe(key(DOCS.add));
    // The member list in another order is the same change.
    expect(key(DOCS.chatAddMember.replace('<Item>Jack</Item><Item>Rose</Item>', '<Item>Rose</Item><Item>Jack</Item>'))).toBe(
      key(DOCS.chatAddMember),
    );
  });

  it('differs for different events in the same second', () => {
    const all = [
      DOCS.add,
      DOCS.addHalf,
      DOCS.edit,
      DOCS.delExternal,
      DOCS.delFollow,
      DOCS.transferFail,
      contact('add_external_contact').replace('woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA', 'woAJ2GCAAAXtWyujaWJHDDGi0mACHBBB'),
      contact('add_external_contact').replace('zhangsan', 'lisi'),
      DOCS.chatCreate,
      DOCS.chatAddMember,
      DOCS.chatAddMember.replace('<Item>Rose</Item>', '<Item>Tom</Item>'),
      DOCS.chatDelMember,
      DOCS.chatOwner,
      DOCS.chatName,
      DOCS.chatNotice,
      DOCS.chatDismiss,
      chat('dismiss').replace('CHAT_ID', 'CHAT_ID2'),
      DOCS.tagCreate,
      DOCS.tagCreate.replace('TAG_ID', 'TAG_ID2'),
      DOCS.tagGroupUpdate,
      DOCS.tagDelete,
      DOCS.tagShuffle,
      DOCS.tagShuffleAll,
    ];
    const keys = all.map(key);
    expect(new Set(keys).size).toBe(all.length);
  });

  it('differs for the same event one second later', () => {
    expect(key(contact('del_follow_user', '', 1403610514))).not.toBe(key(DOCS.delFollow));
  });
});
