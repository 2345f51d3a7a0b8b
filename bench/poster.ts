// Poster rendering benchmark: the first render in a fresh process (font loading included), renders
// of new inputs, disk-cache and memory-cache hits, for the built-in template and a tenant template
// (one database read for its version), plus the QR endpoint's renderer — side by side, with memory.
// Usage: npm run bench -- poster [--renders 40] [--hits 2000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor, withActor } from '@pond/core/context';
import { createDeps } from '@pond/core/deps';
import { tenants } from '@pond/core/modules/org/org.tables';
import { posterCaches } from '@pond/core/modules/posters/poster-cache';
import { BUILTIN_LAYOUT } from '@pond/core/modules/posters/poster-layout';
import { posterTemplates } from '@pond/core/modules/posters/posters.tables';
import { qrPng } from '@pond/core/modules/posters/qr-png';
import { renderPoster } from '@pond/core/modules/posters/render-poster';
import { createDatabase, runMigrations } from '@pond/db';

const { values } = parseArgs({
  options: { renders: { type: 'string', default: '40' }, hits: { type: 'string', default: '2000' } },
});
const RENDERS = Number(values.renders);
const HITS = Number(values.hits);

const mb = (n: number) => `${Math.round(n / 1024 / 1024)}`;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const fmt = (ms: number) => (ms < 1 ? ms.toFixed(3) : ms.toFixed(1));
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const dataDir = mkdtempSync(join(tmpdir(), 'pond-bench-poster-'));
const database = await createDatabase({ kind: 'pglite' });
try {
  await runMigrations(database);
  const deps = createDeps({ database, secret: 'bench-secret-bench-secret-bench-secret-01', dataDir });
  const [tenant] = await deps.db.insert(tenants).values({ slug: 'bench', name: 'Bench Tea' }).returning();
  if (!tenant) throw new Error('tenant not created');
  const ctx = withActor(deps, systemActor(tenant.id));
  const [template] = await deps.db
    .insert(posterTemplates)
    .values({
      tenantId: tenant.id,
      name: 'bench',
      uses: ['fission'],
      layout: { ...BUILTIN_LAYOUT, background: { kind: 'color', color: '#1677FF' } },
    })
    .returning();
  if (!template) throw new Error('template not created');
  const input = (i: number, templateId: number | null = null) => ({
    templateId,
    qrText: `https://pond.example.com/f/bench${String(i).padStart(6, '0')}`,
    title: '邀请 3 位好友，领取新人专享券',
    subtitle: '活动截止 12 月 31 日',
    name: `会员${i}`,
  });
  const stats = posterCaches(database).stats;
  const rssBefore = process.memoryUsage().rss;

  const cold = await timed(() => renderPoster(ctx, input(0)));
  const uncached: number[] = [];
  for (let i = 1; i <= RENDERS; i++) uncached.push(await timed(() => renderPoster(ctx, input(i))));
  const uncachedTemplate: number[] = [];
  for (let i = 1; i <= RENDERS; i++) uncachedTemplate.push(await timed(() => renderPoster(ctx, input(i, template.id))));

  const memory: number[] = [];
  for (let i = 0; i < HITS; i++) memory.push(await timed(() => renderPoster(ctx, input((i % RENDERS) + 1))));
  const memoryTemplate: number[] = [];
  for (let i = 0; i < HITS; i++) memoryTemplate.push(await timed(() => renderPoster(ctx, input((i % RENDERS) + 1, template.id))));

  // A restart: memory is empty, the posters are on disk.
  posterCaches(database).pngs.clear();
  const disk: number[] = [];
  for (let i = 1; i <= RENDERS; i++) disk.push(await timed(() => renderPoster(ctx, input(i))));

  // Twenty new posters requested at once (a campaign launch): wall time for all of them.
  const burstStart = performance.now();
  await Promise.all(Array.from({ length: 20 }, (_, i) => renderPoster(ctx, input(10_000 + i))));
  const burst = performance.now() - burstStart;

  const qr: number[] = [];
  for (let i = 0; i < RENDERS; i++) qr.push(await timed(() => qrPng(`https://pond.example.com/j/qr${i}`, { size: 360 })));

  const pngBytes = (await renderPoster(ctx, input(1))).png.length;
  const rssAfter = process.memoryUsage().rss;
  const caches = posterCaches(database);

  console.log(`poster rendering (750×1334 PNG ≈ ${Math.round(pngBytes / 1024)} kB, PGlite, ${process.version})`);
  console.log('| path | n | p50 (ms) | p95 (ms) | max (ms) |');
  console.log('|---|---|---|---|---|');
  console.log(`| first render in the process (font load) | 1 | ${fmt(cold)} | | |`);
  const row = (label: string, xs: number[]) =>
    console.log(`| ${label} | ${xs.length} | ${fmt(pct(xs, 50))} | ${fmt(pct(xs, 95))} | ${fmt(Math.max(...xs))} |`);
  row('new input, built-in template', uncached);
  row('new input, tenant template', uncachedTemplate);
  row('disk-cache hit (after a restart)', disk);
  row('memory-cache hit, built-in template', memory);
  row('memory-cache hit, tenant template (+ version read)', memoryTemplate);
  row('qrPng 360 px (uncached)', qr);
  console.log(`| 20 new posters at once (wall, all) | 20 | ${fmt(burst)} total | | |`);
  console.log('');
  console.log(
    `renders ${stats.renders}, memory hits ${stats.memoryHits}, disk hits ${stats.diskHits}; ` +
      `memory cache ${caches.pngs.size} posters / ${mb(caches.pngs.cost)} MB; ` +
      `process RSS ${mb(rssAfter)} MB (${mb(rssBefore)} MB before rendering; PGlite included), JS heap ${mb(process.memoryUsage().heapUsed)} MB, ` +
      `Buffers ${mb(process.memoryUsage().arrayBuffers)} MB`,
  );
} finally {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
