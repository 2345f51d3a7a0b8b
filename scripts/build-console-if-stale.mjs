// Builds the console and the H5 pages only when their dist is missing or older than their sources,
// so `npm start` and the e2e suite skip the Vite build when nothing changed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The newest file under `path` (a file or a folder), as [mtimeMs, path]. */
function newest(path) {
  if (!existsSync(path)) return [0, path];
  const stat = statSync(path);
  if (!stat.isDirectory()) return [stat.mtimeMs, path];
  let best = [0, path];
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const found = newest(join(path, entry));
    if (found[0] > best[0]) best = found;
  }
  return best;
}

// Builds one web app (apps/console, apps/h5) when its dist is missing or older than its sources.
function buildIfStale(name) {
  const app = join(root, 'apps', name);
  const built = join(app, 'dist/index.html');
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'].map((p) => join(app, p));
  const [sourceTime, sourcePath] = inputs.map(newest).reduce((a, b) => (b[0] > a[0] ? b : a));
  const builtTime = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (builtTime > sourceTime) {
    console.log(`${name}: apps/${name}/dist is up to date.`);
    return;
  }
  console.log(
    builtTime
      ? `${name}: ${relative(root, sourcePath)} changed since the last build; rebuilding…`
      : `${name}: not built yet; building…`,
  );
  execFileSync('npm', ['run', 'build', '-w', `apps/${name}`], { cwd: root, stdio: 'inherit' });
}

buildIfStale('console');
buildIfStale('h5');
