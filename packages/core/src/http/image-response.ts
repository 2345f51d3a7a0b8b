import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';

/** The OpenAPI answer of a route returning a PNG with its ETag. */
export const pngContent = (description: string) => ({
  description,
  headers: z.object({ etag: z.string(), 'cache-control': z.string() }),
  content: { 'image/png': { schema: z.string().openapi({ format: 'binary' }) } },
});
export const notModified = { description: 'Not modified (the If-None-Match ETag still matches)' } as const;

/** Whether the If-None-Match header names this ETag (weak or strong, one or a list). */
export const etagMatches = (header: string | undefined, etag: string) =>
  !!header && header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);

/** A PNG answer with its ETag; 304 when the client already has these bytes. */
export function sendImage(
  c: Context<AppEnv>,
  image: { png: Buffer; etag: string },
  cacheControl: string,
  extra: Record<string, string> = {},
) {
  if (etagMatches(c.req.header('if-none-match'), image.etag)) {
    return c.body(null, 304, { etag: image.etag, 'cache-control': cacheControl });
  }
  return c.body(new Uint8Array(image.png), 200, {
    'content-type': 'image/png',
    etag: image.etag,
    'cache-control': cacheControl,
    ...extra,
  });
}
