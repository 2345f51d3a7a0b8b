import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { giveWayToIntake, intakeBusy, intakeCounts, noteIntake } from '../intake-pressure.ts';

describe('giveWayToIntake', () => {
  afterEach(() => vi.useRealTimers());

  it('is quiet without callbacks, busy at 25 in a window, and quiet again two windows later', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    expect(intakeBusy()).toBe(false);
    noteIntake(24);
    expect(intakeBusy()).toBe(false);
    noteIntake(1);
    expect(intakeBusy()).toBe(true);
    vi.advanceTimersByTime(300);
    // The previous window still counts…
    expect(intakeBusy()).toBe(true);
    vi.advanceTimersByTime(300);
    // …but not the one before it.
    expect(intakeBusy()).toBe(false);
  });

  it('runs jobs as they come when quiet, one at a time with a pause after each when busy', async () => {
    vi.useFakeTimers({ now: 2_000_000, toFake: ['Date'] });
    const log: string[] = [];
    const job = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      return name;
    };
    // Quiet: both start at once.
    const quiet = Promise.all([giveWayToIntake(job('a', 20)), giveWayToIntake(job('b', 20))]);
    expect(log).toEqual(['start a', 'start b']);
    await quiet;
    log.length = 0;
    noteIntake(100);
    const started = performance.now();
    const busy = await Promise.all([giveWayToIntake(job('c', 30)), giveWayToIntake(job('d', 30))]);
    expect(busy).toEqual(['c', 'd']);
    expect(log).toEqual(['start c', 'end c', 'start d', 'end d']);
    // Two 30 ms jobs, each followed by a pause three times as long as itself: ≥ 2 × (30 + 90) ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(230);
  });

  it('a failing job fails its caller and does not block the next', async () => {
    noteIntake(100);
    const failing = giveWayToIntake(async () => {
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    await expect(giveWayToIntake(async () => 'next')).resolves.toBe('next');
  });

  it('a worker thread given the counts sees the bursts this thread takes in', async () => {
    const worker = new Worker(new URL('./fixtures/intake-thread.mjs', import.meta.url), {
      workerData: { intake: intakeCounts() },
    });
    try {
      const answer = () => new Promise((resolve) => worker.once('message', resolve));
      expect(await answer()).toBe('ready');
      // Two windows later nothing noted earlier counts.
      await new Promise((r) => setTimeout(r, 600));
      worker.postMessage('busy?');
      expect(await answer()).toBe(false);
      noteIntake(30);
      worker.postMessage('busy?');
      expect(await answer()).toBe(true);
    } finally {
      await worker.terminate();
    }
  });
});
