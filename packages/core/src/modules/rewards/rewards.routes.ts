import { createRoute, z } from '@hono/zod-openapi';
import { type App, ctxOf, customerOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZIdParam } from '../../http/openapi.ts';
import { zPage } from '../../lib/paging.ts';
import { listCustomerRewards, listRewards } from './list-rewards.ts';
import { reviewReward } from './review-reward.ts';
import { ZListRewardsQuery, ZReviewReward, ZRewardGrant } from './rewards.schemas.ts';

export function registerRewardRoutes(app: App): void {
  const tags = ['rewards'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/rewards',
      tags,
      summary: 'Rewards granted to customers in your scope (status=flagged is the review queue)',
      request: { query: ZListRewardsQuery },
      responses: { 200: jsonContent(zPage(ZRewardGrant), 'Rewards'), ...errorResponses },
    }),
    async (c) => c.json(await listRewards(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/rewards/{id}/review',
      tags,
      summary: 'Keep or revoke a reward held for review',
      request: { params: ZIdParam, body: jsonBody(ZReviewReward) },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await reviewReward(ctxOf(c), c.req.valid('param').id, c.req.valid('json'));
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/public/me/rewards',
      tags: ['h5'],
      summary: "The customer's own rewards (H5; customer token in x-pond-customer or ?t=)",
      responses: { 200: jsonContent(z.object({ items: z.array(ZRewardGrant) }), 'Rewards'), ...errorResponses },
    }),
    async (c) => {
      const who = customerOf(c);
      return c.json({ items: await listCustomerRewards(who.ctx, who.customerId) }, 200);
    },
  );
}
