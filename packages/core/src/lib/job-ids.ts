import { createHash } from 'node:crypto';

/**
 * A UUID derived from `key`, for a job id that must be the same for the same work: the queue
 * ignores a second job with an id it already holds, so two sweeps cannot both enqueue it.
 * @example
 * await queue.send('inbox.process', data, { id: deterministicJobId(`inbox:${tenantId}:${id}:${slot}`) });
 */
export function deterministicJobId(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  // Shaped as a version-5-like UUID (the version and variant bits set), which pg-boss accepts.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
