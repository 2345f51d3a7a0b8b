import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type App, type AppEnv, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZIdParam } from '../../http/openapi.ts';
import { ZPageQuery, zPage } from '../../lib/paging.ts';
import type { TImportLocale } from '../customers/customer-import-rules.ts';
import { XLSX_CONTENT_TYPE } from '../customers/export-customers.ts';
import { batchCreateLiveCodes } from './batch-create-live-codes.ts';
import { exportLiveCodeStats } from './export-live-code-stats.ts';
import { listLiveCodeAdds } from './list-live-code-adds.ts';
import { getLiveCode, listLiveCodes } from './list-live-codes.ts';
import { getLiveCodeStats } from './live-code-stats.ts';
import {
  ZApplyLiveCodeResult,
  ZBatchCreateLiveCodesRequest,
  ZBatchCreateLiveCodesResult,
  ZCreateLiveCodeFolderRequest,
  ZCreateLiveCodeRequest,
  ZListLiveCodesQuery,
  ZLiveCode,
  ZLiveCodeAdd,
  ZLiveCodeFolder,
  ZLiveCodeStats,
  ZLiveCodeStatsExportQuery,
  ZLiveCodeStatsQuery,
  ZUpdateLiveCodeFolderRequest,
  ZUpdateLiveCodeRequest,
} from './live-codes.schemas.ts';
import {
  createLiveCodeFolder,
  deleteLiveCodeFolder,
  listLiveCodeFolders,
  updateLiveCodeFolder,
} from './manage-live-code-folders.ts';
import { applyLiveCodeNow, createLiveCode, deleteLiveCode, updateLiveCode } from './save-live-code.ts';

const localeOf = (c: Context<AppEnv>): TImportLocale => (c.var.me?.account.locale === 'en' ? 'en' : 'zh-CN');

/** `attachment` with an ASCII fallback name and the real (Chinese) one per RFC 6266 `filename*`. */
function attachment(filename: string): string {
  const ascii = filename
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\;]/g, '')
    .replace(/^[-_\s]+/, '');
  const fallback = ascii.startsWith('live-code') ? ascii : `live-code-stats${ascii.startsWith('.') ? '' : '-'}${ascii}`;
  const encoded = encodeURIComponent(filename).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function registerLiveCodeRoutes(app: App): void {
  const tags = ['live-codes'];

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/live-code-folders',
      tags,
      summary: 'Live code folders with how many codes each holds',
      responses: { 200: jsonContent(z.object({ items: z.array(ZLiveCodeFolder) }), 'Folders'), ...errorResponses },
    }),
    async (c) => c.json(await listLiveCodeFolders(ctxOf(c)), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/live-code-folders',
      tags,
      summary: 'Create a folder (admins, operators)',
      request: { body: jsonBody(ZCreateLiveCodeFolderRequest) },
      responses: { 201: jsonContent(ZLiveCodeFolder, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createLiveCodeFolder(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/live-code-folders/{id}',
      tags,
      summary: 'Rename or reorder a folder',
      request: { params: ZIdParam, body: jsonBody(ZUpdateLiveCodeFolderRequest) },
      responses: { 200: jsonContent(ZLiveCodeFolder, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateLiveCodeFolder(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/live-code-folders/{id}',
      tags,
      summary: 'Delete a folder (its codes stay, in no folder)',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteLiveCodeFolder(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/live-codes',
      tags,
      summary: 'Staff live codes (渠道活码) in your scope, newest first',
      description:
        'HQ roles see every code; a store manager the codes of their store or whose pool or backups include its staff; a guide the codes that include them. Each item carries today’s adds (Asia/Shanghai) and the staff list the contact way holds now.',
      request: { query: ZListLiveCodesQuery },
      responses: { 200: jsonContent(zPage(ZLiveCode), 'Live codes'), ...errorResponses },
    }),
    async (c) => c.json(await listLiveCodes(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/live-codes',
      tags,
      summary: 'Create a live code and its WeCom contact way (admins, operators)',
      description:
        'The contact way gets state lc<id> and the staff list the routing gives now. When WeCom refuses the way the code is not kept and the reason is returned.',
      request: { body: jsonBody(ZCreateLiveCodeRequest) },
      responses: { 201: jsonContent(ZLiveCode, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createLiveCode(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/live-codes/batch',
      tags,
      summary: 'Create one live code per store, with the store’s guides as the pool',
      description:
        'Stores are done one by one, each with its own result (created, skipped when the store already has a code of that name, failed with what to fix). Send large batches in chunks to show progress.',
      request: { body: jsonBody(ZBatchCreateLiveCodesRequest) },
      responses: { 200: jsonContent(ZBatchCreateLiveCodesResult, 'Results per store'), ...errorResponses },
    }),
    async (c) => c.json(await batchCreateLiveCodes(ctxOf(c), c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/live-codes/{id}',
      tags,
      summary: 'One live code',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZLiveCode, 'The live code'), ...errorResponses },
    }),
    async (c) => c.json(await getLiveCode(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/live-codes/{id}',
      tags,
      summary: 'Edit a live code; the routing is applied at once (admins, operators)',
      description:
        'status archived deletes the contact way (the QR stops working); active again creates a new way with a new QR. A channel failure is kept on the code (syncError) and retried every minute.',
      request: { params: ZIdParam, body: jsonBody(ZUpdateLiveCodeRequest) },
      responses: { 200: jsonContent(ZLiveCode, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateLiveCode(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/live-codes/{id}',
      tags,
      summary: 'Delete a live code and its contact way (statistics are kept; audited)',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteLiveCode(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/live-codes/{id}/sweep',
      tags,
      summary: 'Apply the routing now (paused codes included)',
      description:
        'Computes the staff list for now (schedules, caps, backups) and updates the contact way only if it differs. Otherwise this happens every minute and right after an add reaches a cap.',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZApplyLiveCodeResult, 'What was applied'), ...errorResponses },
    }),
    async (c) => {
      const { cause: _cause, ...result } = await applyLiveCodeNow(ctxOf(c), c.req.valid('param').id);
      return c.json(result, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/live-codes/{id}/adds',
      tags,
      summary: 'Adds through a live code, newest first (remark, re-add, deletion, first order)',
      request: { params: ZIdParam, query: ZPageQuery },
      responses: { 200: jsonContent(zPage(ZLiveCodeAdd), 'Adds'), ...errorResponses },
    }),
    async (c) => c.json(await listLiveCodeAdds(ctxOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/live-codes/{id}/stats',
      tags,
      summary: 'A live code’s statistics by day, staff member, or both',
      description:
        'Days in Asia/Shanghai, both ends included (default: the last 7 days, at most 366). added includes re-adds; deletions count on the day the follow ended; converted counts adds whose customer’s first paid order came after the add, by the add’s day.',
      request: { params: ZIdParam, query: ZLiveCodeStatsQuery },
      responses: { 200: jsonContent(ZLiveCodeStats, 'Statistics'), ...errorResponses },
    }),
    async (c) => c.json(await getLiveCodeStats(ctxOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/live-codes/{id}/stats/export',
      tags,
      summary: 'Download a live code’s statistics (CSV or XLSX; audited)',
      request: { params: ZIdParam, query: ZLiveCodeStatsExportQuery },
      responses: {
        200: {
          description: 'The statistics with a totals row',
          content: {
            'text/csv': { schema: z.string().openapi({ format: 'binary' }) },
            [XLSX_CONTENT_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { format, ...query } = c.req.valid('query');
      const file = await exportLiveCodeStats(ctxOf(c), c.req.valid('param').id, query, format, localeOf(c));
      return c.body(file.body, 200, {
        'content-type': file.contentType,
        'content-disposition': attachment(file.filename),
        'cache-control': 'no-store',
      });
    },
  );
}
