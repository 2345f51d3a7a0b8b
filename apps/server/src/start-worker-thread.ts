import { Worker } from 'node:worker_threads';
import { intakeCounts } from '@pond/core';

export type TWorkerThread = { stop: () => Promise<void> };

/**
 * Starts the jobs of `pond start` in a worker thread (PostgreSQL only: the embedded database
 * belongs to one thread) and resolves once its workers poll. If the thread dies, the process
 * exits with an error rather than run on without its jobs.
 * @example
 * const jobs = await startWorkerThread(); … await jobs.stop();
 */
export async function startWorkerThread(): Promise<TWorkerThread> {
  const worker = new Worker(new URL('./worker-thread-entry.mjs', import.meta.url), {
    workerData: { intake: intakeCounts() },
  });
  let stopping = false;
  worker.on('error', (error) => {
    console.error(`The job worker thread failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  });
  worker.on('exit', (code) => {
    if (stopping) return;
    console.error(`The job worker thread exited (code ${code}).`);
    process.exit(1);
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(`worker thread: ${String(m)}`))));
  });
  return {
    stop: async () => {
      stopping = true;
      const stopped = new Promise<void>((resolve) => worker.once('message', () => resolve()));
      worker.postMessage('stop');
      // Its jobs get as long as the queue's graceful stop allows, then the thread is ended.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([stopped, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
