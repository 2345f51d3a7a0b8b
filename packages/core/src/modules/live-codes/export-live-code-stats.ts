import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Ctx } from '../../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { escapeCsvCell, type TImportLocale } from '../customers/customer-import-rules.ts';
import { CSV_CONTENT_TYPE, exportFilename, type TSpreadsheetFile, XLSX_CONTENT_TYPE } from '../customers/export-customers.ts';
import { getLiveCodeStats } from './live-code-stats.ts';
import type { TLiveCodeStatsQuery } from './live-codes.schemas.ts';
import { LIVE_CODE_TIME_ZONE } from './route-live-code.ts';

const HEADERS = {
  day: { 'zh-CN': '日期', en: 'Day' },
  staffId: { 'zh-CN': '员工ID', en: 'Staff id' },
  staffName: { 'zh-CN': '员工', en: 'Staff' },
  added: { 'zh-CN': '新增', en: 'Added' },
  readds: { 'zh-CN': '重复添加', en: 'Re-adds' },
  deletedByCustomer: { 'zh-CN': '客户删除', en: 'Deleted by customer' },
  deletedByStaff: { 'zh-CN': '员工删除', en: 'Deleted by staff' },
  deleted: { 'zh-CN': '流失', en: 'Deleted' },
  net: { 'zh-CN': '净增', en: 'Net' },
  converted: { 'zh-CN': '首单转化', en: 'First orders' },
  conversionRate: { 'zh-CN': '转化率', en: 'Conversion rate' },
} as const;
type TColumn = keyof typeof HEADERS;
const NUMBER_COLUMNS: TColumn[] = [
  'added',
  'readds',
  'deletedByCustomer',
  'deletedByStaff',
  'deleted',
  'net',
  'converted',
  'conversionRate',
];

/**
 * A live code's statistics (same numbers, range and scope as `getLiveCodeStats`) as CSV (UTF-8 with
 * BOM, so Excel shows Chinese) or XLSX, with a totals row last. Audited as `live_code.export`.
 * @example
 * const file = await exportLiveCodeStats(ctx, 12, { groupBy: 'day_staff', from: '2026-03-01', to: '2026-03-31' }, 'xlsx');
 */
export async function exportLiveCodeStats(
  ctx: Ctx,
  codeId: number,
  query: TLiveCodeStatsQuery,
  format: 'csv' | 'xlsx',
  locale: TImportLocale = 'zh-CN',
): Promise<TSpreadsheetFile> {
  const stats = await getLiveCodeStats(ctx, codeId, query);
  await recordAudit(ctx, {
    action: 'live_code.export',
    targetType: 'live_code',
    targetId: codeId,
    details: { format, from: stats.from, to: stats.to, groupBy: stats.groupBy, rows: stats.rows.length },
  });
  const columns: TColumn[] = [
    ...(stats.groupBy === 'staff' ? [] : (['day'] as TColumn[])),
    ...(stats.groupBy === 'day' ? [] : (['staffId', 'staffName'] as TColumn[])),
    ...NUMBER_COLUMNS,
  ];
  const header = columns.map((c) => HEADERS[c][locale]);
  const totalLabel = locale === 'zh-CN' ? '合计' : 'Total';
  const body: (string | number)[][] = [
    ...stats.rows.map((r) => columns.map((c) => r[c] ?? '')),
    columns.map((c, i) =>
      i === 0 ? totalLabel : NUMBER_COLUMNS.includes(c) ? stats.totals[c as keyof typeof stats.totals] : '',
    ),
  ];
  const prefix = locale === 'zh-CN' ? `渠道活码统计-${codeId}` : `live-code-${codeId}-stats`;
  const filename = exportFilename(prefix, format, ctx.now(), LIVE_CODE_TIME_ZONE);
  if (format === 'csv') {
    const text = stringify(
      [header, ...body].map((r) => r.map((cell) => (typeof cell === 'string' ? escapeCsvCell(cell) : cell))),
      { record_delimiter: '\r\n' },
    );
    return { filename, contentType: CSV_CONTENT_TYPE, body: new TextEncoder().encode(`\uFEFF${text}`) };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(locale === 'zh-CN' ? '活码统计' : 'Live code stats');
  sheet.columns = header.map((h) => ({ header: h, width: Math.max(10, Math.min(30, h.length * 2 + 4)) }));
  for (const r of body) sheet.addRow(r);
  sheet.getColumn(columns.indexOf('conversionRate') + 1).numFmt = '0.00%';
  const buffer = await workbook.xlsx.writeBuffer();
  return { filename, contentType: XLSX_CONTENT_TYPE, body: new Uint8Array(buffer as ArrayBuffer) };
}
