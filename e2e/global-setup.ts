// Starts the real server once for all browser flows: `pond start` on a free port with a fresh data
// directory (so it seeds the demo tenant `demo`), waits for /api/health, and stops it afterwards.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  // Module augmentation needs an interface: this is how vitest types `inject('baseUrl')`.
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));
const artifactsDir = join(root, 'e2e/artifacts');
const STARTUP_TIMEOUT_MS = 180_000;

const freePort = () =>
  new Promise<number>((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });

const exited = (child: ChildProcess, ms: number) =>
  new Promise<boolean>((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolveExit(true);
    const timer = setTimeout(() => resolveExit(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit(true);
    });
  });

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The server serves apps/console/dist; make sure it is the console of these sources.
  execFileSync('node', ['scripts/build-console-if-stale.mjs'], { cwd: root, stdio: 'inherit' });
  mkdirSync(artifactsDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'pond-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logPath = join(artifactsDir, 'server.log');
  const log = createWriteStream(logPath);
  const child = spawn(process.execPath, ['apps/server/bin/pond.mjs', 'start'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', POND_DATA_DIR: dataDir, POND_SEED_CUSTOMERS: '2000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      // SIGTERM closes PGlite cleanly; a server that hangs is killed.
      if (!(await exited(child, 15_000))) {
        child.kill('SIGKILL');
        await exited(child, 5_000);
      }
    }
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  };

  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(
        `pond start exited with ${child.exitCode} before it was healthy:\n${readFileSync(logPath, 'utf8').slice(-2000)}`,
      );
    }
    if (Date.now() - t0 > STARTUP_TIMEOUT_MS) {
      await stop();
      throw new Error(`pond start was not healthy after ${STARTUP_TIMEOUT_MS / 1000} s; see ${logPath}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`e2e: pond start healthy at ${baseUrl} after ${((Date.now() - t0) / 1000).toFixed(1)} s (log: ${logPath})`);
  project.provide('baseUrl', baseUrl);
  return stop;
}
