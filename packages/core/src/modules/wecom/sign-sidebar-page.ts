import { jsapiSignature, type TJsapiSignature } from '@pond/channels/wecom/api/jssdk';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { wecomClientFor } from './wecom-client-for.ts';
import { openWecomConnection } from './wecom-connection-store.ts';

export type TSidebarSignatures = {
  corpId: string;
  agentId: string;
  /** For `wx.config` (corp jsapi_ticket). */
  config: TJsapiSignature;
  /** For `wx.agentConfig` (the app's ticket), which the sidebar's `wx.invoke` calls need. */
  agentConfig: TJsapiSignature;
  jsApiList: string[];
};

// What the workbench asks WeCom for inside the sidebar.
const SIDEBAR_APIS = ['getCurExternalContact', 'sendChatMessage'];

/**
 * The JS-SDK signatures the guide workbench needs inside WeCom's sidebar (侧边栏), for the page at
 * `url`: `wx.config` signed with the corp's jsapi_ticket and `wx.agentConfig` with the self-built
 * app's ticket (JS-SDK 使用权限签名算法, developer.work.weixin.qq.com/document/path/90506). Tickets
 * come from the app's client, cached there. Only pages of this Pond are signed: WeCom checks the
 * page's domain against the app's 可信域名, and a signature for any other page is no use to anyone.
 * @example
 * const s = await signSidebarPage(ctx, 'https://pond.example.com/h5/workbench');
 * // wx.agentConfig({ corpid: s.corpId, agentid: s.agentId, ...s.agentConfig, jsApiList: s.jsApiList })
 */
export async function signSidebarPage(ctx: Ctx, url: string): Promise<TSidebarSignatures> {
  let page: URL;
  try {
    page = new URL(url);
  } catch {
    throw new AppError(
      'VALIDATION',
      'url: the full address of the workbench page, such as https://pond.example.com/h5/workbench.',
    );
  }
  const own = new URL(ctx.publicUrl);
  if (page.origin !== own.origin)
    throw new AppError(
      'VALIDATION',
      `url: only pages of this Pond (${own.origin}) are signed; POND_PUBLIC_URL must be the address WeCom opens the sidebar at.`,
    );
  const conn = await openWecomConnection(ctx, ctx.actor.tenantId);
  const client = await wecomClientFor(ctx, ctx.actor.tenantId, 'app');
  if (!conn?.agentId) throw new AppError('CHANNEL_ERROR', 'The WeCom connection has no AgentId.');
  const [corpTicket, appTicket] = await Promise.all([client.getJsapiTicket(), client.getAgentConfigTicket()]);
  return {
    corpId: conn.corpId,
    agentId: conn.agentId,
    config: jsapiSignature({ ticket: corpTicket.ticket, url }),
    agentConfig: jsapiSignature({ ticket: appTicket.ticket, url }),
    jsApiList: SIDEBAR_APIS,
  };
}
