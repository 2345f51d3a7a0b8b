import { createHash, randomBytes } from 'node:crypto';

/**
 * JS-SDK signatures for the sidebar (侧边栏), made on the server from a ticket. Document: JS-SDK
 * 使用权限签名算法 https://developer.work.weixin.qq.com/document/path/90506 — sha1 of
 * `jsapi_ticket=…&noncestr=…&timestamp=…&url=…` with the page URL without its `#fragment`.
 * `wx.config` signs with the corp's jsapi_ticket (`getJsapiTicket`), `wx.agentConfig` with the
 * app's ticket (`getAgentConfigTicket`).
 */
export type TJsapiSignature = { timestamp: number; nonceStr: string; signature: string };

/**
 * The signature for `url` (pure when `timestamp` and `nonceStr` are given).
 * @example
 * jsapiSignature({ ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg', nonceStr: 'Wm3WZYTPz0wzccnW', timestamp: 1414587457, url: 'http://mp.weixin.qq.com?params=value' }).signature
 * // '0f9de62fce790f9a083d5c99e95740ceb90c27ed'
 */
export function jsapiSignature(input: { ticket: string; url: string; timestamp?: number; nonceStr?: string }): TJsapiSignature {
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  const nonceStr = input.nonceStr ?? randomBytes(8).toString('hex');
  const url = input.url.split('#')[0] ?? input.url;
  const plain = `jsapi_ticket=${input.ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url}`;
  return { timestamp, nonceStr, signature: createHash('sha1').update(plain).digest('hex') };
}
