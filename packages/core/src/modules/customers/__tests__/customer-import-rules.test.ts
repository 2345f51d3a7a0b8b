import { describe, expect, it } from 'vitest';
import {
  cleanCell,
  customFieldHeader,
  escapeCsvCell,
  importMessage,
  indexTags,
  mapImportHeaders,
  normalizePhone,
  parseGender,
  parseImportRow,
  type TImportRowContext,
} from '../customer-import-rules.ts';

const fields = [
  { key: 'birthday', label: '生日', type: 'date' as const, options: [] },
  { key: 'level', label: '会员等级', type: 'select' as const, options: ['银卡', '金卡'] },
  { key: 'points', label: '积分', type: 'number' as const, options: [] },
  { key: 'vip', label: 'VIP', type: 'boolean' as const, options: [] },
  { key: 'note', label: '备注', type: 'text' as const, options: [] },
];

const S1 = { id: 11, code: 'S1' };
const S2 = { id: 12, code: 'S2' };
const wang = { id: 21, name: '王芳', storeId: 11, status: 'active' };
const zhang = { id: 23, name: '张伟', storeId: 12, status: 'active' };
const gone = { id: 24, name: '赵离', storeId: 11, status: 'resigned' };

const context = (over: Partial<TImportRowContext> = {}): TImportRowContext => ({
  locale: 'zh-CN',
  stores: new Map([
    ['S1', S1],
    ['S2', S2],
  ]),
  staff: new Map([
    ['wangfang', wang],
    ['zhangwei', zhang],
    ['zhaoli', gone],
  ]),
  tags: indexTags([
    { id: 31, name: '果茶', groupName: '兴趣' },
    { id: 32, name: '奶茶', groupName: '兴趣' },
    { id: 33, name: '新客', groupName: '生命周期' },
    { id: 34, name: '新客', groupName: '来源' },
    { id: 35, name: 'b', groupName: 'a/x' },
  ]),
  fields: new Map(fields.map((f) => [f.key, f])),
  ownStore: null,
  ...over,
});

describe('mapImportHeaders', () => {
  const cases: [string, string[], unknown][] = [
    [
      'Chinese template headers',
      ['姓名', '手机号', '性别', '门店编码', '导购企微ID', '标签', '外部联系人ID'],
      ['name', 'phone', 'gender', 'store_code', 'staff_userid', 'tags', 'external_user_id'],
    ],
    [
      'English headers, any case and spacing',
      [' Name ', 'PHONE', 'store_code', 'Staff_UserID', 'external_user_id'],
      ['name', 'phone', 'store_code', 'staff_userid', 'external_user_id'],
    ],
    ['aliases and a required marker', ['姓名*', '手机号码', 'Sex'], ['name', 'phone', 'gender']],
    ['custom fields by label or key', ['姓名', '生日', 'level', '积分'], ['name', 'attr:birthday', 'attr:level', 'attr:points']],
    [
      'export-only columns are skipped, customer id is read',
      ['客户ID', '姓名', '门店', '导购', '订单数', '累计消费(元)', '创建时间'],
      ['customer_id', 'name', 'ignored', 'ignored', 'ignored', 'ignored', 'ignored'],
    ],
    ['full-width parentheses in a header', ['姓名', '累计消费（元）'], ['name', 'ignored']],
    ['blank headers are ignored', ['姓名', '', '  '], ['name', null, null]],
  ];
  it.each(cases)('%s', (_name, headers, expected) => {
    const result = mapImportHeaders(headers, fields, 'zh-CN');
    if (Array.isArray(expected)) expect(result).toEqual({ ok: true, columns: expected });
    else expect(result).toMatchObject(expected as object);
  });

  it('refuses unknown columns, naming them', () => {
    const result = mapImportHeaders(['姓名', '微信号', '身高'], fields, 'zh-CN');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('微信号, 身高');
  });

  it('refuses two columns meaning the same thing', () => {
    const result = mapImportHeaders(['姓名', '手机号', 'phone'], fields, 'en');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('手机号 / phone') });
  });

  it('needs a name column', () => {
    const result = mapImportHeaders(['手机号'], fields, 'en');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('"name"') });
  });
});

describe('parseImportRow', () => {
  const ok = (row: Record<string, string>, over?: Partial<TImportRowContext>) => {
    const r = parseImportRow(row, context(over));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value;
  };
  const errorsOf = (row: Record<string, string>, over?: Partial<TImportRowContext>) => {
    const r = parseImportRow(row, context(over));
    return r.ok ? [] : r.errors;
  };

  const valid: [string, Record<string, string>, Record<string, unknown>][] = [
    ['a name alone', { name: ' 陈静 ' }, { name: '陈静', staff: [], tags: [], attrs: {} }],
    ['a plain phone', { name: 'a', phone: '13800001111' }, { phone: '13800001111' }],
    ['a phone with +86, spaces and dashes', { name: 'a', phone: '+86 138-0000-1111' }, { phone: '13800001111' }],
    ['a phone in full-width digits', { name: 'a', phone: '１３８００００１１１１' }, { phone: '13800001111' }],
    ['gender 男', { name: 'a', gender: '男' }, { gender: 1 }],
    ['gender female', { name: 'a', gender: 'Female' }, { gender: 2 }],
    ['gender 0', { name: 'a', gender: '0' }, { gender: 0 }],
    ['gender 未知', { name: 'a', gender: '未知' }, { gender: 0 }],
    ['a store code', { name: 'a', store_code: 'S2' }, { storeId: 12 }],
    ['a store code in lower case', { name: 'a', store_code: 's1' }, { storeId: 11 }],
    ['a staff userid, any case', { name: 'a', staff_userid: 'WangFang' }, { staff: [wang] }],
    ['several staff, repeated once', { name: 'a', staff_userid: 'wangfang;zhangwei;wangfang' }, { staff: [wang, zhang] }],
    [
      'tags as group/tag, ; and ， separated',
      { name: 'a', tags: '兴趣/果茶；兴趣/奶茶，生命周期/新客' },
      { tags: [{ id: 31 }, { id: 32 }, { id: 33 }] },
    ],
    ['a bare tag name used by one group', { name: 'a', tags: '果茶' }, { tags: [{ id: 31 }] }],
    ['a group name with a slash', { name: 'a', tags: 'a/x/b' }, { tags: [{ id: 35 }] }],
    ['an external user id', { name: 'a', external_user_id: ' wmABC123 ' }, { externalUserId: 'wmABC123' }],
    ['a customer id', { name: 'a', customer_id: '42' }, { customerId: 42 }],
    ['a date field', { name: 'a', 'attr:birthday': '1995-04-01' }, { attrs: { birthday: '1995-04-01' } }],
    ['a select field', { name: 'a', 'attr:level': '金卡' }, { attrs: { level: '金卡' } }],
    ['a number field', { name: 'a', 'attr:points': '12.5' }, { attrs: { points: 12.5 } }],
    ['a boolean field in Chinese', { name: 'a', 'attr:vip': '是' }, { attrs: { vip: true } }],
    ['a text field', { name: 'a', 'attr:note': '爱喝少糖' }, { attrs: { note: '爱喝少糖' } }],
    ['an empty field is left alone', { name: 'a', 'attr:points': ' ' }, { attrs: {} }],
    ['a formula-escaped cell from our CSV export', { name: "'=SUM(A1)" }, { name: '=SUM(A1)' }],
  ];
  it.each(valid)('accepts %s', (_name, row, expected) => {
    expect(ok(row)).toMatchObject(expected);
  });

  const invalid: [string, Record<string, string>, string, string, Partial<TImportRowContext>?][] = [
    ['a missing name', { name: '  ' }, 'name', '姓名为空'],
    ['a name over 64 characters', { name: '名'.repeat(65) }, 'name', '超过 64'],
    ['a phone with 10 digits', { name: 'a', phone: '1380000111' }, 'phone', '11 位'],
    ['a landline', { name: 'a', phone: '021-12345678' }, 'phone', '11 位'],
    ['a phone starting with 12', { name: 'a', phone: '12800001111' }, 'phone', '13–19'],
    ['an unknown gender', { name: 'a', gender: '男生' }, 'gender', '性别“男生”无法识别'],
    ['an unknown store', { name: 'a', store_code: 'S9' }, 'store_code', '门店编码“S9”不存在'],
    ['another store for a store manager', { name: 'a', store_code: 'S2' }, 'store_code', '不是你的门店', { ownStore: S1 }],
    ['an unknown staff userid', { name: 'a', staff_userid: 'nobody' }, 'staff_userid', '导购企微ID“nobody”不存在'],
    ['a resigned staff member', { name: 'a', staff_userid: 'zhaoli' }, 'staff_userid', '已离职'],
    [
      'staff of another store for a store manager',
      { name: 'a', staff_userid: 'zhangwei' },
      'staff_userid',
      '不在你的门店',
      { ownStore: S1 },
    ],
    ['an unknown tag', { name: 'a', tags: '兴趣/咖啡' }, 'tags', '标签“兴趣/咖啡”不存在'],
    ['a bare tag name in two groups', { name: 'a', tags: '新客' }, 'tags', '多个标签组'],
    ['an external id with a space', { name: 'a', external_user_id: 'wm abc' }, 'external_user_id', '不能含空格'],
    ['an external id over 64 characters', { name: 'a', external_user_id: 'w'.repeat(65) }, 'external_user_id', '64'],
    ['a customer id that is not a number', { name: 'a', customer_id: 'abc' }, 'customer_id', '应为数字'],
    ['a bad date', { name: 'a', 'attr:birthday': '1995/4/1' }, 'attr:birthday', '生日应为日期'],
    ['an option not in the list', { name: 'a', 'attr:level': '钻石' }, 'attr:level', '银卡、金卡'],
    ['a number field with text', { name: 'a', 'attr:points': 'many' }, 'attr:points', '积分应为数字'],
    ['a boolean field with maybe', { name: 'a', 'attr:vip': 'maybe' }, 'attr:vip', 'VIP请填 是 或 否'],
  ];
  it.each(invalid)('rejects %s', (_name, row, column, message, over) => {
    const errors = errorsOf(row, over);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.column).toBe(column);
    expect(errors[0]?.message).toContain(message);
  });

  it('leaves empty cells unset, so an update keeps what the customer has', () => {
    const value = ok({ name: 'a', phone: '', gender: '', store_code: ' ', external_user_id: '', 'attr:points': '' });
    expect(value).toEqual({ name: 'a', staff: [], tags: [], attrs: {} });
  });

  it('lists every problem of a row, each with its column', () => {
    const errors = errorsOf({ name: '', phone: '123', gender: 'x', tags: '兴趣/果茶;nope' });
    expect(errors.map((e) => e.column)).toEqual(['name', 'phone', 'gender', 'tags']);
  });

  it('speaks English when asked', () => {
    const [error] = errorsOf({ name: 'a', store_code: 'S9' }, { locale: 'en' });
    expect(error?.message).toBe('No store has the code "S9": use a store code from Organisation, or leave it empty.');
  });

  it("keeps a store manager's own store and staff", () => {
    expect(ok({ name: 'a', store_code: 'S1', staff_userid: 'wangfang' }, { ownStore: S1 })).toMatchObject({
      storeId: 11,
      staff: [wang],
    });
  });
});

describe('cells', () => {
  it.each([
    ['13800001111', '13800001111'],
    ['+8613800001111', '13800001111'],
    ['008613800001111', '13800001111'],
    ['(138) 0000 1111', '13800001111'],
    ['23800001111', null],
    ['138000011112', null],
  ])('normalizePhone(%s) = %s', (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected);
  });

  it.each([
    ['M', 1],
    ['女性', 2],
    ['2', 2],
    ['保密', 0],
    ['3', null],
  ] as const)('parseGender(%s) = %s', (raw, expected) => {
    expect(parseGender(raw)).toBe(expected);
  });

  it.each(['=1+1', '+86', '-5', '@cmd', '\tx'])('escapes %j for CSV and reads it back', (s) => {
    expect(escapeCsvCell(s)).toBe(`'${s}`);
    expect(cleanCell(escapeCsvCell(s))).toBe(s.trim());
  });

  it('leaves ordinary text and a real leading quote alone', () => {
    expect(escapeCsvCell('陈静')).toBe('陈静');
    expect(cleanCell("'abc")).toBe("'abc");
  });

  it('gives a custom field its key as header when the label would read as another column', () => {
    const clashing = [...fields, { key: 'mobile2', label: '手机号', type: 'text' as const, options: [] }];
    expect(customFieldHeader(clashing[5] as (typeof clashing)[number], clashing)).toBe('mobile2');
    expect(customFieldHeader(fields[0] as (typeof fields)[number], fields)).toBe('生日');
  });

  it('fills message parameters', () => {
    expect(importMessage('en', 'duplicateRow', { row: 3, column: 'phone' })).toBe(
      'Same customer as row 3 (same phone): merge the two rows into one and import this row again.',
    );
  });
});
