import type { TConfig } from '@pond/core';

export async function runSim(_config: TConfig, _options: { days: number; speed: number }): Promise<number> {
  console.error('pond sim: the simulator runner is not wired yet.');
  return 1;
}
