import { AppError } from './errors.ts';

/**
 * An error meaning "not yet": the event refers to something Pond has not heard of, which an event
 * still on its way may create (WeCom delivers late and out of order). The inbox retries it a few
 * times before recording it as failed; any other `AppError` fails the event at once.
 * @example
 * if (!group) throw retryLater(`Customer group ${chatId} is not known yet.`);
 */
export const retryLater = (message: string, details: Record<string, unknown> = {}) =>
  new AppError('NOT_FOUND', message, { ...details, retryable: true });

/** True for errors worth retrying: `retryLater` ones and anything that is not an `AppError` (database hiccups). */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof AppError)) return true;
  const details = error.details as { retryable?: unknown } | undefined;
  return details?.retryable === true;
}
