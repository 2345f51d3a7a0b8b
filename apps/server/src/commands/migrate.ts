import type { TConfig } from '@pond/core';
import { boot } from '../boot.ts';

export async function runMigrate(config: TConfig): Promise<number> {
  const { database, timings } = await boot(config);
  await database.close();
  console.log(`Migrations applied to ${database.kind} in ${Math.round(timings.migrate ?? 0)} ms.`);
  return 0;
}
