// Generates a migration for the difference between the tables and the committed migrations.
// `--name <name>` names it (default: the next number).
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
execFileSync('npx', ['drizzle-kit', 'generate', ...args], { stdio: 'inherit' });
