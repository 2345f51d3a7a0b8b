import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Actor, Ctx, Deps } from '../context.ts';
import { AppError } from '../lib/errors.ts';
import type { TMe } from '../modules/access/access.schemas.ts';

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
