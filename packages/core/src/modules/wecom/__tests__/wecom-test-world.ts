// Shared by the WeCom stats and sync tests: a test world whose tenant talks to a fake WeCom.
import { type FakeWecom, startFakeWecom } from '@pond/channels/wecom/fake/fake-wecom';
import { expect } from 'vitest';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';

/** The tenant's connection: values in the shapes WeCom's admin hands out. */
export const TEST_WECOM_CONNECTION = {
  corpId: 'ww0123456789abcdef',
  contactSecret: 'j8kmy0EXjk24XJBNS2K2NhxGUpxosOzGEZQ1AaV32KU',
  callbackToken: 'QDG6eK7tok',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

/** Starts a fake WeCom for `TEST_WECOM_CONNECTION`, points Pond's API base at it and creates the world. */
export async function startWecomTestWorld(): Promise<{ w: TestWorld; fake: FakeWecom }> {
  const { corpId, contactSecret } = TEST_WECOM_CONNECTION;
  const fake = await startFakeWecom({ corpId, secrets: { contact: contactSecret } });
  process.env.POND_WECOM_API_BASE = fake.baseUrl;
  try {
    return { w: await createTestWorld(), fake };
  } catch (error) {
    await stopWecomTestWorld(undefined, fake);
    throw error;
  }
}

/** Stops what `startWecomTestWorld` started (either may be missing when it failed). */
export async function stopWecomTestWorld(w: TestWorld | undefined, fake: FakeWecom | undefined) {
  await w?.deps.queue.stop();
  await w?.cleanup();
  await fake?.close();
  delete process.env.POND_WECOM_API_BASE;
}

/** Saves `TEST_WECOM_CONNECTION` through the console's route, as an admin does. */
export async function connectWecom(w: TestWorld) {
  const res = await w.request('PUT', '/api/wecom/connection', { as: 'admin', body: TEST_WECOM_CONNECTION });
  expect(res.status, await res.text()).toBe(200);
}

/** A response's JSON body after checking its status (the body is shown when the status differs). */
export async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}
