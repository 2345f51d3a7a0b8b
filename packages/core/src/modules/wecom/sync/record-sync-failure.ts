import { ChannelError } from '@pond/channels';
import { and, eq } from 'drizzle-orm';
import { type Deps, systemActor, withActor } from '../../../context.ts';
import { AppError } from '../../../lib/errors.ts';
import { isRetryable } from '../../../lib/retry-later.ts';
import { wecomSyncRuns } from '../wecom.tables.ts';
import { decideRunFailure } from './sync-rules.ts';

/** Whether a failure of a sync run is worth retrying: WeCom busy or rate-limited, the database. */
function retryableError(error: unknown): boolean {
  if (error instanceof ChannelError) return error.retryable;
  if (error instanceof AppError) return isRetryable(error);
  return true;
}

function describe(error: unknown): string {
  if (error instanceof ChannelError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Records a failed attempt of a sync run: the error and one more attempt. A retryable failure
 * (WeCom busy or rate-limited, a timeout, the database) leaves the run running and returns
 * 'retry' — the job throws so the queue backs off, and the sweep picks it up if the job is gone;
 * anything else, or too many attempts in a row, fails the run with the message.
 * @example
 * if ((await recordSyncFailure(deps, { tenantId, runId }, error)) === 'retry') throw error;
 */
export async function recordSyncFailure(
  deps: Deps,
  input: { tenantId: number; runId: number },
  error: unknown,
): Promise<'retry' | 'fail'> {
  const ctx = withActor(deps, systemActor(input.tenantId));
  const where = and(
    eq(wecomSyncRuns.tenantId, input.tenantId),
    eq(wecomSyncRuns.id, input.runId),
    eq(wecomSyncRuns.status, 'running'),
  );
  const [run] = await ctx.db.select({ attempts: wecomSyncRuns.attempts }).from(wecomSyncRuns).where(where);
  if (!run) return 'fail';
  const attempts = run.attempts + 1;
  const decision = decideRunFailure({ retryable: retryableError(error), attempts });
  const message =
    decision === 'fail'
      ? `Stopped after ${attempts} attempt(s): ${describe(error)}. Fix the cause (see the WeCom setup guide), then start a reconcile.`
      : `Attempt ${attempts} failed, retrying: ${describe(error)}`;
  await ctx.db
    .update(wecomSyncRuns)
    .set({
      attempts,
      error: message,
      updatedAt: ctx.now(),
      ...(decision === 'fail' ? { status: 'failed', finishedAt: ctx.now() } : {}),
    })
    .where(where);
  deps.log.warn(
    { tenantId: input.tenantId, runId: input.runId, attempts, decision, err: describe(error) },
    'wecom sync attempt failed',
  );
  return decision;
}
