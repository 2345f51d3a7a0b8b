import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';

export const ZScriptCategory = z
  .object({
    id: z.number().int(),
    key: z.string().nullable().openapi({ description: 'Built-in categories: a stable key (pre_group, group_rules, …)' }),
    name: z.string(),
    nameEn: z.string().nullable(),
    sort: z.number().int(),
    scriptCount: z.number().int(),
  })
  .openapi('ScriptCategory');
export type TScriptCategory = z.infer<typeof ZScriptCategory>;

export const ZCreateScriptCategoryRequest = z
  .object({
    name: z.string().trim().min(1, 'a name is needed').max(32),
    nameEn: z.string().trim().max(64).nullable().optional(),
    sort: z.number().int().min(0).max(10_000).default(100),
  })
  .openapi('CreateScriptCategoryRequest');
export type TCreateScriptCategoryRequest = z.input<typeof ZCreateScriptCategoryRequest>;

export const ZUpdateScriptCategoryRequest = z
  .object({
    name: z.string().trim().min(1).max(32).optional(),
    nameEn: z.string().trim().max(64).nullable().optional(),
    sort: z.number().int().min(0).max(10_000).optional(),
  })
  .openapi('UpdateScriptCategoryRequest');
export type TUpdateScriptCategoryRequest = z.infer<typeof ZUpdateScriptCategoryRequest>;

export const ZScript = z
  .object({
    id: z.number().int(),
    categoryId: z.number().int(),
    title: z.string(),
    body: z.string().openapi({ description: 'Text with {{customer_name}}, {{staff_name}}, {{store_name}}, {{group_name}}' }),
    materialIds: z.array(z.number().int()),
    tags: z.array(z.string()),
    enabled: z.boolean(),
    usageCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Script');
export type TScript = z.infer<typeof ZScript>;

const tagList = z
  .array(z.string().trim().min(1).max(32))
  .max(20)
  .transform((tags) => [...new Set(tags)]);

const uniqueIds = z
  .array(z.number().int().positive())
  .max(9, 'at most 9 materials')
  .refine((ids) => new Set(ids).size === ids.length, 'each material once');

export const ZCreateScriptRequest = z
  .object({
    categoryId: z.number().int().positive(),
    title: z.string().trim().min(1, 'a title is needed').max(64),
    body: z.string().trim().min(1, 'the script needs text').max(4000),
    materialIds: uniqueIds.default([]),
    tags: tagList.default([]),
    enabled: z.boolean().default(true),
  })
  .openapi('CreateScriptRequest');
export type TCreateScriptRequest = z.input<typeof ZCreateScriptRequest>;

export const ZUpdateScriptRequest = z
  .object({
    categoryId: z.number().int().positive().optional(),
    title: z.string().trim().min(1).max(64).optional(),
    body: z.string().trim().min(1).max(4000).optional(),
    materialIds: uniqueIds.optional(),
    tags: tagList.optional(),
    enabled: z.boolean().optional(),
  })
  .openapi('UpdateScriptRequest');
export type TUpdateScriptRequest = z.infer<typeof ZUpdateScriptRequest>;

export const ZListScriptsQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional().openapi({ description: 'Searches title, body and tags' }),
  categoryId: z.coerce.number().int().positive().optional(),
  enabled: z.enum(['true', 'false']).optional(),
  sort: z.enum(['recent', 'usage']).default('recent').openapi({ description: 'recent: newest first; usage: most used first' }),
});
export type TListScriptsQuery = z.infer<typeof ZListScriptsQuery>;

export const ZRenderScriptRequest = z
  .object({ customerId: z.number().int().positive().optional() })
  .openapi('RenderScriptRequest');

export const ZRenderedScript = z
  .object({
    id: z.number().int(),
    text: z.string(),
    materialIds: z.array(z.number().int()),
    variables: z.record(z.string(), z.string()).openapi({ description: 'The values used' }),
  })
  .openapi('RenderedScript');
export type TRenderedScript = z.infer<typeof ZRenderedScript>;
