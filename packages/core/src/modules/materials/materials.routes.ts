import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type App, type AppEnv, ctxOf, publicCtx } from '../../http/app-env.ts';
import { etagMatches, notModified } from '../../http/image-response.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZErrorResponse, ZIdParam } from '../../http/openapi.ts';
import { AppError } from '../../lib/errors.ts';
import { zPage } from '../../lib/paging.ts';
import { createMaterial } from './create-material.ts';
import { getMaterialFile, getPublicMaterialFile, type TMaterialFile } from './get-material-file.ts';
import { getMaterial, listMaterials, listMaterialTags } from './list-materials.ts';
import {
  createMaterialFolder,
  deleteMaterialFolder,
  listMaterialFolders,
  updateMaterialFolder,
} from './manage-material-folders.ts';
import {
  ZCreateMaterialFolderRequest,
  ZCreateMaterialRequest,
  ZListMaterialsQuery,
  ZMaterial,
  ZMaterialFolder,
  ZUpdateMaterialFolderRequest,
  ZUpdateMaterialRequest,
  ZUploadMaterialFields,
} from './materials.schemas.ts';
import { deleteMaterial, markMaterialUsed, updateMaterial } from './update-material.ts';
import { uploadMaterial } from './upload-material.ts';
import { ALLOWED_EXTENSIONS } from './upload-rules.ts';

const fileContent = (description: string) => ({
  description,
  headers: z.object({ etag: z.string(), 'cache-control': z.string() }),
  content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
});

const ZPublicFileParams = z.object({
  tenantId: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .openapi({ param: { name: 'tenantId', in: 'path' }, example: 1 }),
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .openapi({ param: { name: 'id', in: 'path' }, example: 12 }),
  sig: z
    .string()
    .regex(/^[A-Za-z0-9_-]{10,64}$/)
    .openapi({ param: { name: 'sig', in: 'path' }, description: 'The signature Pond put in the URL' }),
});

// RFC 5987: non-ASCII names (most Chinese file names) go in filename*.
const disposition = (name: string) =>
  `inline; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Bytes with their ETag; 304 when the client has them. */
function sendFile(c: Context<AppEnv>, file: TMaterialFile, cacheControl: string) {
  const headers = { etag: file.etag, 'cache-control': cacheControl };
  if (etagMatches(c.req.header('if-none-match'), file.etag)) return c.body(null, 304, headers);
  return c.body(new Uint8Array(file.bytes), 200, {
    ...headers,
    'content-type': file.contentType,
    'content-disposition': disposition(file.fileName),
    'x-content-type-options': 'nosniff',
  });
}

/** HTTP routes of the materials module (素材库). */
export function registerMaterialRoutes(app: App): void {
  const tags = ['materials'];

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/materials',
      tags,
      summary: 'Materials: search (title, description, tags), type, folder and tag filters, newest first',
      request: { query: ZListMaterialsQuery },
      responses: { 200: jsonContent(zPage(ZMaterial), 'A page of materials'), ...errorResponses },
    }),
    async (c) => c.json(await listMaterials(ctxOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/materials',
      tags,
      summary: 'Create a link card or a mini-program card (files are uploaded with /api/materials/upload)',
      request: { body: jsonBody(ZCreateMaterialRequest) },
      responses: { 201: jsonContent(ZMaterial, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createMaterial(ctxOf(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/materials/upload',
      tags,
      summary: 'Upload an image, video or file (checked by extension and content; WeCom’s size limits)',
      description: `multipart/form-data: \`file\` plus optional \`title\`, \`folderId\`, \`tags\` (comma-separated), \`description\`, \`poster\` ('true'). Allowed: ${ALLOWED_EXTENSIONS.join(', ')}; images and mp4 ≤ 10 MB, files ≤ 20 MB.`,
      request: {
        body: {
          description: 'The file in the field `file`, with its text fields',
          content: {
            'multipart/form-data': {
              schema: ZUploadMaterialFields.extend({ file: z.unknown().openapi({ type: 'string', format: 'binary' }) }),
            },
          },
        },
      },
      responses: {
        201: jsonContent(ZMaterial, 'Stored'),
        ...errorResponses,
        413: { description: 'Over the size limit of its type', content: { 'application/json': { schema: ZErrorResponse } } },
        415: {
          description: 'Not an allowed type, or the content is not what the name says',
          content: { 'application/json': { schema: ZErrorResponse } },
        },
      },
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!/^multipart\/form-data/i.test(type))
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data in the field `file`.');
      const { file, ...fields } = c.req.valid('form') as { file?: unknown } & z.infer<typeof ZUploadMaterialFields>;
      if (!(file instanceof File))
        throw new AppError('VALIDATION', 'No file in the field `file`. Choose a file and upload again.');
      const bytes = new Uint8Array(await file.arrayBuffer());
      return c.json(await uploadMaterial(ctxOf(c), { name: file.name || 'upload', bytes }, fields), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/materials/tags',
      tags,
      summary: 'Every tag used in the library (for the tag filter)',
      responses: { 200: jsonContent(z.object({ items: z.array(z.string()) }), 'Tags, alphabetical'), ...errorResponses },
    }),
    async (c) => c.json(await listMaterialTags(ctxOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/materials/{id}',
      tags,
      summary: 'One material',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZMaterial, 'The material'), ...errorResponses },
    }),
    async (c) => c.json(await getMaterial(ctxOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/materials/{id}',
      tags,
      summary: 'Change title, folder, tags, description or card fields',
      request: { params: ZIdParam, body: jsonBody(ZUpdateMaterialRequest) },
      responses: { 200: jsonContent(ZMaterial, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateMaterial(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/materials/{id}',
      tags,
      summary: 'Delete a material (audited; content naming it then fails with a clear message)',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteMaterial(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/materials/{id}/used',
      tags,
      summary: 'Count one send of the material (the workbench calls it after a guide sends it)',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(z.object({ usageCount: z.number().int() }), 'The new count'), ...errorResponses },
    }),
    async (c) => c.json(await markMaterialUsed(ctxOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/materials/{id}/file',
      tags,
      summary: 'The bytes of an uploaded material (ETag)',
      request: { params: ZIdParam },
      responses: { 200: fileContent('The file'), 304: notModified, ...errorResponses },
    }),
    async (c) => sendFile(c, await getMaterialFile(ctxOf(c), c.req.valid('param').id), 'private, max-age=86400'),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/public/materials/{tenantId}/{id}/{sig}',
      tags: ['h5'],
      summary: 'The bytes of a material behind its signed public URL (what the channel fetches)',
      description: 'The URL comes from resolveContent; a wrong signature answers 404 like a missing material.',
      request: { params: ZPublicFileParams },
      responses: { 200: fileContent('The file'), 304: notModified, ...errorResponses },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const file = await getPublicMaterialFile(publicCtx(c, p.tenantId), p.id, p.sig);
      return sendFile(c, file, 'public, max-age=604800, immutable');
    },
  );

  const folderTags = ['materials'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/material-folders',
      tags: folderTags,
      summary: 'Material folders (a flat list with parentId) with their material counts',
      responses: { 200: jsonContent(z.object({ items: z.array(ZMaterialFolder) }), 'Folders'), ...errorResponses },
    }),
    async (c) => c.json(await listMaterialFolders(ctxOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/material-folders',
      tags: folderTags,
      summary: 'Create a folder (names are unique among siblings)',
      request: { body: jsonBody(ZCreateMaterialFolderRequest) },
      responses: { 201: jsonContent(ZMaterialFolder, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createMaterialFolder(ctxOf(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/material-folders/{id}',
      tags: folderTags,
      summary: 'Rename, move or reorder a folder',
      request: { params: ZIdParam, body: jsonBody(ZUpdateMaterialFolderRequest) },
      responses: { 200: jsonContent(ZMaterialFolder, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateMaterialFolder(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/material-folders/{id}',
      tags: folderTags,
      summary: 'Delete an empty folder (409 when it holds materials or subfolders)',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteMaterialFolder(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
