import { z } from '@hono/zod-openapi';

export const ZTag = z
  .object({
    id: z.number().int(),
    groupId: z.number().int(),
    name: z.string(),
    source: z.string(),
    sort: z.number().int(),
    customerCount: z.number().int(),
  })
  .openapi('Tag');
export type TTag = z.infer<typeof ZTag>;

export const ZTagGroup = z
  .object({ id: z.number().int(), name: z.string(), sort: z.number().int(), tags: z.array(ZTag) })
  .openapi('TagGroup');
export type TTagGroup = z.infer<typeof ZTagGroup>;

const name = z.string().trim().min(1, 'a name is needed').max(30, 'at most 30 characters (WeCom’s limit)');

export const ZCreateTagGroupRequest = z
  .object({ name, sort: z.number().int().min(0).max(100_000).default(0), tags: z.array(name).max(100).default([]) })
  .openapi('CreateTagGroupRequest');
export const ZUpdateTagGroupRequest = z
  .object({ name: name.optional(), sort: z.number().int().min(0).max(100_000).optional() })
  .openapi('UpdateTagGroupRequest');
export const ZCreateTagRequest = z
  .object({ groupId: z.number().int().positive(), name, sort: z.number().int().min(0).max(100_000).default(0) })
  .openapi('CreateTagRequest');
export const ZUpdateTagRequest = z
  .object({ name: name.optional(), sort: z.number().int().min(0).max(100_000).optional() })
  .openapi('UpdateTagRequest');
export const ZTagCustomerRequest = z
  .object({ tagIds: z.array(z.number().int().positive()).min(1).max(100) })
  .openapi('TagCustomerRequest');

export type TCreateTagGroupRequest = z.input<typeof ZCreateTagGroupRequest>;
export type TUpdateTagGroupRequest = z.infer<typeof ZUpdateTagGroupRequest>;
export type TCreateTagRequest = z.input<typeof ZCreateTagRequest>;
export type TUpdateTagRequest = z.infer<typeof ZUpdateTagRequest>;
