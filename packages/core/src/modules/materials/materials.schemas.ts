import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';

export const MATERIAL_TYPES = ['image', 'video', 'file', 'link', 'miniprogram', 'poster'] as const;
export const ZMaterialType = z.enum(MATERIAL_TYPES);
export type TMaterialType = z.infer<typeof ZMaterialType>;

const tagList = z
  .array(z.string().trim().min(1).max(32))
  .max(20)
  .transform((tags) => [...new Set(tags)])
  .openapi({ description: 'Free tags for search (at most 20, each ≤ 32 characters)', example: ['新品', '夏季'] });

export const ZMaterial = z
  .object({
    id: z.number().int(),
    type: ZMaterialType,
    title: z.string(),
    folderId: z.number().int().nullable(),
    tags: z.array(z.string()),
    description: z.string().nullable(),
    linkUrl: z.string().nullable().openapi({ description: 'link: the page opened' }),
    picUrl: z.string().nullable().openapi({ description: 'link / miniprogram: the cover image URL' }),
    appId: z.string().nullable().openapi({ description: 'miniprogram: AppID' }),
    pagePath: z.string().nullable().openapi({ description: 'miniprogram: page path' }),
    fileName: z.string().nullable().openapi({ description: 'Uploaded files: the original name' }),
    mimeType: z.string().nullable(),
    byteSize: z.number().int().nullable(),
    fileUrl: z
      .string()
      .nullable()
      .openapi({ description: 'Uploaded files: the bytes for logged-in users (`/api/materials/{id}/file`)' }),
    usageCount: z.number().int().openapi({ description: 'How many sends used it' }),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Material');
export type TMaterial = z.infer<typeof ZMaterial>;

export const ZListMaterialsQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional().openapi({ description: 'Searches title, description and tags' }),
  type: ZMaterialType.optional(),
  folderId: z.coerce.number().int().min(0).optional().openapi({ description: 'Only this folder (0: materials in no folder)' }),
  tag: z.string().trim().max(32).optional().openapi({ description: 'Only materials with this tag' }),
  ids: z
    .string()
    .regex(/^\d+(,\d+){0,49}$/)
    .optional()
    .openapi({ description: 'Only these ids (comma-separated, ≤ 50): pickers show chosen materials' }),
});
export type TListMaterialsQuery = z.infer<typeof ZListMaterialsQuery>;

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'an http(s) URL');

const common = {
  title: z.string().trim().min(1, 'a title is needed').max(128),
  folderId: z.number().int().positive().nullable().optional(),
  tags: tagList.optional(),
  description: z.string().trim().max(512).nullable().optional(),
};

/** Link and mini-program cards are made from fields; images, videos and files are uploaded. */
export const ZCreateMaterialRequest = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('link'), ...common, linkUrl: httpUrl, picUrl: httpUrl.nullable().optional() }),
    z.object({
      type: z.literal('miniprogram'),
      ...common,
      title: z.string().trim().min(1, 'a title is needed').max(64),
      appId: z
        .string()
        .trim()
        .regex(/^wx[0-9a-f]{16}$/i, 'a mini-program AppID like wx1234567890abcdef'),
      pagePath: z.string().trim().min(1, 'a page path is needed').max(1024),
      picUrl: httpUrl.nullable().optional(),
    }),
  ])
  .openapi('CreateMaterialRequest');
export type TCreateMaterialRequest = z.infer<typeof ZCreateMaterialRequest>;

export const ZUpdateMaterialRequest = z
  .object({
    title: common.title.optional(),
    folderId: common.folderId,
    tags: tagList.optional(),
    description: common.description,
    linkUrl: httpUrl.optional().openapi({ description: 'link only' }),
    picUrl: httpUrl.nullable().optional().openapi({ description: 'link / miniprogram only' }),
    appId: z
      .string()
      .trim()
      .regex(/^wx[0-9a-f]{16}$/i, 'a mini-program AppID like wx1234567890abcdef')
      .optional(),
    pagePath: z.string().trim().min(1).max(1024).optional(),
  })
  .openapi('UpdateMaterialRequest');
export type TUpdateMaterialRequest = z.infer<typeof ZUpdateMaterialRequest>;

/** The text fields of an upload (multipart/form-data). */
export const ZUploadMaterialFields = z.object({
  title: z.string().trim().max(128).optional(),
  folderId: z.coerce.number().int().positive().optional(),
  tags: z.string().max(1000).optional().openapi({ description: 'Comma-separated tags (or a JSON array)' }),
  description: z.string().trim().max(512).optional(),
  poster: z.enum(['true', 'false']).optional().openapi({ description: "'true' stores an image as a poster (海报)" }),
});
export type TUploadMaterialFields = z.infer<typeof ZUploadMaterialFields>;

export const ZMaterialFolder = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    name: z.string(),
    sort: z.number().int(),
    materialCount: z.number().int().openapi({ description: 'Materials directly in this folder' }),
  })
  .openapi('MaterialFolder');
export type TMaterialFolder = z.infer<typeof ZMaterialFolder>;

export const ZCreateMaterialFolderRequest = z
  .object({
    name: z.string().trim().min(1, 'a name is needed').max(32),
    parentId: z.number().int().positive().nullable().optional(),
    sort: z.number().int().min(0).max(10_000).default(0),
  })
  .openapi('CreateMaterialFolderRequest');
export type TCreateMaterialFolderRequest = z.input<typeof ZCreateMaterialFolderRequest>;

export const ZUpdateMaterialFolderRequest = z
  .object({
    name: z.string().trim().min(1).max(32).optional(),
    parentId: z.number().int().positive().nullable().optional(),
    sort: z.number().int().min(0).max(10_000).optional(),
  })
  .openapi('UpdateMaterialFolderRequest');
export type TUpdateMaterialFolderRequest = z.infer<typeof ZUpdateMaterialFolderRequest>;
