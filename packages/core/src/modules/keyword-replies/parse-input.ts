import type { z } from '@hono/zod-openapi';
import { AppError } from '../../lib/errors.ts';

/** Parses `raw` with `schema`, throwing VALIDATION with the first issue (as the HTTP layer does). */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first?.path.length ? `${first.path.join('.')}: ` : '';
  throw new AppError('VALIDATION', `${where}${first?.message ?? 'invalid input'}. Correct it and try again.`);
}
