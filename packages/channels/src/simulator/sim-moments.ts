// Pure rules of the virtual WeCom's moments (朋友圈) tasks, apart so they can be tested by table.
import { fnv1a } from './sim-rules.ts';

/** The share of staff members (in percent) who never publish a moments task. */
export const NEVER_PUBLISH_PERCENT = 20;
/** Staff who publish do so between 10 minutes and 3 hours after the task is created. */
export const MOMENT_PUBLISH_DELAY_MS = { min: 10 * 60_000, max: 3 * 3_600_000 } as const;

/**
 * When this staff member publishes this moments task, as a delay after its creation, or null for
 * the deterministic share who never publish. The same staff member is lazy on every task; the delay
 * varies by task.
 * @example
 * momentPublishDelayMs(1, 'simmoment_ab', 'wangfang') // 5_460_000 (or null)
 */
export function momentPublishDelayMs(tenantId: number, momentId: string, staffUserId: string): number | null {
  if (fnv1a(`moment:${tenantId}:${staffUserId}`) % 100 < NEVER_PUBLISH_PERCENT) return null;
  const span = MOMENT_PUBLISH_DELAY_MS.max - MOMENT_PUBLISH_DELAY_MS.min;
  return MOMENT_PUBLISH_DELAY_MS.min + (fnv1a(`${momentId}:${staffUserId}`) % (span / 60_000 + 1)) * 60_000;
}

/** Who has published a task created at `createdAt`, as of `now`. */
export function momentPublished(
  tenantId: number,
  momentId: string,
  staffUserIds: readonly string[],
  createdAt: Date,
  now: Date,
): { userId: string; published: boolean }[] {
  return staffUserIds.map((userId) => {
    const delay = momentPublishDelayMs(tenantId, momentId, userId);
    return { userId, published: delay !== null && createdAt.getTime() + delay <= now.getTime() };
  });
}
