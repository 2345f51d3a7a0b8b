// `npm run bench -- <name> [args]`: runs bench/<name>.ts, which prints its figures.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const [name, ...args] = process.argv.slice(2);
const available = readdirSync(new URL('../bench/', import.meta.url))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <name>\nBenchmarks: ${available.join(', ') || '(none)'}`);
  process.exit(1);
}
const file = new URL(`../bench/${name}.ts`, import.meta.url).pathname;
if (!existsSync(file)) process.exit(1);
const res = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], { stdio: 'inherit' });
process.exit(res.status ?? 1);
