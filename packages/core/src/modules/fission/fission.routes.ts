import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type App, type AppEnv, CUSTOMER_TOKEN_HEADER, ctxOf, publicCtx } from '../../http/app-env.ts';
import { notModified, pngContent, sendImage } from '../../http/image-response.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZIdParam } from '../../http/openapi.ts';
import { AppError } from '../../lib/errors.ts';
import { ZPageQuery, zPage } from '../../lib/paging.ts';
import { readCustomerToken } from '../links/customer-token.ts';
import { resolveShortLink, type TResolvedLink } from '../links/short-links.ts';
import { deleteFissionCampaign, endFissionCampaign, startFissionCampaign } from './change-campaign-status.ts';
import { createFissionCampaign } from './create-fission-campaign.ts';
import {
  ZCreateFissionCampaignRequest,
  ZFissionCampaign,
  ZFissionInvite,
  ZFissionParticipant,
  ZFissionStats,
  ZLeaderboardEntry,
  ZLeaderboardQuery,
  ZListFissionCampaignsQuery,
  ZListParticipantsQuery,
  ZPublicFission,
  ZPublicFissionProgress,
  ZSendFissionLinkRequest,
  ZSendFissionLinkResult,
  ZSlugParam,
  ZUpdateFissionCampaignRequest,
} from './fission.schemas.ts';
import { getFissionStats } from './fission-stats.ts';
import { getFissionCampaign, listFissionCampaigns } from './list-fission-campaigns.ts';
import { getFissionLeaderboard, listFissionParticipants, listParticipantInvites } from './list-participants.ts';
import { getPublicFission, joinFissionByLink, participantPoster } from './public-fission.ts';
import { sendFissionLink } from './send-fission-link.ts';
import { updateFissionCampaign } from './update-fission-campaign.ts';

/** The `fission` link of a slug, or NOT_FOUND (unknown slugs and other kinds alike). */
async function fissionLink(c: Context<AppEnv>, slug: string): Promise<TResolvedLink> {
  const link = await resolveShortLink(c.var.deps, slug, 'fission');
  if (!link) throw new AppError('NOT_FOUND', 'This campaign link does not exist. Ask for a new link in your chat.');
  return link;
}

/**
 * The customer of the H5 token, when one is sent: null without a token; UNAUTHENTICATED for a
 * forged one or one of another brand (the page then asks to reopen the link from WeChat).
 */
function tokenCustomer(c: Context<AppEnv>, tenantId: number, required: boolean): number | null {
  const token = c.req.header(CUSTOMER_TOKEN_HEADER) ?? c.req.query('t');
  if (!token && !required) return null;
  const who = readCustomerToken(c.var.deps, token);
  if (!who || who.tenantId !== tenantId) {
    throw new AppError('UNAUTHENTICATED', 'This page needs the link from your chat. Open it again from WeChat.');
  }
  return who.customerId;
}

export function registerFissionRoutes(app: App): void {
  const tags = ['fission'];
  const campaignPath = '/api/fission/campaigns/{id}';

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/fission/campaigns',
      tags,
      summary: 'Fission campaigns (任务宝), newest first, with participants, counted friends and rewards',
      request: { query: ZListFissionCampaignsQuery },
      responses: { 200: jsonContent(zPage(ZFissionCampaign), 'Campaigns'), ...errorResponses },
    }),
    async (c) => c.json(await listFissionCampaigns(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/fission/campaigns',
      tags,
      summary: 'Create a campaign (a draft): window, goal, ascending reward tiers, staff pool, poster, anti-fraud window',
      request: { body: jsonBody(ZCreateFissionCampaignRequest) },
      responses: { 201: jsonContent(ZFissionCampaign, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createFissionCampaign(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: campaignPath,
      tags,
      summary: 'One campaign',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZFissionCampaign, 'Campaign'), ...errorResponses },
    }),
    async (c) => c.json(await getFissionCampaign(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: campaignPath,
      tags,
      summary: 'Edit a campaign (start, goal, tiers and delete window are fixed once started)',
      request: { params: ZIdParam, body: jsonBody(ZUpdateFissionCampaignRequest) },
      responses: { 200: jsonContent(ZFissionCampaign, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateFissionCampaign(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: campaignPath,
      tags,
      summary: 'Delete a draft nobody joined (audited); started campaigns are ended instead',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteFissionCampaign(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${campaignPath}/start`,
      tags,
      summary: 'Start a draft: participants can join and friends count inside the window',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZFissionCampaign, 'Started'), ...errorResponses },
    }),
    async (c) => c.json(await startFissionCampaign(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${campaignPath}/end`,
      tags,
      summary: 'End an active campaign now',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZFissionCampaign, 'Ended'), ...errorResponses },
    }),
    async (c) => c.json(await endFissionCampaign(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: `${campaignPath}/participants`,
      tags,
      summary: 'Participants in your customer scope, by standing invites (or join time); q = customer id',
      request: { params: ZIdParam, query: ZListParticipantsQuery },
      responses: { 200: jsonContent(zPage(ZFissionParticipant), 'Participants'), ...errorResponses },
    }),
    async (c) => c.json(await listFissionParticipants(ctxOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: `${campaignPath}/leaderboard`,
      tags,
      summary: 'Top inviters by standing (counted, not revoked) invites; ties go to whoever got there first',
      request: { params: ZIdParam, query: ZLeaderboardQuery },
      responses: { 200: jsonContent(z.object({ items: z.array(ZLeaderboardEntry) }), 'Leaderboard'), ...errorResponses },
    }),
    async (c) => c.json(await getFissionLeaderboard(ctxOf(c), c.req.valid('param').id, c.req.valid('query').limit), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: `${campaignPath}/stats`,
      tags,
      summary: 'Funnel (participants → posters shared → friends added → counted → rewards) and per-day series',
      description:
        'Posters shared: participants whose personal poster was fetched at least once (per day: distinct participants whose poster was fetched that day, Asia/Shanghai). Friends added: every add through participants’ codes, counted or not. Counted: standing invites (revoked ones excluded). Days are in the tenant’s time zone.',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZFissionStats, 'Statistics'), ...errorResponses },
    }),
    async (c) =>
      c.json(await getFissionStats(ctxOf(c), c.req.valid('param').id, c.var.me?.tenant.timezone ?? 'Asia/Shanghai'), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${campaignPath}/send-link`,
      tags,
      summary: "Send a customer the campaign's link (signed for them) from their guide; once per customer and day",
      request: { params: ZIdParam, body: jsonBody(ZSendFissionLinkRequest) },
      responses: { 200: jsonContent(ZSendFissionLinkResult, 'Queued'), ...errorResponses },
    }),
    async (c) => c.json(await sendFissionLink(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/fission/participants/{id}/invites',
      tags,
      summary: "Every add through one participant's code, with whether it counted and why not",
      request: { params: ZIdParam, query: ZPageQuery },
      responses: { 200: jsonContent(zPage(ZFissionInvite), 'Invites'), ...errorResponses },
    }),
    async (c) => c.json(await listParticipantInvites(ctxOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  // ---------- H5 ----------
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/public/fission/{slug}',
      tags: ['h5'],
      summary: "A fission campaign's page: the campaign, the inviter (personal links), your progress when you take part",
      description: 'The slug is the campaign’s shared link or a participant’s personal one. The customer token is optional here.',
      request: { params: ZSlugParam },
      responses: { 200: jsonContent(ZPublicFission, 'Campaign page'), ...errorResponses },
    }),
    async (c) => {
      const link = await fissionLink(c, c.req.valid('param').slug);
      const customerId = tokenCustomer(c, link.tenantId, false);
      return c.json(await getPublicFission(publicCtx(c, link.tenantId), link, customerId), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/public/fission/{slug}/join',
      tags: ['h5'],
      summary: 'Join the campaign (customer token required): your personal link, poster and progress',
      request: { params: ZSlugParam },
      responses: { 200: jsonContent(ZPublicFissionProgress, 'Joined'), ...errorResponses },
    }),
    async (c) => {
      const link = await fissionLink(c, c.req.valid('param').slug);
      const customerId = tokenCustomer(c, link.tenantId, true) as number;
      return c.json(await joinFissionByLink(publicCtx(c, link.tenantId), link, customerId), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/public/fission/{slug}/poster.png',
      tags: ['h5'],
      summary: "A participant's personal poster (their personal link's slug); each fetch counts toward posters shared",
      request: { params: ZSlugParam },
      responses: { 200: pngContent('The poster (PNG)'), 304: notModified, ...errorResponses },
    }),
    async (c) => {
      const link = await fissionLink(c, c.req.valid('param').slug);
      return sendImage(c, await participantPoster(publicCtx(c, link.tenantId), link), 'public, max-age=300');
    },
  );
}
