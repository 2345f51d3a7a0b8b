import { createRoute, z } from '@hono/zod-openapi';
import { type App, ctxOf, publicCtx } from '../../http/app-env.ts';
import { etagMatches, notModified, pngContent, sendImage } from '../../http/image-response.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZErrorResponse, ZIdParam } from '../../http/openapi.ts';
import { AppError } from '../../lib/errors.ts';
import { zPage } from '../../lib/paging.ts';
import { assertRole } from '../access/assert-role.ts';
import { linkUrl } from '../links/link-kinds.ts';
import { resolveShortLink } from '../links/short-links.ts';
import {
  createPosterTemplate,
  deletePosterTemplate,
  getPosterTemplate,
  listPosterTemplates,
  updatePosterTemplate,
} from './manage-poster-templates.ts';
import { getPosterDefaults, setPosterDefault } from './poster-defaults.ts';
import { getPosterImage, uploadPosterImage } from './poster-images.ts';
import { BUILTIN_LAYOUT } from './poster-layout.ts';
import {
  ZCreatePosterTemplate,
  ZListPosterTemplatesQuery,
  ZPosterDefaults,
  ZPosterImage,
  ZPosterLayout,
  ZPosterTemplate,
  ZPreviewPosterRequest,
  ZPreviewQuery,
  ZQrQuery,
  ZSetPosterDefault,
  ZStaffCard,
  ZStaffCardQuery,
  ZUpdatePosterTemplate,
} from './posters.schemas.ts';
import { cachedQrPng } from './qr-png.ts';
import { renderWithTemplate, resolvePosterTemplate } from './render-poster.ts';
import { getStaffCard, renderStaffCard } from './staff-cards.ts';

// Sample content for previews: the template's own texts, a sample name and a link-shaped QR.
const previewContent = (publicUrl: string, q: { name?: string; title?: string; subtitle?: string }) => ({
  qrText: linkUrl(publicUrl, 'staff_card', 'PREVIEW000'),
  name: q.name || '王芳',
  title: q.title || undefined,
  subtitle: q.subtitle || undefined,
  avatarUrl: null,
});

const ZCardParam = z.object({
  card: z
    .string()
    .max(40)
    .regex(/^[0-9A-Za-z]{4,32}\.png$/)
    .openapi({ param: { name: 'card', in: 'path' }, example: 'k3J9x2mQ7a.png', description: 'The short-link slug, then .png' }),
});

export function registerPosterRoutes(app: App): void {
  const tags = ['posters'];

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/public/qr',
      tags: ['h5'],
      summary: 'The QR code of a text as PNG (public; cached, ETag)',
      description:
        'Black on white, `size` px square (64–1024, default 360), whole-pixel modules, error correction M. `text` is at most 1024 characters. The image depends only on the query, so it may be cached for a year.',
      request: { query: ZQrQuery },
      responses: { 200: pngContent('The QR code'), 304: notModified, ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const image = await cachedQrPng(c.var.deps, q.text, { size: q.size, margin: q.margin });
      return sendImage(c, image, 'public, max-age=31536000, immutable');
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/public/staff-cards/{card}',
      tags: ['h5'],
      summary: "A staff member's card as PNG, by its share link (`/api/public/staff-cards/<slug>.png`)",
      request: { params: ZCardParam },
      responses: { 200: pngContent('The card'), 304: notModified, ...errorResponses },
    }),
    async (c) => {
      const slug = c.req.valid('param').card.replace(/\.png$/, '');
      const link = await resolveShortLink(c.var.deps, slug, 'staff_card');
      if (!link) throw new AppError('NOT_FOUND', 'This card link is not valid. Ask the staff member for their card again.');
      try {
        const card = await renderStaffCard(publicCtx(c, link.tenantId), link.refId);
        return sendImage(c, card, 'public, max-age=300');
      } catch (err) {
        // A card of someone who left is simply gone for the public.
        if (err instanceof AppError && err.code === 'CONFLICT')
          throw new AppError('NOT_FOUND', 'This staff card is no longer available. Ask the store for another contact.');
        throw err;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/poster-templates',
      tags,
      summary: 'Poster templates, last edited first (`use` keeps those a feature may use)',
      request: { query: ZListPosterTemplatesQuery },
      responses: { 200: jsonContent(zPage(ZPosterTemplate), 'Templates'), ...errorResponses },
    }),
    async (c) => c.json(await listPosterTemplates(ctxOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/poster-templates/builtin',
      tags,
      summary: 'The layout of the built-in template (used when none is chosen; a starting point for new ones)',
      responses: { 200: jsonContent(z.object({ layout: ZPosterLayout }), 'The built-in layout'), ...errorResponses },
    }),
    async (c) => c.json({ layout: BUILTIN_LAYOUT }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/poster-templates/preview',
      tags,
      summary: 'Render an unsaved layout with sample data (the editor’s live preview)',
      request: {
        query: z.object({ width: ZPreviewQuery.shape.width }),
        body: jsonBody(ZPreviewPosterRequest),
      },
      responses: { 200: pngContent('The preview'), ...errorResponses },
    }),
    async (c) => {
      const ctx = ctxOf(c);
      assertRole(ctx.actor, ['admin', 'operator'], 'edit poster templates');
      const { layout, ...texts } = c.req.valid('json');
      const image = await renderWithTemplate(
        ctx,
        { templateId: null, layout, scope: ['draft', layout] },
        previewContent(ctx.publicUrl, texts),
        { width: c.req.valid('query').width, persist: false },
      );
      return sendImage(c, image, 'private, no-store');
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/poster-templates',
      tags,
      summary: 'Create a poster template',
      request: { body: jsonBody(ZCreatePosterTemplate) },
      responses: { 201: jsonContent(ZPosterTemplate, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createPosterTemplate(ctxOf(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/poster-templates/{id}',
      tags,
      summary: 'One poster template',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZPosterTemplate, 'The template'), ...errorResponses },
    }),
    async (c) => c.json(await getPosterTemplate(ctxOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/poster-templates/{id}',
      tags,
      summary: 'Change a poster template (posters made from it are drawn again)',
      request: { params: ZIdParam, body: jsonBody(ZUpdatePosterTemplate) },
      responses: { 200: jsonContent(ZPosterTemplate, 'The template'), ...errorResponses },
    }),
    async (c) => c.json(await updatePosterTemplate(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/poster-templates/{id}',
      tags,
      summary: 'Delete a poster template (its uses fall back to the built-in template)',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deletePosterTemplate(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/poster-templates/{id}/preview.png',
      tags,
      summary: 'A template rendered with sample data (`width` scales it down for thumbnails)',
      request: { params: ZIdParam, query: ZPreviewQuery },
      responses: { 200: pngContent('The preview'), 304: notModified, ...errorResponses },
    }),
    async (c) => {
      const ctx = ctxOf(c);
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      // 404 for an id that is not one of the tenant's templates (no silent built-in fallback here).
      await getPosterTemplate(ctx, id);
      const template = await resolvePosterTemplate(ctx, id);
      const image = await renderWithTemplate(ctx, template, previewContent(ctx.publicUrl, q), { width: q.width });
      return sendImage(c, image, 'private, no-cache');
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/poster-images',
      tags,
      summary: 'Upload a background image (PNG or JPEG, ≤ 2 MB, 100–4096 px a side)',
      request: {
        body: {
          description: 'multipart/form-data with the image in the field `file`',
          content: {
            'multipart/form-data': { schema: z.object({ file: z.unknown().openapi({ type: 'string', format: 'binary' }) }) },
          },
        },
      },
      responses: {
        201: jsonContent(ZPosterImage, 'Stored'),
        ...errorResponses,
        413: { description: 'Over 2 MB', content: { 'application/json': { schema: ZErrorResponse } } },
        415: { description: 'Not a PNG or JPEG', content: { 'application/json': { schema: ZErrorResponse } } },
      },
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!/^multipart\/form-data/i.test(type))
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the image as multipart/form-data in the field `file`.');
      const file = (c.req.valid('form') as { file?: unknown }).file;
      if (!(file instanceof File))
        throw new AppError('VALIDATION', 'No image in the field `file`. Choose a PNG or JPEG and upload again.');
      return c.json(await uploadPosterImage(ctxOf(c), new Uint8Array(await file.arrayBuffer())), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/poster-images/{id}',
      tags,
      summary: 'An uploaded background image',
      request: { params: ZIdParam },
      responses: {
        200: {
          description: 'The image',
          content: {
            'image/png': { schema: z.string().openapi({ format: 'binary' }) },
            'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
        304: notModified,
        ...errorResponses,
      },
    }),
    async (c) => {
      const image = await getPosterImage(ctxOf(c), c.req.valid('param').id);
      const etag = `"i-${image.sha256.slice(0, 32)}"`;
      const cacheControl = 'private, max-age=86400';
      if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304, { etag, 'cache-control': cacheControl });
      return c.body(new Uint8Array(image.bytes), 200, { 'content-type': image.contentType, etag, 'cache-control': cacheControl });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/poster-defaults',
      tags,
      summary: 'The template each use renders with when none is named (null: built-in)',
      responses: { 200: jsonContent(ZPosterDefaults, 'Defaults by use'), ...errorResponses },
    }),
    async (c) => c.json(await getPosterDefaults(ctxOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/poster-defaults',
      tags,
      summary: 'Choose the default template of a use (null: back to the built-in one)',
      request: { body: jsonBody(ZSetPosterDefault) },
      responses: { 200: jsonContent(ZPosterDefaults, 'Defaults by use'), ...errorResponses },
    }),
    async (c) => c.json(await setPosterDefault(ctxOf(c), c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/staff/{id}/card',
      tags,
      summary: "A staff member's card (员工名片): contact way (made on first use), share link, adds",
      description: 'Guides see their own card, store managers their store’s staff, HQ anyone.',
      request: { params: ZIdParam, query: ZStaffCardQuery.pick({ templateId: true }) },
      responses: { 200: jsonContent(ZStaffCard, 'The card'), ...errorResponses },
    }),
    async (c) => c.json(await getStaffCard(ctxOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/staff/{id}/card.png',
      tags,
      summary: "A staff member's card as PNG (`download=1` to save it)",
      request: { params: ZIdParam, query: ZStaffCardQuery },
      responses: { 200: pngContent('The card'), 304: notModified, ...errorResponses },
    }),
    async (c) => {
      const { templateId, download } = c.req.valid('query');
      const card = await renderStaffCard(ctxOf(c), c.req.valid('param').id, { templateId });
      const filename = `staff-card-${c.req.valid('param').id}.png`;
      return sendImage(
        c,
        card,
        'private, no-cache',
        download
          ? {
              'content-disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(`${card.staffName}-名片.png`)}`,
            }
          : {},
      );
    },
  );
}
