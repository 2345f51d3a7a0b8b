import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import { type Actor, type Ctx, type Deps, systemActor } from '../context.ts';
import { AppError } from '../lib/errors.ts';
import type { TMe } from '../modules/access/access.schemas.ts';
import { readCustomerToken } from '../modules/links/customer-token.ts';

export type AppEnv = {
  Variables: { deps: Deps; actor: Actor; me: TMe; requestId: string; log: Logger };
};

export type App = OpenAPIHono<AppEnv>;

/** A router whose validation failures use Pond's error shape. */
export const createRouter = (): App =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues;
        const first = issues[0];
        const where = first?.path.length ? `${first.path.join('.')}: ` : '';
        throw new AppError('VALIDATION', `${where}${first?.message ?? 'invalid input'}. Correct it and try again.`, {
          issues: issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
    },
  });

/** The module-function context for this request (the logged-in actor). */
export const ctxOf = (c: Context<AppEnv>): Ctx => ({ ...c.var.deps, actor: c.var.actor, log: c.var.log });

/**
 * For public routes (`/api/public/…`, no session): a context acting as the system for `tenantId`,
 * which the route found from a short link's slug or a customer token.
 */
export const publicCtx = (c: Context<AppEnv>, tenantId: number): Ctx => ({
  ...c.var.deps,
  actor: systemActor(tenantId),
  log: c.var.log.child({ tenantId, public: true }),
});

/** Header carrying a customer's H5 token (the H5 app also accepts it as `?t=`). */
export const CUSTOMER_TOKEN_HEADER = 'x-pond-customer';

/**
 * The customer an H5 request is for, from the signed token in `x-pond-customer` or `?t=`; throws
 * UNAUTHENTICATED without a valid one. Routes then check the customer belongs to the link's tenant.
 */
export function customerOf(c: Context<AppEnv>): { tenantId: number; customerId: number; ctx: Ctx } {
  const token = c.req.header(CUSTOMER_TOKEN_HEADER) ?? c.req.query('t');
  const who = readCustomerToken(c.var.deps, token);
  if (!who) throw new AppError('UNAUTHENTICATED', 'This page needs the link from your chat. Open it again from WeChat.');
  return { ...who, ctx: publicCtx(c, who.tenantId) };
}
