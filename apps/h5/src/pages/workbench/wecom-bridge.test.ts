import { describe, expect, it } from 'vitest';
import { prepareWecomSidebar, type TBridgeEnv, type TSidebarSignatures } from './wecom-bridge.ts';

const SIGNED: TSidebarSignatures = {
  corpId: 'ww0123456789abcdef',
  agentId: '1000002',
  config: { timestamp: 1767225600, nonceStr: 'n1', signature: 'sig-config' },
  agentConfig: { timestamp: 1767225601, nonceStr: 'n2', signature: 'sig-agent' },
  jsApiList: ['getCurExternalContact', 'sendChatMessage'],
};
const WECOM_UA = 'Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 wxwork/4.1.10 MicroMessenger/7.0.1 Language/zh';

type TCalls = { loaded: string[]; config?: Record<string, unknown>; agentConfig?: Record<string, unknown>; signed?: string };

/** WeCom's JS-SDK as the page sees it: `wx` appears once the scripts load; WeCom answers as told. */
function fakeWecom(answer: { config: 'ready' | 'error' | 'silent'; agent: 'success' | 'fail' }, ua = WECOM_UA) {
  const calls: TCalls = { loaded: [] };
  let wx: Record<string, unknown> | undefined;
  let onReady: (() => void) | undefined;
  let onError: ((res: unknown) => void) | undefined;
  const env: TBridgeEnv = {
    userAgent: ua,
    href: 'https://pond.example.com/h5/workbench?x=1#today',
    timeoutMs: 50,
    wx: () => wx,
    loadScript: async (src) => {
      calls.loaded.push(src);
      wx = {
        invoke: () => undefined,
        ready: (cb: () => void) => {
          onReady = cb;
        },
        error: (cb: (res: unknown) => void) => {
          onError = cb;
        },
        config: (options: Record<string, unknown>) => {
          calls.config = options;
          if (answer.config === 'ready') setTimeout(() => onReady?.(), 1);
          if (answer.config === 'error') setTimeout(() => onError?.({ errMsg: 'config:invalid signature' }), 1);
        },
        agentConfig: (options: { success: () => void; fail: (res: unknown) => void } & Record<string, unknown>) => {
          calls.agentConfig = options;
          setTimeout(() => (answer.agent === 'success' ? options.success() : options.fail({ errMsg: 'no permission' })), 1);
        },
      };
    },
  };
  const sign = async (url: string) => {
    calls.signed = url;
    return SIGNED;
  };
  return { env, sign, calls };
}

describe('prepareWecomSidebar', () => {
  it('inside WeCom: loads the SDK, signs the page without its #fragment, then wx.config and wx.agentConfig', async () => {
    const { env, sign, calls } = fakeWecom({ config: 'ready', agent: 'success' });
    expect(await prepareWecomSidebar(sign, env)).toBe(true);
    expect(calls.loaded).toHaveLength(2);
    expect(calls.signed).toBe('https://pond.example.com/h5/workbench?x=1');
    expect(calls.config).toMatchObject({ beta: true, appId: SIGNED.corpId, ...SIGNED.config, jsApiList: SIGNED.jsApiList });
    expect(calls.agentConfig).toMatchObject({ corpid: SIGNED.corpId, agentid: SIGNED.agentId, ...SIGNED.agentConfig });
  });

  it.each([
    ['WeCom refuses the config signature', { config: 'error', agent: 'success' } as const],
    ['WeCom never answers the config', { config: 'silent', agent: 'success' } as const],
    ['WeCom refuses agentConfig', { config: 'ready', agent: 'fail' } as const],
  ])('false when %s', async (_label, answer) => {
    const { env, sign } = fakeWecom(answer);
    expect(await prepareWecomSidebar(sign, env)).toBe(false);
  });

  it('false in a plain browser: nothing is loaded and nothing signed', async () => {
    const { env, sign, calls } = fakeWecom({ config: 'ready', agent: 'success' }, 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120');
    expect(await prepareWecomSidebar(sign, env)).toBe(false);
    expect(calls.loaded).toEqual([]);
    expect(calls.signed).toBeUndefined();
  });

  it('false when Pond cannot sign (no self-built app on the WeCom page)', async () => {
    const { env, calls } = fakeWecom({ config: 'ready', agent: 'success' });
    const refuse = async () => {
      throw new Error('The WeCom connection has no self-built app');
    };
    expect(await prepareWecomSidebar(refuse, env)).toBe(false);
    expect(calls.config).toBeUndefined();
  });
});
