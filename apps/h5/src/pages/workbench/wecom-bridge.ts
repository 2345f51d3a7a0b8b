// The WeCom sidebar (侧边栏) bridge. Inside WeCom (its user agent says wxwork) the page loads WeCom's
// JS-SDK, has Pond sign the page (`GET /api/wecom/sidebar-signature`, the tenant's self-built app)
// and registers `wx.config` + `wx.agentConfig`; then `wx.invoke` gives the current chat's customer
// and sends into the chat. Everything is feature-detected: in a plain browser (the simulator) there
// is no `wx`, nothing is loaded, and the guide picks the customer by hand.
// Document: JS-SDK 使用说明 / wx.agentConfig, developer.work.weixin.qq.com/document/path/90514 and 94313.

type TWxInvokeResult = { err_msg?: string; userId?: string };
type TWx = { invoke: (api: string, args: Record<string, unknown>, cb: (res: TWxInvokeResult) => void) => void };
type TSignature = { timestamp: number; nonceStr: string; signature: string };
export type TSidebarSignatures = {
  corpId: string;
  agentId: string;
  config: TSignature;
  agentConfig: TSignature;
  jsApiList: string[];
};
type TWxSdk = Partial<TWx> & {
  config?: (options: Record<string, unknown>) => void;
  ready?: (cb: () => void) => void;
  error?: (cb: (res: unknown) => void) => void;
  agentConfig?: (options: Record<string, unknown>) => void;
};
export type TBridgeEnv = {
  userAgent: string;
  href: string;
  wx: () => TWxSdk | undefined;
  loadScript: (src: string) => Promise<void>;
  timeoutMs: number;
};

// WeCom's JS-SDK: jweixin for wx.config, jwxwork for wx.agentConfig on clients before 3.0.24.
const SDK_SCRIPTS = [
  'https://res.wx.qq.com/open/js/jweixin-1.2.0.js',
  'https://open.work.weixin.qq.com/wwopen/js/jwxwork-1.0.0.js',
];

const browserEnv = (): TBridgeEnv => ({
  userAgent: navigator.userAgent,
  href: window.location.href,
  wx: () => (window as unknown as { wx?: TWxSdk }).wx,
  loadScript: (src) =>
    new Promise((resolve, reject) => {
      const el = document.createElement('script');
      el.src = src;
      el.onload = () => resolve();
      el.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.appendChild(el);
    }),
  timeoutMs: 5000,
});

const settle = (timeoutMs: number, start: (done: (ok: boolean) => void) => void): Promise<boolean> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      resolve(ok);
    };
    try {
      start(done);
    } catch {
      done(false);
    }
  });

/**
 * Makes the sidebar's `wx.invoke` calls usable: inside WeCom, loads the JS-SDK when the page lacks
 * it, signs this page with Pond (`sign`, given the URL without its #fragment), then `wx.config`
 * and, once ready, `wx.agentConfig`. True when both succeeded; false in a plain browser, when
 * Pond cannot sign (no self-built app on the WeCom page) or when WeCom refuses — the workbench
 * then works as in a browser.
 * @example
 * if (await prepareWecomSidebar((url) => staffApi(`/wecom/sidebar-signature?url=${encodeURIComponent(url)}`))) …
 */
export async function prepareWecomSidebar(
  sign: (url: string) => Promise<TSidebarSignatures>,
  env: TBridgeEnv = browserEnv(),
): Promise<boolean> {
  if (!/wxwork/i.test(env.userAgent)) return false;
  try {
    if (!env.wx()?.agentConfig) for (const src of SDK_SCRIPTS) await env.loadScript(src);
    const wx = env.wx();
    if (!wx?.config || !wx.ready || !wx.agentConfig) return false;
    const s = await sign(env.href.split('#')[0] ?? env.href);
    const configured = await settle(env.timeoutMs, (done) => {
      wx.ready?.(() => done(true));
      wx.error?.(() => done(false));
      wx.config?.({ beta: true, debug: false, appId: s.corpId, ...s.config, jsApiList: s.jsApiList });
    });
    if (!configured) return false;
    return await settle(env.timeoutMs, (done) =>
      wx.agentConfig?.({
        corpid: s.corpId,
        agentid: s.agentId,
        ...s.agentConfig,
        jsApiList: s.jsApiList,
        success: () => done(true),
        fail: () => done(false),
      }),
    );
  } catch {
    return false;
  }
}

const wxOf = (): TWx | null => {
  const wx = (window as unknown as { wx?: Partial<TWx> }).wx;
  return wx && typeof wx.invoke === 'function' ? (wx as TWx) : null;
};

/** True inside WeCom with the JS-SDK ready. */
export const inWecomSidebar = (): boolean => wxOf() !== null;

/** The external_userid of the customer whose chat the sidebar is open in, or null (not in a chat, no SDK). */
export function getCurExternalContact(timeoutMs = 3000): Promise<string | null> {
  const wx = wxOf();
  if (!wx) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    try {
      wx.invoke('getCurExternalContact', {}, (res) => {
        clearTimeout(timer);
        resolve(res.err_msg === 'getCurExternalContact:ok' && res.userId ? res.userId : null);
      });
    } catch {
      clearTimeout(timer);
      resolve(null);
    }
  });
}

/**
 * Sends text to the current WeCom chat from the guide's own client (the sidebar's
 * `sendChatMessage`). Resolves false outside WeCom or when WeCom refuses.
 */
export function sendChatText(content: string, timeoutMs = 5000): Promise<boolean> {
  const wx = wxOf();
  if (!wx) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    try {
      wx.invoke('sendChatMessage', { msgtype: 'text', text: { content } }, (res) => {
        clearTimeout(timer);
        resolve(res.err_msg === 'sendChatMessage:ok');
      });
    } catch {
      clearTimeout(timer);
      resolve(false);
    }
  });
}
