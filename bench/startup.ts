// Startup benchmark: the first `pond start` on an empty data directory (migrations + demo seed)
// and a restart on the same directory, measured to the first healthy answer, side by side.
// Usage: npm run bench -- startup [--customers 30000]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '30000' } } });

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function startOnce(dataDir: string, port: number): Promise<{ ms: number; child: ChildProcess; rssMb: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['apps/server/bin/pond.mjs', 'start'], {
    env: {
      ...process.env,
      PORT: String(port),
      POND_DATA_DIR: dataDir,
      POND_SEED_CUSTOMERS: values.customers,
      POND_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.resume();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pond start exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const ms = performance.now() - t0;
  const { readFileSync } = await import('node:fs');
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { ms, child, rssMb: Math.round(rssKb / 1024) };
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

const dataDir = mkdtempSync(join(tmpdir(), 'pond-bench-startup-'));
try {
  const port = await freePort();
  const first = await startOnce(dataDir, port);
  await stop(first.child);
  const second = await startOnce(dataDir, port);
  await stop(second.child);
  console.log(`startup (${values.customers} demo customers, PGlite, ${process.version})`);
  console.log('| run | ready (s) | RSS (MB) |');
  console.log('|---|---|---|');
  console.log(`| first start (migrate + seed) | ${(first.ms / 1000).toFixed(1)} | ${first.rssMb} |`);
  console.log(`| restart | ${(second.ms / 1000).toFixed(1)} | ${second.rssMb} |`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
