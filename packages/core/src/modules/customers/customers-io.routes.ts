import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type App, type AppEnv, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonContent, ZErrorResponse } from '../../http/openapi.ts';
import { AppError } from '../../lib/errors.ts';
import { importMessage, type TImportLocale } from './customer-import-rules.ts';
import { ZListCustomersQuery } from './customers.schemas.ts';
import { exportCustomers, type TSpreadsheetFile, XLSX_CONTENT_TYPE } from './export-customers.ts';
import { importCustomers } from './import-customers.ts';
import { buildImportTemplate } from './import-template.ts';

const ZFormat = z.enum(['csv', 'xlsx']).default('csv').openapi({ description: 'csv (UTF-8 with BOM) or xlsx' });

export const ZExportCustomersQuery = ZListCustomersQuery.omit({ page: true, pageSize: true }).extend({ format: ZFormat });

export const ZImportCustomersResult = z
  .object({
    total: z.number().int().openapi({ description: 'Customer rows in the file (blank rows not counted)' }),
    created: z.number().int(),
    updated: z.number().int(),
    failed: z.number().int().openapi({ description: 'Rows not imported; each has at least one entry in errors' }),
    errors: z.array(
      z.object({
        row: z.number().int().openapi({ description: 'Spreadsheet row number; the header is row 1' }),
        column: z.string().nullable().openapi({ description: "The column's header as written in the file" }),
        message: z.string().openapi({ description: "What is wrong and what to do, in the user's language" }),
      }),
    ),
    errorsOmitted: z.number().int().openapi({ description: 'Problems not listed because errors holds 1,000 at most' }),
  })
  .openapi('CustomerImportResult');

const fileResponse = (description: string) => ({
  description,
  headers: z.object({
    'content-disposition': z
      .string()
      .openapi({ example: 'attachment; filename="customers-20260501-0830.csv"; filename*=UTF-8\'\'%E5%AE%A2%E6%88%B7.csv' }),
  }),
  content: {
    'text/csv': { schema: z.string().openapi({ format: 'binary' }) },
    [XLSX_CONTENT_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
  },
});

/**
 * `attachment` with an ASCII fallback name and the real one per RFC 5987/6266 (`filename*`), so
 * browsers save `客户导出-….csv` under its Chinese name.
 */
export function contentDisposition(filename: string): string {
  const ext = /\.[a-z0-9]+$/i.exec(filename)?.[0] ?? '';
  const asciiStem = filename
    .slice(0, filename.length - ext.length)
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\;]/g, '')
    .replace(/^[-_\s]+/, '');
  const fallback = `${asciiStem.startsWith('customer') ? '' : 'customers-'}${asciiStem}${ext}`.replace(/-+\./, '.');
  const encoded = encodeURIComponent(filename).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const localeOf = (c: Context<AppEnv>): TImportLocale => (c.var.me?.account.locale === 'en' ? 'en' : 'zh-CN');

const sendFile = (c: Context<AppEnv>, file: TSpreadsheetFile) =>
  c.body(file.body, 200, {
    'content-type': file.contentType,
    'content-disposition': contentDisposition(file.filename),
    'cache-control': 'no-store',
  });

export function registerCustomerIoRoutes(app: App): void {
  const tags = ['customers'];
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/customers/import',
      tags,
      summary: 'Import customers from a CSV or XLSX file',
      description:
        'Headers in Chinese or English (see the template). Rows matching an existing customer by customer id, external user id or phone update it; other rows create customers. Bad rows are reported and skipped; good rows are kept. At most 50,000 rows and 20 MB. Admins and operators import for the tenant, store managers into their own store.',
      request: {
        body: {
          description: 'multipart/form-data with the file in the field `file`',
          content: {
            'multipart/form-data': {
              schema: z.object({ file: z.unknown().openapi({ type: 'string', format: 'binary' }) }),
            },
          },
        },
      },
      responses: {
        200: jsonContent(ZImportCustomersResult, 'What was imported, and every problem by row'),
        ...errorResponses,
        413: { description: 'Over 20 MB', content: { 'application/json': { schema: ZErrorResponse } } },
        415: { description: 'Not a .csv or .xlsx file', content: { 'application/json': { schema: ZErrorResponse } } },
      },
    }),
    async (c) => {
      const locale = localeOf(c);
      const type = c.req.header('content-type') ?? '';
      if (!/^multipart\/form-data/i.test(type)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', importMessage(locale, 'noMultipart'));
      }
      const file = (c.req.valid('form') as { file?: unknown }).file;
      if (!(file instanceof File) || file.size === 0) throw new AppError('VALIDATION', importMessage(locale, 'noFile'));
      const bytes = new Uint8Array(await file.arrayBuffer());
      return c.json(await importCustomers(ctxOf(c), { filename: file.name, bytes, locale }), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/customers/import/template',
      tags,
      summary: 'The import template: headers (with your custom fields) and one example row',
      request: { query: z.object({ format: ZFormat }) },
      responses: { 200: fileResponse('The template file'), ...errorResponses },
    }),
    async (c) => {
      const { format } = c.req.valid('query');
      return sendFile(c, await buildImportTemplate(ctxOf(c), { format, locale: localeOf(c) }));
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/customers/export',
      tags,
      summary: 'Download the customers the list shows for these filters (CSV or XLSX), in your data scope',
      description:
        'Same filters and scope as GET /api/customers. Columns: those of the import template (an export can be edited and imported again) plus customer id, store, staff, paid orders, amount spent (yuan) and created time in the tenant time zone. Phones are masked for guides. Audited.',
      request: { query: ZExportCustomersQuery },
      responses: { 200: fileResponse('The export, streamed'), ...errorResponses },
    }),
    async (c) => {
      const { format, ...filter } = c.req.valid('query');
      const file = await exportCustomers(ctxOf(c), {
        format,
        filter,
        locale: localeOf(c),
        timeZone: c.var.me?.tenant.timezone ?? 'Asia/Shanghai',
      });
      return sendFile(c, file);
    },
  );
}
