import { type Deps, giveWayToIntake, registerAllJobs, registerChannels, sweepInboxAtStart } from '@pond/core';

/**
 * Channels, jobs and background loops of a running process. Both roles register the channels and
 * the queues (registering creates the queues the API sends to); only the worker role polls.
 */
export async function registerRuntime(deps: Deps, options: { worker: boolean; pollingIntervalSeconds: number }) {
  registerChannels(deps);
  await deps.queue.start();
  await registerAllJobs(deps);
  // `pond start` also answers WeCom's callbacks: during a burst, jobs give way (on the same event
  // loop with PGlite; from the worker thread, reading the shared intake counts, on PostgreSQL).
  if (options.worker) {
    await deps.queue.startWorkers({ pollingIntervalSeconds: options.pollingIntervalSeconds, around: giveWayToIntake });
    // Events acknowledged just before a crash may have no job yet: enqueue them now.
    const swept = await sweepInboxAtStart(deps);
    if (swept > 0) deps.log.info({ events: swept }, 'inbox: pending events enqueued at start');
  }
  return {
    stop: async () => {
      await deps.queue.stop();
    },
  };
}
