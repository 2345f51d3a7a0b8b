// The WeCom sidebar (侧边栏) bridge. Inside WeCom the page runs with the JS-SDK (`window.wx`),
// registered by `wx.agentConfig` with a signature the server makes from the app's jsapi_ticket —
// that belongs to the WeCom adapter (a later issue), which loads the SDK and calls agentConfig
// before this page asks anything. Here everything is feature-detected: in a plain browser (the
// simulator) there is no `wx`, nothing is loaded, and the guide picks the customer by hand.

type TWxInvokeResult = { err_msg?: string; userId?: string };
type TWx = { invoke: (api: string, args: Record<string, unknown>, cb: (res: TWxInvokeResult) => void) => void };

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
