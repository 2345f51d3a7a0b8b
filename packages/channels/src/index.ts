export * from './channel.ts';
export * from './simulator/sim-actions.ts';
