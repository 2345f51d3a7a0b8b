import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Lowers the scheduling priority of the calling thread alone to `nice` (0 normal … 19 lowest)
 * unless it is already that low.
 * On Linux the nice value is a per-thread attribute, set through the thread's id, which
 * `/proc/thread-self` names. Returns that id, or null where there is no such file (other
 * platforms: nothing changes).
 * @example
 * lowerThisThreadPriority(10); // in a worker thread: the other threads keep their priority
 */
export function lowerThisThreadPriority(nice: number): number | null {
  let tid: number;
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
  } catch {
    return null;
  }
  if (!Number.isInteger(tid) || tid <= 0) return null;
  // Never raises it (that needs privileges): a process started with `nice 15` stays at 15.
  if (getPriority(tid) < nice) setPriority(tid, nice);
  return tid;
}
