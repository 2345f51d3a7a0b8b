import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Real-browser flows against a real `pond start` (see global-setup.ts). One file at a time: they
// share the one server, and Chromium plus the server already fill this machine's two cores.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
