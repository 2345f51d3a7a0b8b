import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig, shareIntakeCounts } from '@pond/core';
import { boot } from './boot.ts';
import { registerRuntime } from './runtime.ts';
import { lowerThisThreadPriority } from './thread-priority.ts';

// The jobs of `pond start` on PostgreSQL, in a thread of their own (ADR 009): a job's synchronous
// stretches no longer hold up the HTTP thread's callbacks, and during a burst of callbacks the jobs
// still give way, reading the HTTP thread's intake counts from shared memory.
const JOB_THREAD_NICE = 10;

if (!parentPort) throw new Error('worker-thread.ts runs as a worker thread of `pond start`.');
const port = parentPort;
shareIntakeCounts((workerData as { intake: SharedArrayBuffer }).intake);
// Jobs are background work: when the cores are contended, the thread answering callbacks (and
// PostgreSQL) go first; on an idle machine the jobs still run at full speed.
lowerThisThreadPriority(JOB_THREAD_NICE);
const config = loadConfig(process.env);
// The main thread has applied the migrations; this thread's queue runs pg-boss's maintenance and
// cron clock (the main thread's does not).
const { deps, database } = await boot(config, { migrate: false });
const runtime = await registerRuntime(deps, { worker: true, pollingIntervalSeconds: config.POND_WORKER_POLL_SECONDS });
port.on('message', (message) => {
  if (message !== 'stop') return;
  void (async () => {
    await runtime.stop();
    await database.close();
    // The main thread terminates this one when it gets the message.
    port.postMessage('stopped');
  })();
});
port.postMessage('ready');
