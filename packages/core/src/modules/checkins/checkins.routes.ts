import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type App, type AppEnv, CUSTOMER_TOKEN_HEADER, ctxOf, customerOf, publicCtx } from '../../http/app-env.ts';
import { notModified, pngContent, sendImage } from '../../http/image-response.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZIdParam } from '../../http/openapi.ts';
import { AppError } from '../../lib/errors.ts';
import { zPage } from '../../lib/paging.ts';
import { getCustomerRef } from '../customers/customer-refs.ts';
import { resolveShortLink } from '../links/short-links.ts';
import { checkIn } from './check-in.ts';
import {
  type TCheckinRefusalReason,
  ZCheckinCampaign,
  ZCheckinParticipant,
  ZCheckinResult,
  ZCheckinStats,
  ZCheckinView,
  ZCreateCheckinCampaign,
  ZListCheckinCampaignsQuery,
  ZListCheckinParticipantsQuery,
  ZMakeUpRequest,
  ZSlugParam,
  ZUpdateCheckinCampaign,
} from './checkins.schemas.ts';
import { createCheckinCampaign } from './create-checkin-campaign.ts';
import { deleteCheckinCampaign } from './delete-checkin-campaign.ts';
import { endCheckinCampaign } from './end-checkin-campaign.ts';
import { getCheckinCampaign } from './get-checkin-campaign.ts';
import { getCheckinStats } from './get-checkin-stats.ts';
import { getCheckinView } from './get-checkin-view.ts';
import { joinCheckinCampaign } from './join-checkin-campaign.ts';
import { listCheckinCampaigns } from './list-checkin-campaigns.ts';
import { listCheckinParticipants } from './list-checkin-participants.ts';
import { makeUpCheckin } from './make-up-checkin.ts';
import { renderCheckinPoster } from './render-checkin-poster.ts';
import { startCheckinCampaign } from './start-checkin-campaign.ts';
import { updateCheckinCampaign } from './update-checkin-campaign.ts';

// A refused check-in is a 409 whose `details.reason` the H5 page turns into its own words.
const REFUSAL_MESSAGES: Record<TCheckinRefusalReason, string> = {
  NOT_ACTIVE: 'This campaign has not been published yet. Try again once it has started.',
  NOT_STARTED: 'The campaign has not started yet. Come back on its first day.',
  ENDED: 'The campaign has ended; check-ins are closed.',
  NOT_ELIGIBLE: "This campaign is for members of its groups. Join one of the campaign's groups first.",
  NOT_JOINED: 'You have not joined this campaign yet. Check in first.',
  RULE_RESET: 'This campaign has no make-up cards: a missed day resets the streak.',
  OUT_OF_RANGE: 'That day is not one of the campaign days. Pick a day from the calendar.',
  NOT_PAST: 'A make-up card fills an earlier day only. Check in for today instead.',
  ALREADY_FILLED: 'That day is already checked in. Pick a missed day.',
  NO_CARD: 'Your make-up card for this campaign has been used.',
};
const refused = (reason: TCheckinRefusalReason) => new AppError('CONFLICT', REFUSAL_MESSAGES[reason], { reason });

/** The campaign of a check-in link, or NOT_FOUND for unknown slugs and other kinds of link. */
async function campaignOfSlug(c: Context<AppEnv>, slug: string): Promise<{ tenantId: number; campaignId: number }> {
  const link = await resolveShortLink(c.var.deps, slug, 'checkin');
  if (!link) throw new AppError('NOT_FOUND', 'This check-in link does not exist. Ask for a new link in your group or chat.');
  return { tenantId: link.tenantId, campaignId: link.refId };
}

/**
 * The token's customer, who must be a current customer of the link's tenant (another brand's token
 * is simply not valid here).
 */
async function customerFor(c: Context<AppEnv>, tenantId: number): Promise<number> {
  const who = customerOf(c);
  const customer = who.tenantId === tenantId ? await getCustomerRef(publicCtx(c, tenantId), who.customerId) : null;
  if (!customer || customer.deleted) {
    throw new AppError('UNAUTHENTICATED', 'This page needs the link from your chat. Open it again from WeChat.');
  }
  return customer.id;
}

export function registerCheckinRoutes(app: App): void {
  const tags = ['checkins'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/checkins',
      tags,
      summary: 'Check-in campaigns, newest first (counts of participants in your scope)',
      request: { query: ZListCheckinCampaignsQuery },
      responses: { 200: jsonContent(zPage(ZCheckinCampaign), 'Campaigns'), ...errorResponses },
    }),
    async (c) => c.json(await listCheckinCampaigns(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/checkins',
      tags,
      summary: 'Create a check-in campaign (a draft, with its /c/<slug> link)',
      request: { body: jsonBody(ZCreateCheckinCampaign) },
      responses: { 201: jsonContent(ZCheckinCampaign, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createCheckinCampaign(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/checkins/{id}',
      tags,
      summary: 'A check-in campaign',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZCheckinCampaign, 'Campaign'), ...errorResponses },
    }),
    async (c) => c.json(await getCheckinCampaign(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/checkins/{id}',
      tags,
      summary: 'Change a campaign (days, start, rule and milestones are fixed once started)',
      request: { params: ZIdParam, body: jsonBody(ZUpdateCheckinCampaign) },
      responses: { 200: jsonContent(ZCheckinCampaign, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateCheckinCampaign(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/checkins/{id}',
      tags,
      summary: 'Delete a draft campaign (audited)',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteCheckinCampaign(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/checkins/{id}/start',
      tags,
      summary: 'Start a draft campaign (customers may join; check-ins count from its start date)',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZCheckinCampaign, 'Started'), ...errorResponses },
    }),
    async (c) => c.json(await startCheckinCampaign(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/checkins/{id}/end',
      tags,
      summary: 'End an active campaign now (results and rewards stay)',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZCheckinCampaign, 'Ended'), ...errorResponses },
    }),
    async (c) => c.json(await endCheckinCampaign(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/checkins/{id}/stats',
      tags,
      summary: 'Results per day, streak distribution and milestones (participants in your scope)',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZCheckinStats, 'Statistics'), ...errorResponses },
    }),
    async (c) => c.json(await getCheckinStats(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/checkins/{id}/participants',
      tags,
      summary: 'Participants ranked by streak (or total, or newest), in your scope',
      request: { params: ZIdParam, query: ZListCheckinParticipantsQuery },
      responses: { 200: jsonContent(zPage(ZCheckinParticipant), 'Participants'), ...errorResponses },
    }),
    async (c) => c.json(await listCheckinParticipants(ctxOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  // ---------- the customer's H5 page (/c/<slug>) ----------
  const h5 = ['h5'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/public/checkins/{slug}',
      tags: h5,
      summary: `A check-in campaign and, with a customer token (${CUSTOMER_TOKEN_HEADER} or ?t=), their calendar and streak`,
      request: { params: ZSlugParam },
      responses: { 200: jsonContent(ZCheckinView, 'Campaign'), ...errorResponses },
    }),
    async (c) => {
      const { tenantId, campaignId } = await campaignOfSlug(c, c.req.valid('param').slug);
      const hasToken = Boolean(c.req.header(CUSTOMER_TOKEN_HEADER) ?? c.req.query('t'));
      const customerId = hasToken ? await customerFor(c, tenantId) : null;
      return c.json(await getCheckinView(publicCtx(c, tenantId), campaignId, customerId), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/public/checkins/{slug}/poster',
      tags: h5,
      summary: "The campaign's share poster as PNG; with a participant's token (?t=) it carries their name and streak",
      request: { params: ZSlugParam },
      responses: {
        200: pngContent('The poster'),
        304: notModified,
        ...errorResponses,
      },
    }),
    async (c) => {
      const { tenantId, campaignId } = await campaignOfSlug(c, c.req.valid('param').slug);
      const hasToken = Boolean(c.req.header(CUSTOMER_TOKEN_HEADER) ?? c.req.query('t'));
      const customerId = hasToken ? await customerFor(c, tenantId) : null;
      const image = await renderCheckinPoster(publicCtx(c, tenantId), campaignId, customerId);
      // A personal poster changes with the streak; the shared one only with the campaign.
      const cacheControl = customerId === null ? 'public, max-age=300' : 'private, max-age=60';
      return sendImage(c, image, cacheControl);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/public/checkins/{slug}/join',
      tags: h5,
      summary: 'Join the campaign (to get its reminders); joining twice changes nothing',
      request: { params: ZSlugParam },
      responses: { 200: jsonContent(ZCheckinResult, 'Joined'), ...errorResponses },
    }),
    async (c) => {
      const { tenantId, campaignId } = await campaignOfSlug(c, c.req.valid('param').slug);
      const customerId = await customerFor(c, tenantId);
      const outcome = await joinCheckinCampaign(publicCtx(c, tenantId), { campaignId, customerId });
      if (!outcome.ok) throw refused(outcome.reason);
      return c.json(outcome.result, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/public/checkins/{slug}/check-in',
      tags: h5,
      summary: "Check in for today (Asia/Shanghai); a repeat the same day answers outcome 'already'",
      request: { params: ZSlugParam },
      responses: { 200: jsonContent(ZCheckinResult, 'Checked in'), ...errorResponses },
    }),
    async (c) => {
      const { tenantId, campaignId } = await campaignOfSlug(c, c.req.valid('param').slug);
      const customerId = await customerFor(c, tenantId);
      const ctx = publicCtx(c, tenantId);
      const outcome = await checkIn(ctx, { campaignId, customerId, source: 'h5', at: ctx.now() });
      if (!outcome.ok) throw refused(outcome.reason);
      return c.json(outcome.result, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/public/checkins/{slug}/make-up',
      tags: h5,
      summary: 'Spend the make-up card on a missed earlier day (campaigns with the make-up rule)',
      request: { params: ZSlugParam, body: jsonBody(ZMakeUpRequest) },
      responses: { 200: jsonContent(ZCheckinResult, 'Made up'), ...errorResponses },
    }),
    async (c) => {
      const { tenantId, campaignId } = await campaignOfSlug(c, c.req.valid('param').slug);
      const customerId = await customerFor(c, tenantId);
      const outcome = await makeUpCheckin(publicCtx(c, tenantId), { campaignId, customerId, day: c.req.valid('json').day });
      if (!outcome.ok) throw refused(outcome.reason);
      return c.json(outcome.result, 200);
    },
  );
}
