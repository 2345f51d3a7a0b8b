import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { and, count, desc, lt } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { getStaffById } from '../org/lookups.ts';
import { listOrgUnits } from '../org/manage-org-units.ts';
import { listTagGroups } from '../tags/manage-tags.ts';
import {
  customFieldHeader,
  EXPORT_EXTRA_COLUMNS,
  escapeCsvCell,
  GENDER_LABELS,
  TEMPLATE_COLUMNS,
  type TImportLocale,
} from './customer-import-rules.ts';
import type { TCustomerField, TListCustomersQuery } from './customers.schemas.ts';
import { customers } from './customers.tables.ts';
import { customerFilterConditions, toCustomerListItems } from './list-customers.ts';
import { listCustomerFields } from './manage-customer-fields.ts';

// Customers read and written per page: memory stays flat however many customers there are.
const PAGE_SIZE = 1000;
// One XLSX sheet holds 1,048,576 rows including the header.
const MAX_XLSX_ROWS = 1_048_575;

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type TCustomerExportFilter = Omit<TListCustomersQuery, 'page' | 'pageSize'>;

export type TExportCustomersInput = {
  format: 'csv' | 'xlsx';
  filter: TCustomerExportFilter;
  locale?: TImportLocale;
  /** The tenant's time zone, for "created at". */
  timeZone?: string;
};

export type TSpreadsheetFile = {
  filename: string;
  contentType: string;
  body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;
};

type TCell = string | number;

/** `2026-05-01 08:30:00` in the given time zone. */
export function formatLocalTime(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '00';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')}`;
}

/** Cents as yuan with two decimals, without floating-point rounding: 12345 → `123.45`. */
export const centsToYuan = (cents: number) => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

/** A file name like `客户导出-20260501-0830.csv` in the tenant's time zone. */
export function exportFilename(prefix: string, ext: 'csv' | 'xlsx', now: Date, timeZone: string): string {
  const stamp = formatLocalTime(now, timeZone).replace(/[-:]/g, '').replace(' ', '-').slice(0, 13);
  return `${prefix}-${stamp}.${ext}`;
}

const attrText = (value: unknown, locale: TImportLocale): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return locale === 'zh-CN' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  return String(value);
};

/**
 * The customers the list shows for `filter` (same WHERE, same data scope), as CSV (UTF-8 with BOM,
 * so Excel shows Chinese) or XLSX, with the import template's columns — an export can be edited
 * and imported again — plus customer id, store, staff, orders, amount spent and created time.
 * Streamed a page at a time. Phones are masked for guides. Audited as `customer.export`.
 * @example
 * const file = await exportCustomers(ctx, { format: 'csv', filter: { tagIds: [3] } });
 * return new Response(file.body, { headers: { 'content-type': file.contentType } });
 */
export async function exportCustomers(ctx: Ctx, input: TExportCustomersInput): Promise<TSpreadsheetFile> {
  const locale = input.locale ?? 'zh-CN';
  const timeZone = input.timeZone ?? 'Asia/Shanghai';
  const where = await customerFilterConditions(ctx, input.filter);
  const db = dbOf(ctx);
  const [total] = await db
    .select({ n: count() })
    .from(customers)
    .where(and(...where));
  const rowCount = total?.n ?? 0;
  if (input.format === 'xlsx' && rowCount > MAX_XLSX_ROWS) {
    throw new AppError(
      'VALIDATION',
      `${rowCount} customers do not fit in one Excel sheet (${MAX_XLSX_ROWS} at most). Export as CSV, or narrow the filters.`,
    );
  }
  // Recorded before the first byte leaves: a download cut short has still disclosed data.
  await recordAudit(ctx, {
    action: 'customer.export',
    targetType: 'customer',
    details: { format: input.format, filter: input.filter, rows: rowCount },
  });

  const [fieldList, units] = await Promise.all([listCustomerFields(ctx), listOrgUnits(ctx)]);
  const fields: TCustomerField[] = fieldList.items;
  const storeById = new Map(units.items.map((u) => [u.id, u]));
  const groupNames = new Map<number, string>();
  for (let page = 1; ; page++) {
    const groups = await listTagGroups(ctx, { page, pageSize: 200 });
    for (const g of groups.items) groupNames.set(g.id, g.name);
    if (page * 200 >= groups.total) break;
  }
  const userids = new Map<number, string>();

  const extra = (key: string) => EXPORT_EXTRA_COLUMNS.find((c) => c.key === key)?.header[locale] ?? key;
  const header = [
    extra('customer_id'),
    ...TEMPLATE_COLUMNS.map((c) => c.header[locale]),
    ...fields.map((f) => customFieldHeader(f, fields)),
    extra('store_name'),
    extra('staff_names'),
    extra('order_count'),
    extra('total_spent'),
    extra('created_at'),
  ];

  // Keyset pages on id (newest first): no OFFSET scans, and rows added meanwhile do not shift pages.
  let lastId: number | null = null;
  async function nextPage(): Promise<TCell[][] | null> {
    const rows = await dbOf(ctx)
      .select()
      .from(customers)
      .where(and(...where, lastId === null ? undefined : lt(customers.id, lastId)))
      .orderBy(desc(customers.id))
      .limit(PAGE_SIZE);
    const last = rows[rows.length - 1];
    if (!last) return null;
    lastId = last.id;
    const items = await toCustomerListItems(ctx, rows);
    for (const id of new Set(items.flatMap((i) => i.staff.map((s) => s.id)))) {
      if (userids.has(id)) continue;
      userids.set(id, (await getStaffById(ctx, id))?.wecomUserId ?? '');
    }
    return rows.map((r, i) => {
      const item = items[i];
      if (!item) throw new Error('export: a customer row without its list item');
      const store = r.storeId ? storeById.get(r.storeId) : undefined;
      return [
        r.id,
        r.name,
        item.phone ?? '',
        GENDER_LABELS[locale][r.gender] ?? '',
        store?.code ?? '',
        item.staff.map((s) => userids.get(s.id) ?? '').join(';'),
        item.tags.map((t) => `${groupNames.get(t.groupId) ?? ''}/${t.name}`).join(';'),
        r.externalUserId ?? '',
        ...fields.map((f) => attrText(r.attrs[f.key], locale)),
        store?.name ?? '',
        item.staff.map((s) => s.name).join(';'),
        item.orderCount,
        // Numbers in XLSX (they add up in Excel), exact text in CSV.
        input.format === 'xlsx' ? item.totalSpentCents / 100 : centsToYuan(item.totalSpentCents),
        formatLocalTime(r.createdAt, timeZone),
      ];
    });
  }

  const prefix = locale === 'zh-CN' ? '客户导出' : 'customers';
  const filename = exportFilename(prefix, input.format, ctx.now(), timeZone);
  if (input.format === 'csv') return { filename, contentType: CSV_CONTENT_TYPE, body: csvStream(header, nextPage) };
  return { filename, contentType: XLSX_CONTENT_TYPE, body: xlsxStream(header, nextPage, locale, ctx) };
}

const csvLines = (rows: TCell[][]) =>
  stringify(
    rows.map((r) => r.map((c) => (typeof c === 'string' ? escapeCsvCell(c) : c))),
    { record_delimiter: '\r\n' },
  );

/** A CSV byte stream, UTF-8 with BOM, pulling one page per read. */
export function csvStream(header: string[], nextPage: () => Promise<TCell[][] | null>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(`\uFEFF${csvLines([header])}`));
      },
      async pull(controller) {
        const page = await nextPage();
        if (page) controller.enqueue(encoder.encode(csvLines(page)));
        else controller.close();
      },
    },
    // One page at a time: the next is read from the database only when this one has been taken.
    { highWaterMark: 1 },
  );
}

/**
 * An XLSX byte stream written row by row (exceljs's streaming writer). Unlike the CSV stream it
 * does not wait for the reader: a slow download buffers the compressed file (~60 bytes a row).
 */
export function xlsxStream(
  header: string[],
  nextPage: () => Promise<TCell[][] | null>,
  locale: TImportLocale,
  ctx: Ctx,
): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(locale === 'zh-CN' ? '客户' : 'Customers');
  sheet.columns = header.map((h) => ({ header: h, width: Math.max(10, Math.min(40, h.length * 2 + 4)) }));
  const spentColumn = sheet.getColumn(header.length - 1);
  spentColumn.numFmt = '0.00';
  const write = async () => {
    sheet.getRow(1).commit();
    for (let page = await nextPage(); page; page = await nextPage()) {
      for (const r of page) sheet.addRow(r).commit();
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => {
    ctx.log.error({ err: error }, 'customer export: XLSX stream failed');
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
