// Entry of the worker thread `pond start` runs on PostgreSQL: the TypeScript sources through tsx,
// as in bin/pond.mjs (a thread does not inherit the main thread's loader).
import { register } from 'tsx/esm/api';

register();
await import('./worker-thread.ts');
