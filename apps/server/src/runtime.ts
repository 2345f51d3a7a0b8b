import type { Deps } from '@pond/core';

/**
 * Channels, jobs and background loops of a running process. Returns how to stop them.
 */
export async function registerRuntime(deps: Deps, options: { worker: boolean; pollingIntervalSeconds: number }) {
  await deps.queue.start();
  if (options.worker) await deps.queue.startWorkers({ pollingIntervalSeconds: options.pollingIntervalSeconds });
  return {
    stop: async () => {
      await deps.queue.stop();
    },
  };
}
