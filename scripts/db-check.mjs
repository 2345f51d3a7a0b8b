// Fails when the Drizzle tables and the committed migrations disagree: runs `drizzle-kit check`
// (the migration history is consistent), then `drizzle-kit generate` into a temporary copy of the
// migrations folder — if that would write a new migration, someone changed a table without
// running `npm run db:generate`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { default: config } = await tsImport('../drizzle.config.ts', import.meta.url);
const migrations = resolve(root, config.out);
const drizzleKit = (args) =>
  execFileSync('npx', ['drizzle-kit', ...args], {
    cwd: root,
    // No stdin: a schema change that needs a rename answer fails here instead of waiting forever.
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 180_000,
  });

const fail = (message, output = '') => {
  console.error(`db:check failed: ${message}`);
  if (output) console.error(output.trim());
  process.exit(1);
};

try {
  drizzleKit(['check', '--config', 'drizzle.config.ts']);
} catch (error) {
  fail('drizzle-kit check found a problem in the committed migrations.', `${error.stdout ?? ''}${error.stderr ?? ''}`);
}

const tmp = mkdtempSync(join(tmpdir(), 'pond-db-check-'));
try {
  const out = join(tmp, 'migrations');
  cpSync(migrations, out, { recursive: true });
  const tmpConfig = join(tmp, 'drizzle.config.ts');
  // Schema globs stay relative to the repository (the cwd); only `out` moves — given relative too,
  // because drizzle-kit prefixes `./` to it when writing.
  writeFileSync(tmpConfig, `export default ${JSON.stringify({ ...config, out: relative(root, out) }, null, 2)};\n`);
  const before = new Set(readdirSync(out));
  let output = '';
  try {
    output = drizzleKit(['generate', '--config', tmpConfig]);
  } catch (error) {
    fail(
      'drizzle-kit generate could not run non-interactively; the tables probably changed (a rename?). Run `npm run db:generate` and commit the migration.',
      `${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
  }
  const added = readdirSync(out).filter((f) => !before.has(f));
  const journalChanged =
    readFileSync(join(out, 'meta/_journal.json'), 'utf8') !== readFileSync(join(migrations, 'meta/_journal.json'), 'utf8');
  if (added.length || journalChanged) {
    const sql = added.filter((f) => f.endsWith('.sql')).map((f) => `--- ${f}\n${readFileSync(join(out, f), 'utf8')}`);
    fail(
      `the tables differ from the committed migrations in ${relative(root, migrations)}. Run \`npm run db:generate\` and commit the new migration. It would contain:`,
      sql.join('\n') || output,
    );
  }
  console.log(`db:check: the tables match the committed migrations (${relative(root, migrations)}).`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
