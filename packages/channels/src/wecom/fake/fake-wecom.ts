import { createCallbackHub } from './fake-callbacks.ts';
import { createFakeControl, type FakeWecomControl } from './fake-control.ts';
import { createFakeClock, type FakeConfig } from './fake-core.ts';
import { createFakeRoutes } from './fake-routes.ts';
import { startFakeHttp } from './fake-server.ts';
import { createFakeState, type FakeWecomState } from './fake-state.ts';

export type FakeWecomOptions = {
  // The corp id (receive id of callbacks). Default 'wwfakecorp000001'.
  corpId?: string;
  // Valid secrets by label, e.g. { contact: '…', app: '…' }; any of them gets a token.
  secrets?: Record<string, string>;
  // access_token lifetime (default 7200 s, like WeCom).
  tokenTtlSec?: number;
  // Port to listen on (default: any free port), on 127.0.0.1.
  port?: number;
  // Callback retry timing (WeCom: wait 5 s, 3 attempts in all).
  callbackTimeoutMs?: number;
  callbackAttempts?: number;
  callbackRetryDelayMs?: number;
};

export type FakeWecom = {
  // e.g. http://127.0.0.1:4010/cgi-bin — give it to the client as baseUrl (or POND_WECOM_API_BASE).
  baseUrl: string;
  corpId: string;
  secrets: Record<string, string>;
  // The live state (same object as control.state).
  readonly state: FakeWecomState;
  control: FakeWecomControl;
  close(): Promise<void>;
};

export const FAKE_WECOM_DEFAULTS = {
  corpId: 'wwfakecorp000001',
  secrets: { contact: 'fake-contact-secret-0000000000000000000000', app: 'fake-app-secret-00000000000000000000000000' },
};

/**
 * Starts a fake WeCom server for tests: documented request/response shapes, in-memory state,
 * expiring tokens, limits, injected failures, and signed encrypted callbacks to Pond.
 * @example
 * const wecom = await startFakeWecom();
 * wecom.control.addStaff({ userid: 'zhangsan' });
 * const client = createWecomClient({ corpId: wecom.corpId, secret: wecom.secrets.contact, baseUrl: wecom.baseUrl });
 * // …
 * await wecom.close();
 */
export async function startFakeWecom(options: FakeWecomOptions = {}): Promise<FakeWecom> {
  const corpId = options.corpId ?? FAKE_WECOM_DEFAULTS.corpId;
  const secrets = options.secrets ?? { ...FAKE_WECOM_DEFAULTS.secrets };
  const config: FakeConfig = {
    tokenTtlSec: options.tokenTtlSec ?? 7200,
    rateLimitPerMinute: null,
    monthlyMassLimit: null,
    robotPerMinute: 20,
  };
  const clock = createFakeClock();
  const stateRef = { current: createFakeState(corpId), fresh: () => createFakeState(corpId) };
  const http = await startFakeHttp({
    corpId,
    secrets,
    state: () => stateRef.current,
    config,
    clock,
    routes: createFakeRoutes(),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  const hub = createCallbackHub({
    corpId,
    now: clock.now,
    ...(options.callbackTimeoutMs !== undefined ? { timeoutMs: options.callbackTimeoutMs } : {}),
    ...(options.callbackAttempts !== undefined ? { attempts: options.callbackAttempts } : {}),
    ...(options.callbackRetryDelayMs !== undefined ? { retryDelayMs: options.callbackRetryDelayMs } : {}),
  });
  const control = createFakeControl({ corpId, state: stateRef, config, clock, http, hub });
  return {
    baseUrl: http.baseUrl,
    corpId,
    secrets,
    get state() {
      return stateRef.current;
    },
    control,
    close: async () => {
      await hub.idle();
      await http.close();
    },
  };
}
