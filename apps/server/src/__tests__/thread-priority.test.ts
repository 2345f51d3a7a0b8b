import { existsSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

// Field 19 of /proc/<pid>/task/<tid>/stat is the nice value (fields counted after the command name).
const niceOf = (statPath: string) => Number(readFileSync(statPath, 'utf8').split(') ')[1]?.split(' ')[16]);

describe.runIf(existsSync('/proc/thread-self'))('lowerThisThreadPriority (Linux)', () => {
  it('lowers the calling worker thread alone: the process’s main thread keeps its priority', async () => {
    const before = niceOf('/proc/self/stat');
    const worker = new Worker(new URL('./fixtures/low-priority-thread.mjs', import.meta.url), { workerData: { nice: 10 } });
    try {
      const tid = (await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      })) as number;
      expect(tid).toBeGreaterThan(0);
      expect(tid).not.toBe(process.pid);
      expect(niceOf(`/proc/self/task/${tid}/stat`)).toBe(Math.max(before, 10));
      expect(niceOf('/proc/self/stat')).toBe(before);
    } finally {
      await worker.terminate();
    }
  });
});
