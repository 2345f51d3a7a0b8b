import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every error code Pond returns, and the HTTP status each maps to. */
export const errorStatus = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  // Wrong username or password; deliberately does not say which.
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  // The same request was already applied — the caller may treat this as success.
  DUPLICATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  CHANNEL_ERROR: 502,
  INTERNAL: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type TErrorCode = keyof typeof errorStatus;

/**
 * The one error type module functions throw. The HTTP layer maps `code` to a status and renders
 * `{ error: { code, message, details } }`.
 * @example
 * throw new AppError('NOT_FOUND', 'Customer 42 does not exist. Check the id or refresh the list.');
 */
export class AppError extends Error {
  readonly code: TErrorCode;
  readonly details?: unknown;
  constructor(code: TErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): ContentfulStatusCode {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string, id: unknown) =>
  new AppError('NOT_FOUND', `${what} ${String(id)} was not found. Check the id, or refresh the list.`);
