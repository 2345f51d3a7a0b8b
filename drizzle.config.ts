import { defineConfig } from 'drizzle-kit';

// Every module's tables; migrations are generated from them with `npm run db:generate`.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./packages/core/src/modules/*/*.tables.ts', './packages/channels/src/*/*.tables.ts'],
  out: './packages/db/migrations',
});
