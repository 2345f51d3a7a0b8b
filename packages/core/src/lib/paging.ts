import { z } from '@hono/zod-openapi';

export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TPageQuery = z.infer<typeof ZPageQuery>;

export type TPage<T> = { items: T[]; total: number; page: number; pageSize: number };

export const pageOffset = (q: TPageQuery) => (q.page - 1) * q.pageSize;

/** The list response schema every paged endpoint returns. */
export const zPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
