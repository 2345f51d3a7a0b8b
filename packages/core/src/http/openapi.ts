import { z } from '@hono/zod-openapi';

/** The one error shape every failure uses. */
export const ZErrorResponse = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION' }),
      message: z.string().openapi({ example: 'name: Required. Fill it in and try again.' }),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

const errorContent = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZErrorResponse } },
});

/** The errors every authenticated route can return, for the OpenAPI document. */
export const errorResponses = {
  400: errorContent('Invalid input'),
  401: errorContent('Not logged in'),
  403: errorContent('Not allowed for your role or data scope'),
  404: errorContent('Not found'),
  409: errorContent('Conflict with existing data'),
  429: errorContent('Too many requests'),
} as const;

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const ZIdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const noContent = { description: 'Done' } as const;
