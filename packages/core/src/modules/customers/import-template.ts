import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Ctx } from '../../context.ts';
import { listOrgUnits } from '../org/manage-org-units.ts';
import { listStaff } from '../org/manage-staff.ts';
import { listTagGroups } from '../tags/manage-tags.ts';
import { customFieldHeader, GENDER_LABELS, TEMPLATE_COLUMNS, type TImportLocale } from './customer-import-rules.ts';
import type { TCustomerField } from './customers.schemas.ts';
import { CSV_CONTENT_TYPE, type TSpreadsheetFile, XLSX_CONTENT_TYPE } from './export-customers.ts';
import { listCustomerFields } from './manage-customer-fields.ts';

const HELP: Record<string, Record<TImportLocale, string>> = {
  name: { 'zh-CN': '必填，最多 64 个字。', en: 'Required, at most 64 characters.' },
  phone: {
    'zh-CN': '11 位手机号（可带 +86）。已有客户按手机号或外部联系人ID匹配并更新。',
    en: '11-digit mobile number (+86 allowed). Existing customers are matched by phone or external user id and updated.',
  },
  gender: { 'zh-CN': '男 / 女 / 未知（或 1 / 2 / 0）。', en: 'male / female / unknown (or 1 / 2 / 0).' },
  store_code: {
    'zh-CN': '组织架构中门店的编码。店长只能填本店。',
    en: 'A store code from Organisation. Store managers: their own store only.',
  },
  staff_userid: {
    'zh-CN': '导购的企业微信 userid，多个用 ; 分隔。会建立客户与导购的关系。',
    en: "The guide's WeCom userid; several separated by ;. Links the customer to the guide.",
  },
  tags: {
    'zh-CN': '写成“组名/标签名”，多个用 ; 或 ， 分隔。标签须已存在。',
    en: 'Written as "group/tag", several separated by ; or ，. Tags must exist.',
  },
  external_user_id: {
    'zh-CN': '企业微信外部联系人ID（external_userid），没有可留空。',
    en: "WeCom's external_userid, if known; otherwise leave empty.",
  },
};

const FIELD_HELP: Record<TCustomerField['type'], Record<TImportLocale, string>> = {
  text: { 'zh-CN': '自定义字段：文字。', en: 'Custom field: text.' },
  number: { 'zh-CN': '自定义字段：数字。', en: 'Custom field: a number.' },
  date: { 'zh-CN': '自定义字段：日期，如 2026-05-01。', en: 'Custom field: a date like 2026-05-01.' },
  boolean: { 'zh-CN': '自定义字段：是 / 否。', en: 'Custom field: yes / no.' },
  select: { 'zh-CN': '自定义字段：只能填 {options}。', en: 'Custom field: one of {options}.' },
};

const GENERAL: Record<TImportLocale, string[]> = {
  'zh-CN': [
    '第 1 行是表头，请勿修改；从第 2 行起每行一位客户，导入前请删除示例行。',
    '空单元格不会清除已有客户的资料；标签和导购只会添加，不会移除。',
    '一次最多 50,000 行。有问题的行不会导入，结果中会列出行号和原因，改正后重新导入这些行即可。',
  ],
  en: [
    'Row 1 is the header; keep it. One customer per row from row 2; delete the example row before importing.',
    'Empty cells never erase what a customer already has; tags and staff are only added, never removed.',
    'At most 50,000 rows per file. Rows with problems are skipped and listed with their row number and reason; fix them and import those rows again.',
  ],
};

function fieldExample(field: TCustomerField, locale: TImportLocale): string {
  switch (field.type) {
    case 'number':
      return '100';
    case 'date':
      return '2026-05-01';
    case 'boolean':
      return locale === 'zh-CN' ? '是' : 'yes';
    case 'select':
      return field.options[0] ?? '';
    case 'text':
      return locale === 'zh-CN' ? '示例' : 'example';
  }
}

/**
 * The import template: the header (built-in columns, then this tenant's custom fields) and one
 * example row that uses a real store, guide and tag of the tenant; the XLSX adds a sheet explaining
 * each column.
 * @example
 * const file = await buildImportTemplate(ctx, { format: 'xlsx' });
 */
export async function buildImportTemplate(
  ctx: Ctx,
  input: { format: 'csv' | 'xlsx'; locale?: TImportLocale },
): Promise<TSpreadsheetFile & { body: Uint8Array<ArrayBuffer> }> {
  const locale = input.locale ?? 'zh-CN';
  const [fieldList, units, staffPage, tagPage] = await Promise.all([
    listCustomerFields(ctx),
    listOrgUnits(ctx),
    listStaff(ctx, { page: 1, pageSize: 1, status: 'active' }),
    listTagGroups(ctx, { page: 1, pageSize: 1 }),
  ]);
  const fields = fieldList.items;
  const stores = units.items.filter((u) => u.kind === 'store');
  const store = stores.find((s) => s.id === ctx.actor.storeId) ?? stores[0];
  const group = tagPage.items.find((g) => g.tags.length > 0);
  const tag = group?.tags[0];
  const header = [...TEMPLATE_COLUMNS.map((c) => c.header[locale]), ...fields.map((f) => customFieldHeader(f, fields))];
  const example = [
    locale === 'zh-CN' ? '示例客户' : 'Sample Customer',
    '13800000000',
    GENDER_LABELS[locale][2],
    store?.code ?? '',
    staffPage.items[0]?.wecomUserId ?? '',
    group && tag ? `${group.name}/${tag.name}` : '',
    '',
    ...fields.map((f) => fieldExample(f, locale)),
  ];
  const base = locale === 'zh-CN' ? '客户导入模板' : 'customer-import-template';

  if (input.format === 'csv') {
    const text = `\uFEFF${stringify([header, example], { record_delimiter: '\r\n' })}`;
    return { filename: `${base}.csv`, contentType: CSV_CONTENT_TYPE, body: new TextEncoder().encode(text) };
  }

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(locale === 'zh-CN' ? '客户' : 'Customers');
  header.forEach((h, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(12, h.length * 2 + 4);
    // Text cells: Excel must not turn phone numbers or ids into numbers.
    column.numFmt = '@';
  });
  sheet.addRow(header).font = { bold: true };
  sheet.addRow(example);
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const help = workbook.addWorksheet(locale === 'zh-CN' ? '填写说明' : 'How to fill in');
  help.addRow(locale === 'zh-CN' ? ['列', '说明'] : ['Column', 'How to fill it in']).font = { bold: true };
  for (const c of TEMPLATE_COLUMNS) help.addRow([c.header[locale], HELP[c.key]?.[locale] ?? '']);
  for (const f of fields) {
    help.addRow([customFieldHeader(f, fields), FIELD_HELP[f.type][locale].replace('{options}', f.options.join(' / '))]);
  }
  help.addRow([]);
  for (const line of GENERAL[locale]) help.addRow([line]);
  help.getColumn(1).width = 18;
  help.getColumn(2).width = 80;
  const buffer = await workbook.xlsx.writeBuffer();
  return { filename: `${base}.xlsx`, contentType: XLSX_CONTENT_TYPE, body: new Uint8Array(buffer as ArrayBuffer) };
}
