import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type App, type AppEnv, CUSTOMER_TOKEN_HEADER, ctxOf, customerOf, publicCtx } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, ZIdParam } from '../../http/openapi.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { zPage } from '../../lib/paging.ts';
import { contentDisposition } from '../customers/customers-io.routes.ts';
import { readCustomerToken } from '../links/customer-token.ts';
import { resolveShortLink } from '../links/short-links.ts';
import { bindReferral, type TBindRefusal } from './bind-referral.ts';
import { exportLedger } from './export-ledger.ts';
import { getMyReferral, getReferrerPage } from './get-referrer-page.ts';
import { listLedger } from './list-ledger.ts';
import { listReferrals } from './list-referrals.ts';
import { listReferrers } from './list-referrers.ts';
import { createReferrer, updateReferrerStatus } from './manage-referrers.ts';
import { markCommissionsPaid } from './mark-commissions-paid.ts';
import {
  ZBindResult,
  ZCreateReferrer,
  ZExportLedgerQuery,
  ZLedgerPage,
  ZListLedgerQuery,
  ZListReferralsQuery,
  ZListReferrersQuery,
  ZMarkPaid,
  ZMarkPaidResult,
  ZPublicReferrerPage,
  ZReferral,
  ZReferralProgramme,
  ZReferrer,
  ZSaveReferralProgramme,
  ZSlugParam,
  ZUpdateReferrer,
} from './referral.schemas.ts';
import { getReferralProgramme, saveReferralProgramme } from './referral-programme.ts';

// What a customer is told when binding is refused (the H5 page words it in Chinese by `reason`).
const REFUSALS: Record<TBindRefusal, string> = {
  programme_off: 'The brand has not opened its referral programme. Check back later.',
  referrer_not_found: 'This referral link no longer works. Ask your friend for a new one.',
  referrer_disabled: 'This referral link no longer works. Ask your friend for a new one.',
  customer_not_found: 'We could not find you as a customer of this brand. Add a staff member first.',
  self: 'You cannot refer yourself. Share your link with friends instead.',
  already_bound: 'You already have a referrer; a customer keeps the first one.',
  cycle: 'You referred this friend yourself, so they cannot be your referrer.',
};

/** The referrer a public slug opens, with the tenant context; 404 for anything else. */
async function referrerOfSlug(c: Context<AppEnv>, slug: string) {
  const link = await resolveShortLink(c.var.deps, slug, 'referral');
  if (!link) throw notFound('Referral link', slug);
  return { tenantId: link.tenantId, referrerId: link.refId, ctx: publicCtx(c, link.tenantId) };
}

const fileResponse = {
  description: 'The ledger as CSV (UTF-8 with BOM)',
  content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) } },
};

export function registerReferralRoutes(app: App): void {
  const tags = ['referral'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/referral/programme',
      tags,
      summary: 'The referral programme: windows, commission rules by category, levels, caps, staff pool',
      responses: { 200: jsonContent(ZReferralProgramme, 'Programme'), ...errorResponses },
    }),
    async (c) => c.json(await getReferralProgramme(ctxOf(c)), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/referral/programme',
      tags,
      summary: 'Save the referral programme (admins and operators; audited)',
      description:
        'Rules: a category is a set of SKU prefixes (the longest matching prefix wins; one rule without prefixes is the default). Rates are percent (0–100, two decimals) of the paid line amount or fixed cents per unit; level 2 pays the referrer’s own referrer. New rules apply to orders paid afterwards.',
      request: { body: jsonBody(ZSaveReferralProgramme) },
      responses: { 200: jsonContent(ZReferralProgramme, 'Saved'), ...errorResponses },
    }),
    async (c) => c.json(await saveReferralProgramme(ctxOf(c), c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/referral/referrers',
      tags,
      summary: 'Referrers in your scope with referrals and commission totals by state',
      request: { query: ZListReferrersQuery },
      responses: { 200: jsonContent(zPage(ZReferrer), 'Referrers'), ...errorResponses },
    }),
    async (c) => c.json(await listReferrers(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/referral/referrers',
      tags,
      summary: 'Make a customer or staff member a referrer, with their link (returns the existing one if any)',
      request: { body: jsonBody(ZCreateReferrer) },
      responses: { 201: jsonContent(ZReferrer, 'Referrer'), ...errorResponses },
    }),
    async (c) => c.json(await createReferrer(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/referral/referrers/{id}',
      tags,
      summary: 'Enable or disable a referrer (audited)',
      request: { params: ZIdParam, body: jsonBody(ZUpdateReferrer) },
      responses: { 200: jsonContent(ZReferrer, 'Referrer'), ...errorResponses },
    }),
    async (c) => c.json(await updateReferrerStatus(ctxOf(c), c.req.valid('param').id, c.req.valid('json').status), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/referral/referrals',
      tags,
      summary: 'Referred customers (of one referrer with referrerId), newest first, with what they earned the referrer',
      request: { query: ZListReferralsQuery },
      responses: { 200: jsonContent(zPage(ZReferral), 'Referrals'), ...errorResponses },
    }),
    async (c) => c.json(await listReferrals(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/referral/ledger',
      tags,
      summary: 'The commission ledger, newest first, with sums by state over the filter',
      request: { query: ZListLedgerQuery },
      responses: { 200: jsonContent(ZLedgerPage, 'Ledger'), ...errorResponses },
    }),
    async (c) => c.json(await listLedger(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/referral/ledger/mark-paid',
      tags,
      summary: 'Mark settled commissions paid, as one confirmed batch (admins and operators; audited)',
      description:
        'Only settled entries move to paid; others are reported in skippedIds. confirmTotalCents must equal the sum of the settled entries selected, or nothing changes (409).',
      request: { body: jsonBody(ZMarkPaid) },
      responses: { 200: jsonContent(ZMarkPaidResult, 'Paid'), ...errorResponses },
    }),
    async (c) => c.json(await markCommissionsPaid(ctxOf(c), c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/referral/ledger/export',
      tags,
      summary: 'Download the ledger for these filters as CSV (admins and operators; audited)',
      request: { query: ZExportLedgerQuery },
      responses: { 200: fileResponse, ...errorResponses },
    }),
    async (c) => {
      const { format: _format, ...filter } = c.req.valid('query');
      const file = await exportLedger(ctxOf(c), {
        filter,
        locale: c.var.me?.account.locale === 'en' ? 'en' : 'zh-CN',
        timeZone: c.var.me?.tenant.timezone ?? 'Asia/Shanghai',
      });
      return c.body(file.body, 200, {
        'content-type': file.contentType,
        'content-disposition': contentDisposition(file.filename),
        'cache-control': 'no-store',
      });
    },
  );

  // ---- H5 (no session: the slug finds the tenant; the customer token says who is looking)
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/public/referral/{slug}',
      tags: ['h5'],
      summary:
        "A referrer's page: their link and the QR of their contact way; with the referrer's own token, their referrals and commissions",
      request: { params: ZSlugParam },
      responses: { 200: jsonContent(ZPublicReferrerPage, 'Referrer page'), ...errorResponses },
    }),
    async (c) => {
      const token = c.req.header(CUSTOMER_TOKEN_HEADER) ?? c.req.query('t');
      const who = token ? readCustomerToken(c.var.deps, token) : null;
      if (token && !who) {
        throw new AppError('UNAUTHENTICATED', 'This page needs the link from your chat. Open it again from WeChat.');
      }
      const { tenantId, referrerId, ctx } = await referrerOfSlug(c, c.req.valid('param').slug);
      const viewerCustomerId = who && who.tenantId === tenantId ? who.customerId : null;
      return c.json(await getReferrerPage(ctx, { referrerId, viewerCustomerId }), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/public/referral/{slug}/bind',
      tags: ['h5'],
      summary: 'The token’s customer confirms this referrer as theirs (only without a referrer yet; no self-referral, no loops)',
      request: { params: ZSlugParam },
      responses: { 200: jsonContent(ZBindResult, 'Bound'), ...errorResponses },
    }),
    async (c) => {
      const who = customerOf(c);
      const { tenantId, referrerId, ctx } = await referrerOfSlug(c, c.req.valid('param').slug);
      if (who.tenantId !== tenantId) throw notFound('Referral link', c.req.valid('param').slug);
      const outcome = await bindReferral(ctx, { customerId: who.customerId, referrerId, source: 'link', at: ctx.now() });
      if (!outcome.ok) {
        if (outcome.reason === 'referrer_not_found') throw notFound('Referral link', c.req.valid('param').slug);
        throw new AppError('CONFLICT', REFUSALS[outcome.reason], { reason: outcome.reason });
      }
      return c.json({ status: outcome.status, referrerName: outcome.referrer.name }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/public/me/referral',
      tags: ['h5'],
      summary: 'The token’s customer as a referrer: their link (made on first call) and their page',
      responses: { 200: jsonContent(ZPublicReferrerPage, 'My referral page'), ...errorResponses },
    }),
    async (c) => {
      const who = customerOf(c);
      return c.json(await getMyReferral(who.ctx, who.customerId), 200);
    },
  );
}
