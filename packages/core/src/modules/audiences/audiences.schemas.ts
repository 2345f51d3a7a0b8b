import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';
import { type TAudienceExpression, ZAudienceExpression } from './audience-expression.ts';

// The expression schema is recursive (and checks its shape before parsing), so the OpenAPI
// document describes it as an object with the grammar in words.
export const ZAudienceExpressionBody = (ZAudienceExpression as unknown as z.ZodType<TAudienceExpression>).openapi({
  type: 'object',
  description:
    'An audience expression: {"all":[E…]} · {"any":[E…]} · {"not":E} · {"tag":"<id>"} · {"untaggedIn":"<tagGroupId>"} · ' +
    '{"store":"<id>"} · {"staff":"<id>"} · {"inGroup":"<groupId>"} · {"addedBetween":["<iso>","<iso>"]} · ' +
    '{"attr":"<field|order_count|total_spent|last_order_date>","op":"eq|ne|gt|gte|lt|lte|in","value":…}',
  example: { all: [{ tag: '12' }, { not: { untaggedIn: '3' } }] },
});

export const ZPreviewAudienceRequest = z
  .object({
    expression: ZAudienceExpressionBody,
    // Count soft-deleted customers too (default: they are in no audience).
    includeDeleted: z.boolean().default(false),
  })
  .openapi('PreviewAudienceRequest');
export type TPreviewAudienceRequest = z.input<typeof ZPreviewAudienceRequest>;

export const ZAudienceSampleCustomer = z
  .object({ id: z.number().int(), name: z.string(), avatar: z.string().nullable(), storeId: z.number().int().nullable() })
  .openapi('AudienceSampleCustomer');

export const ZAudiencePreview = z
  .object({ count: z.number().int(), sample: z.array(ZAudienceSampleCustomer) })
  .openapi('AudiencePreview');
export type TAudiencePreview = z.infer<typeof ZAudiencePreview>;

const name = z.string().trim().min(1, 'a name is needed').max(60, 'at most 60 characters');
const description = z.string().trim().max(500, 'at most 500 characters');

export const ZCreateAudienceRequest = z
  .object({ name, description: description.default(''), expression: ZAudienceExpressionBody })
  .openapi('CreateAudienceRequest');
export type TCreateAudienceRequest = z.input<typeof ZCreateAudienceRequest>;

export const ZUpdateAudienceRequest = z
  .object({ name: name.optional(), description: description.optional(), expression: ZAudienceExpressionBody.optional() })
  .openapi('UpdateAudienceRequest');
export type TUpdateAudienceRequest = z.input<typeof ZUpdateAudienceRequest>;

export const ZAudience = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    expression: z.record(z.string(), z.unknown()).openapi({ type: 'object', description: 'The expression as saved' }),
    // Members within the caller's scope now (deleted customers left out).
    count: z.number().int(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Audience');
export type TAudience = z.infer<typeof ZAudience>;

export const ZListAudiencesQuery = ZPageQuery.extend({
  q: z.string().trim().max(60).optional().openapi({ description: 'Part of the name' }),
});
export type TListAudiencesQuery = z.infer<typeof ZListAudiencesQuery>;
