// Builds the console (apps/console/dist) only when it is missing or older than its sources, so
// `npm start` and the e2e suite skip the Vite build when nothing changed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const app = join(root, 'apps/console');
const built = join(app, 'dist/index.html');
const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'].map((p) => join(app, p));

/** The newest file under `path` (a file or a folder), as [mtimeMs, path]. */
function newest(path) {
  if (!existsSync(path)) return [0, path];
  const stat = statSync(path);
  if (!stat.isDirectory()) return [stat.mtimeMs, path];
  let best = [0, path];
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    const found = newest(join(path, entry));
    if (found[0] > best[0]) best = found;
  }
  return best;
}

const [sourceTime, sourcePath] = inputs.map(newest).reduce((a, b) => (b[0] > a[0] ? b : a));
const builtTime = existsSync(built) ? statSync(built).mtimeMs : 0;
if (builtTime > sourceTime) {
  console.log('console: apps/console/dist is up to date.');
} else {
  console.log(
    builtTime
      ? `console: ${relative(root, sourcePath)} changed since the last build; rebuilding…`
      : 'console: not built yet; building…',
  );
  execFileSync('npm', ['run', 'build', '-w', 'apps/console'], { cwd: root, stdio: 'inherit' });
}
