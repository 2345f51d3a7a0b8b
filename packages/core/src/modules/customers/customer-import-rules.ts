import type { TCustomerField } from './customers.schemas.ts';
import { checkAttrValue } from './manage-customer-fields.ts';

// The pure rules of customer import: which header means which column, and what a cell may hold.
// The importer (import-customers.ts) feeds rows through these and does the database work; the
// template and the export write the same headers so that an export can be imported again.

export type TImportLocale = 'zh-CN' | 'en';

/** The built-in columns. `customer_id` is only in exports (to update the same customers again). */
export type TBuiltinColumn =
  | 'customer_id'
  | 'name'
  | 'phone'
  | 'gender'
  | 'store_code'
  | 'staff_userid'
  | 'tags'
  | 'external_user_id';
/** A column of the file: built-in, a custom field (`attr:<key>`), or an export-only column the importer skips. */
export type TImportColumn = TBuiltinColumn | `attr:${string}` | 'ignored';

type TColumnSpec = { key: TBuiltinColumn | TExportOnlyColumn; header: Record<TImportLocale, string>; aliases: string[] };
export type TExportOnlyColumn = 'store_name' | 'staff_names' | 'order_count' | 'total_spent' | 'created_at';

/** The template's columns, in order (custom fields follow them). */
export const TEMPLATE_COLUMNS: readonly TColumnSpec[] = [
  { key: 'name', header: { 'zh-CN': '姓名', en: 'name' }, aliases: ['客户姓名', '客户名称', '名称', '姓名*', 'customer_name'] },
  { key: 'phone', header: { 'zh-CN': '手机号', en: 'phone' }, aliases: ['手机', '手机号码', '电话', 'mobile'] },
  { key: 'gender', header: { 'zh-CN': '性别', en: 'gender' }, aliases: ['sex'] },
  { key: 'store_code', header: { 'zh-CN': '门店编码', en: 'store_code' }, aliases: ['门店代码'] },
  { key: 'staff_userid', header: { 'zh-CN': '导购企微ID', en: 'staff_userid' }, aliases: ['导购userid', '导购企业微信ID'] },
  { key: 'tags', header: { 'zh-CN': '标签', en: 'tags' }, aliases: [] },
  {
    key: 'external_user_id',
    header: { 'zh-CN': '外部联系人ID', en: 'external_user_id' },
    aliases: ['externaluserid', 'external_userid'],
  },
];

/** Columns an export adds around the template's; `customer_id` is read back on import, the rest are skipped. */
export const EXPORT_EXTRA_COLUMNS: readonly TColumnSpec[] = [
  { key: 'customer_id', header: { 'zh-CN': '客户ID', en: 'customer_id' }, aliases: [] },
  { key: 'store_name', header: { 'zh-CN': '门店', en: 'store_name' }, aliases: ['门店名称'] },
  { key: 'staff_names', header: { 'zh-CN': '导购', en: 'staff_names' }, aliases: ['导购姓名'] },
  { key: 'order_count', header: { 'zh-CN': '订单数', en: 'order_count' }, aliases: [] },
  { key: 'total_spent', header: { 'zh-CN': '累计消费(元)', en: 'total_spent_yuan' }, aliases: ['total_spent', '累计消费'] },
  { key: 'created_at', header: { 'zh-CN': '创建时间', en: 'created_at' }, aliases: [] },
];

const ALL_SPECS = [...TEMPLATE_COLUMNS, ...EXPORT_EXTRA_COLUMNS];

/** Case, width, spaces and a trailing `*` (required marker) do not matter in headers. */
export const normalizeHeader = (h: string) =>
  h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000]+/g, '')
    .replace(/\*$/, '');

const BUILTIN_BY_HEADER = new Map<string, TImportColumn>();
for (const spec of ALL_SPECS) {
  const column: TImportColumn =
    spec.key === 'customer_id' || TEMPLATE_COLUMNS.includes(spec) ? (spec.key as TBuiltinColumn) : 'ignored';
  for (const h of [spec.key, spec.header['zh-CN'], spec.header.en, ...spec.aliases])
    BUILTIN_BY_HEADER.set(normalizeHeader(h), column);
}

/**
 * The header a custom field gets in templates and exports: its label, or its key when the label
 * would be read as another column (a built-in header, or another field's label or key).
 */
export function customFieldHeader(
  field: Pick<TCustomerField, 'key' | 'label'>,
  fields: readonly Pick<TCustomerField, 'key' | 'label'>[],
) {
  const label = normalizeHeader(field.label);
  const clash =
    BUILTIN_BY_HEADER.has(label) ||
    fields.some((f) => f.key !== field.key && (normalizeHeader(f.label) === label || normalizeHeader(f.key) === label));
  return clash ? field.key : field.label;
}

// ---------------------------------------------------------------------------------------------
// Messages. Every one says what to change; `{x}` are filled from params.

const MESSAGES = {
  fileEmpty: {
    'zh-CN': '文件里没有数据：第 1 行应为表头，从第 2 行起每行一位客户。可下载导入模板照着填写。',
    en: 'The file has no data: row 1 must be the header and each row after it one customer. Download the template and fill it in.',
  },
  missingName: {
    'zh-CN': '缺少“姓名”列：请在第 1 行加上“姓名”表头（可下载导入模板）。',
    en: 'There is no "name" column: add a "name" (姓名) header to row 1, or start from the template.',
  },
  unknownColumns: {
    'zh-CN': '无法识别的列：{headers}。请改成模板中的列名或自定义字段名称，或删除这些列后重新导入。',
    en: 'Columns not recognised: {headers}. Rename them to a template column or a custom field, or delete them, then import again.',
  },
  duplicateColumns: {
    'zh-CN': '这些列表示同一项内容：{headers}。请只保留一列后重新导入。',
    en: 'These columns mean the same thing: {headers}. Keep only one of them and import again.',
  },
  tooManyRows: {
    'zh-CN': '文件超过 {max} 行客户，一次最多导入 {max} 行：请拆分成多个文件分批导入。',
    en: 'The file has more than {max} customer rows, the most one import takes. Split it into several files.',
  },
  unreadable: {
    'zh-CN': '无法读取这个文件（{reason}）：请用 Excel 另存为 .xlsx 或 UTF-8 编码的 .csv 后重试。',
    en: 'This file could not be read ({reason}). Save it from Excel as .xlsx or as UTF-8 .csv and try again.',
  },
  wrongType: {
    'zh-CN': '只支持 .csv 和 .xlsx 文件（{reason}）：请下载导入模板，按模板填写后上传。',
    en: 'Only .csv and .xlsx files can be imported ({reason}). Download the template, fill it in and upload that.',
  },
  noFile: {
    'zh-CN': '没有收到文件：请选择一个 .csv 或 .xlsx 文件，以表单字段 file 上传。',
    en: 'No file was received: choose a .csv or .xlsx file and upload it as the form field "file".',
  },
  noMultipart: {
    'zh-CN': '请以 multipart/form-data 上传文件（表单字段 file）。',
    en: 'Upload the file as multipart/form-data (form field "file").',
  },
  nameRequired: { 'zh-CN': '姓名为空：请填写客户姓名。', en: 'The name is empty: fill in the customer’s name.' },
  nameTooLong: { 'zh-CN': '姓名超过 64 个字：请缩短。', en: 'The name is longer than 64 characters: shorten it.' },
  phoneInvalid: {
    'zh-CN': '手机号格式不对：应为 11 位数字、以 13–19 开头（可带 +86），请改正或留空。',
    en: 'The phone number is not valid: it needs 11 digits starting with 13–19 (a +86 prefix is fine). Correct it or leave it empty.',
  },
  genderInvalid: {
    'zh-CN': '性别“{value}”无法识别：请填 男、女 或 未知（也可填 1、2、0），或留空。',
    en: 'Gender "{value}" is not recognised: use male, female or unknown (or 1, 2, 0), or leave it empty.',
  },
  storeUnknown: {
    'zh-CN': '门店编码“{value}”不存在：请填写组织架构中门店的编码，或留空。',
    en: 'No store has the code "{value}": use a store code from Organisation, or leave it empty.',
  },
  storeNotOwn: {
    'zh-CN': '门店“{value}”不是你的门店：店长只能导入本店（{own}）的客户，请改为 {own} 或留空。',
    en: 'Store "{value}" is not your store: store managers import customers of their own store ({own}). Use {own} or leave it empty.',
  },
  staffUnknown: {
    'zh-CN': '导购企微ID“{value}”不存在：请填写员工的企业微信 userid（在“员工”页可查），或留空。',
    en: 'No staff member has the WeCom userid "{value}": use the userid shown on the Staff page, or leave it empty.',
  },
  staffResigned: {
    'zh-CN': '导购“{value}”已离职，不能再分配客户：请换成在职导购，或留空。',
    en: 'Staff member "{value}" has resigned and cannot take customers: name an active staff member, or leave it empty.',
  },
  staffNotOwn: {
    'zh-CN': '导购“{value}”不在你的门店：请换成本店导购，或留空。',
    en: 'Staff member "{value}" is not in your store: name one of your store’s staff, or leave it empty.',
  },
  tagUnknown: {
    'zh-CN': '标签“{value}”不存在：请先在“标签”页创建，或写成“组名/标签名”。',
    en: 'Tag "{value}" does not exist: create it on the Tags page first, or write it as "group/tag".',
  },
  tagAmbiguous: {
    'zh-CN': '标签“{value}”在多个标签组里都有：请写成“组名/标签名”。',
    en: 'Tag "{value}" exists in several tag groups: write it as "group/tag".',
  },
  externalIdInvalid: {
    'zh-CN': '外部联系人ID 不能含空格、最长 64 个字符：请从企业微信复制原值，或留空。',
    en: 'The external user id must have no spaces and at most 64 characters: copy it from WeCom, or leave it empty.',
  },
  customerIdInvalid: {
    'zh-CN': '客户ID“{value}”应为数字：导出文件中的客户ID请保持原样，新客户请留空。',
    en: 'Customer id "{value}" must be a number: keep the ids of an export as they are, and leave it empty for new customers.',
  },
  fieldNumber: { 'zh-CN': '{label}应为数字，如 12.5。', en: '{label} must be a number, like 12.5.' },
  fieldDate: { 'zh-CN': '{label}应为日期，格式如 2026-05-01。', en: '{label} must be a date like 2026-05-01.' },
  fieldBoolean: { 'zh-CN': '{label}请填 是 或 否。', en: '{label} must be yes or no.' },
  fieldSelect: { 'zh-CN': '{label}只能填以下之一：{options}。', en: '{label} must be one of: {options}.' },
  fieldText: { 'zh-CN': '{label}应为文字。', en: '{label} must be text.' },
  duplicateRow: {
    'zh-CN': '与第 {row} 行是同一位客户（{column}相同）：请把两行合并成一行后重新导入这一行。',
    en: 'Same customer as row {row} (same {column}): merge the two rows into one and import this row again.',
  },
  sameCustomer: {
    'zh-CN': '与第 {row} 行匹配到同一位客户：请把两行合并成一行后重新导入这一行。',
    en: 'This row matches the same customer as row {row}: merge the two rows into one and import this row again.',
  },
  customerNotFound: {
    'zh-CN': '客户ID {value} 不存在或不在你的数据范围内：新客户请把客户ID留空。',
    en: 'Customer {value} does not exist or is outside your data scope: leave the customer id empty for new customers.',
  },
  outOfScope: {
    'zh-CN': '这位客户（按{column}匹配）不在你的数据范围内：请联系总部导入这一行，或删除这一行。',
    en: 'This customer (matched by {column}) is outside your data scope: ask HQ to import this row, or delete it.',
  },
  identityConflict: {
    'zh-CN': '{column}属于另一位客户，与本行其他列匹配到的客户不同：请核对{column}后重新导入这一行。',
    en: 'The {column} belongs to a different customer than the rest of this row matches: check the {column} and import this row again.',
  },
  phoneAmbiguous: {
    'zh-CN': '有 {count} 位客户使用这个手机号：请填写外部联系人ID或客户ID，指明是哪一位。',
    en: '{count} customers have this phone number: fill in the external user id or customer id to say which one.',
  },
  rowRejected: {
    'zh-CN': '这一行保存失败（{reason}）：请检查后重新导入这一行。',
    en: 'This row could not be saved ({reason}): check it and import this row again.',
  },
  rowConflict: {
    'zh-CN': '导入时有人同时创建了同一位客户：请重新导入这一行（会更新该客户）。',
    en: 'Someone created the same customer while this import ran: import this row again (it will update that customer).',
  },
  moreErrors: {
    'zh-CN': '另有 {count} 个问题未列出：请先修正上面的问题后重新导入。',
    en: '{count} more problems are not listed: fix the ones above and import again.',
  },
} as const satisfies Record<string, Record<TImportLocale, string>>;

export type TImportMessage = keyof typeof MESSAGES;

/** A message of the import rules in the user's language. */
export function importMessage(locale: TImportLocale, key: TImportMessage, params: Record<string, string | number> = {}): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** The name of a column as the user sees it, for messages. */
export function columnLabel(
  locale: TImportLocale,
  column: TImportColumn,
  fields: ReadonlyMap<string, Pick<TCustomerField, 'label'>>,
) {
  if (column.startsWith('attr:')) return fields.get(column.slice(5))?.label ?? column.slice(5);
  const spec = ALL_SPECS.find((s) => s.key === column);
  return spec ? spec.header[locale] : column;
}

// ---------------------------------------------------------------------------------------------
// Headers

export type THeaderMapping = { ok: true; columns: (TImportColumn | null)[] } | { ok: false; message: string };

/**
 * Maps the header row to columns: built-in headers in Chinese or English, custom fields by key or
 * label, export-only columns skipped, blank headers ignored (null). Unknown or repeated columns and
 * a missing name column fail the whole file, so nothing is imported into the wrong place.
 * @example
 * mapImportHeaders(['姓名', 'phone', '生日'], fields, 'zh-CN') // → { ok: true, columns: ['name', 'phone', 'attr:birthday'] }
 */
export function mapImportHeaders(
  headers: readonly string[],
  fields: readonly Pick<TCustomerField, 'key' | 'label'>[],
  locale: TImportLocale,
): THeaderMapping {
  const byKey = new Map(fields.map((f) => [normalizeHeader(f.key), f.key]));
  const byLabel = new Map<string, string | null>();
  for (const f of fields) {
    const l = normalizeHeader(f.label);
    // Two fields with the same label: neither can be named by it.
    byLabel.set(l, byLabel.has(l) ? null : f.key);
  }
  const columns: (TImportColumn | null)[] = [];
  const unknown: string[] = [];
  const seen = new Map<TImportColumn, string>();
  const repeated: string[] = [];
  for (const raw of headers) {
    const h = normalizeHeader(raw);
    if (h === '') {
      columns.push(null);
      continue;
    }
    const builtin = BUILTIN_BY_HEADER.get(h);
    const fieldKey = builtin ? undefined : (byKey.get(h) ?? byLabel.get(h) ?? undefined);
    const column: TImportColumn | undefined = builtin ?? (fieldKey ? `attr:${fieldKey}` : undefined);
    if (!column) {
      unknown.push(raw.trim());
      columns.push(null);
      continue;
    }
    if (column !== 'ignored') {
      const first = seen.get(column);
      if (first !== undefined) repeated.push(`${first} / ${raw.trim()}`);
      else seen.set(column, raw.trim());
    }
    columns.push(column);
  }
  if (columns.every((c) => c === null) && unknown.length === 0) return { ok: false, message: importMessage(locale, 'fileEmpty') };
  if (unknown.length) return { ok: false, message: importMessage(locale, 'unknownColumns', { headers: unknown.join(', ') }) };
  if (repeated.length) return { ok: false, message: importMessage(locale, 'duplicateColumns', { headers: repeated.join(', ') }) };
  if (!seen.has('name')) return { ok: false, message: importMessage(locale, 'missingName') };
  return { ok: true, columns };
}

// ---------------------------------------------------------------------------------------------
// Cells

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Guards a cell of a CSV export against spreadsheet formula injection (a WeCom nickname can be
 * `=HYPERLINK(…)`): a leading `'` makes Excel show it as text. `cleanCell` takes it off again on import.
 */
export const escapeCsvCell = (s: string) => (FORMULA_START.test(s) ? `'${s}` : s);

/** Trims a cell and undoes `escapeCsvCell`. */
export function cleanCell(s: string): string {
  const t = s.trim();
  return t.startsWith("'") && FORMULA_START.test(t.slice(1)) ? t.slice(1).trim() : t;
}

/** `+86 138-0000-1111` → `13800001111`; null when it is not a mainland mobile number. */
export function normalizePhone(raw: string): string | null {
  let s = raw.normalize('NFKC').replace(/[\s\-()]/g, '');
  if (/^(\+?86|0086)1\d{10}$/.test(s)) s = s.slice(-11);
  return /^1[3-9]\d{9}$/.test(s) ? s : null;
}

const GENDERS: Record<string, 0 | 1 | 2> = {
  男: 1,
  男性: 1,
  male: 1,
  m: 1,
  '1': 1,
  女: 2,
  女性: 2,
  female: 2,
  f: 2,
  '2': 2,
  未知: 0,
  unknown: 0,
  保密: 0,
  '0': 0,
};

/** 0 unknown, 1 male, 2 female (WeCom's coding); null when not recognised. */
export const parseGender = (raw: string): 0 | 1 | 2 | null => GENDERS[raw.normalize('NFKC').trim().toLowerCase()] ?? null;

export const GENDER_LABELS: Record<TImportLocale, readonly [string, string, string]> = {
  'zh-CN': ['未知', '男', '女'],
  en: ['unknown', 'male', 'female'],
};

/** Tag lists are separated by `;`, `；`, `，`, `,` or `、`. */
export const splitList = (raw: string) =>
  raw
    .split(/[;；，,、]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

// ---------------------------------------------------------------------------------------------
// Rows

type TAttrValue = string | number | boolean | null;

export type TImportStaff = { id: number; name: string; storeId: number | null; status: string };
export type TImportTag = { id: number; name: string; groupName: string };

/** What a row is checked against, loaded once per import. */
export type TImportRowContext = {
  locale: TImportLocale;
  /** Stores by code. */
  stores: ReadonlyMap<string, { id: number; code: string }>;
  /** Staff by WeCom userid, lower-cased (WeCom userids are case-insensitive). */
  staff: ReadonlyMap<string, TImportStaff>;
  /** Tags by `group/tag` and by bare tag name; see `indexTags`. */
  tags: TTagIndex;
  /** Custom fields by key. */
  fields: ReadonlyMap<string, Pick<TCustomerField, 'key' | 'label' | 'type' | 'options'>>;
  /** Store managers: their store, the only one a row may name. */
  ownStore: { id: number; code: string } | null;
};

export type TTagIndex = { byPath: ReadonlyMap<string, TImportTag>; byName: ReadonlyMap<string, TImportTag[]> };

export function indexTags(list: readonly TImportTag[]): TTagIndex {
  const byPath = new Map<string, TImportTag>();
  const byName = new Map<string, TImportTag[]>();
  for (const t of list) {
    byPath.set(`${t.groupName}/${t.name}`, t);
    byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
  }
  return { byPath, byName };
}

/** `组名/标签名`, or a bare tag name when only one group has it. Group and tag names may contain `/`. */
function findTag(index: TTagIndex, ref: string): TImportTag | 'ambiguous' | null {
  const exact = index.byPath.get(ref);
  if (exact) return exact;
  const parts = ref.split('/').map((p) => p.trim());
  for (let i = 1; i < parts.length; i++) {
    const hit = index.byPath.get(`${parts.slice(0, i).join('/')}/${parts.slice(i).join('/')}`);
    if (hit) return hit;
  }
  const named = index.byName.get(ref) ?? [];
  if (named.length > 1) return 'ambiguous';
  return named[0] ?? null;
}

/**
 * One row's values; `undefined` means "the file says nothing here", so an update leaves the
 * customer's value as it is (an empty cell never erases data).
 */
export type TImportRowValue = {
  customerId?: number;
  name: string;
  phone?: string;
  gender?: 0 | 1 | 2;
  storeId?: number;
  staff: TImportStaff[];
  tags: TImportTag[];
  externalUserId?: string;
  attrs: Record<string, TAttrValue>;
};

export type TImportRowError = { column: TImportColumn | null; message: string };
export type TParsedImportRow = { ok: true; value: TImportRowValue } | { ok: false; errors: TImportRowError[] };

/**
 * Checks one row (cells by column, as text) and turns it into values, or lists every problem with
 * the column it is in. Pure: stores, staff, tags and fields come in `context`.
 * @example
 * parseImportRow({ name: '陈静', phone: '138 0000 1111', gender: '女', tags: '兴趣/果茶' }, context)
 * // → { ok: true, value: { name: '陈静', phone: '13800001111', gender: 2, tags: [{ id: 3, … }], staff: [], attrs: {} } }
 */
export function parseImportRow(row: Readonly<Record<string, string | undefined>>, context: TImportRowContext): TParsedImportRow {
  const { locale } = context;
  const errors: TImportRowError[] = [];
  const fail = (column: TImportColumn, key: TImportMessage, params: Record<string, string | number> = {}) =>
    errors.push({ column, message: importMessage(locale, key, params) });
  const cell = (column: string) => {
    const v = row[column];
    return v === undefined ? '' : cleanCell(v);
  };
  const value: TImportRowValue = { name: cell('name'), staff: [], tags: [], attrs: {} };

  if (value.name === '') fail('name', 'nameRequired');
  else if ([...value.name].length > 64) fail('name', 'nameTooLong');

  const id = cell('customer_id');
  if (id !== '') {
    if (/^\d{1,15}$/.test(id) && Number(id) > 0) value.customerId = Number(id);
    else fail('customer_id', 'customerIdInvalid', { value: id });
  }

  const phone = cell('phone');
  if (phone !== '') {
    const normalized = normalizePhone(phone);
    if (normalized) value.phone = normalized;
    else fail('phone', 'phoneInvalid');
  }

  const gender = cell('gender');
  if (gender !== '') {
    const g = parseGender(gender);
    if (g === null) fail('gender', 'genderInvalid', { value: gender });
    else value.gender = g;
  }

  const storeCode = cell('store_code');
  if (storeCode !== '') {
    const store = context.stores.get(storeCode) ?? context.stores.get(storeCode.toUpperCase());
    if (!store) fail('store_code', 'storeUnknown', { value: storeCode });
    else if (context.ownStore && store.id !== context.ownStore.id) {
      fail('store_code', 'storeNotOwn', { value: storeCode, own: context.ownStore.code });
    } else value.storeId = store.id;
  }

  for (const userid of splitList(cell('staff_userid'))) {
    const member = context.staff.get(userid.toLowerCase());
    if (!member) fail('staff_userid', 'staffUnknown', { value: userid });
    else if (member.status !== 'active') fail('staff_userid', 'staffResigned', { value: member.name });
    else if (context.ownStore && member.storeId !== context.ownStore.id)
      fail('staff_userid', 'staffNotOwn', { value: member.name });
    else if (!value.staff.some((s) => s.id === member.id)) value.staff.push(member);
  }

  for (const ref of splitList(cell('tags'))) {
    const tag = findTag(context.tags, ref);
    if (tag === 'ambiguous') fail('tags', 'tagAmbiguous', { value: ref });
    else if (!tag) fail('tags', 'tagUnknown', { value: ref });
    else if (!value.tags.some((t) => t.id === tag.id)) value.tags.push(tag);
  }

  const ext = cell('external_user_id');
  if (ext !== '') {
    if (ext.length > 64 || /\s/.test(ext)) fail('external_user_id', 'externalIdInvalid');
    else value.externalUserId = ext;
  }

  for (const column of Object.keys(row)) {
    if (!column.startsWith('attr:')) continue;
    const field = context.fields.get(column.slice(5));
    const raw = cell(column);
    if (!field || raw === '') continue;
    const checked = checkAttrValue(field, raw);
    if ('error' in checked) {
      const key = (
        { number: 'fieldNumber', date: 'fieldDate', boolean: 'fieldBoolean', select: 'fieldSelect', text: 'fieldText' } as const
      )[field.type];
      fail(column as TImportColumn, key, { label: field.label, options: field.options.join('、') });
    } else value.attrs[field.key] = checked.value;
  }

  return errors.length ? { ok: false, errors } : { ok: true, value };
}
