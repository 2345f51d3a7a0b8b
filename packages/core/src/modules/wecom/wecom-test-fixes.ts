import type { TWecomTestStep } from './wecom.schemas.ts';

type TStep = TWecomTestStep['step'];

/**
 * A sentence telling the admin what to fix when a "Test connection" step fails, from the channel
 * error code and WeCom's errcode. Errcodes: 全局错误码 developer.work.weixin.qq.com/document/path/90313.
 * @example
 * wecomTestFix('token', 'AUTH', 40001) // '40001 invalid secret → copy the 客户联系 secret again …'
 */
export function wecomTestFix(step: TStep, code: string, vendorCode?: number): string {
  const app = step === 'app_token';
  switch (vendorCode) {
    case 40001:
    case 40091:
      return app
        ? `${vendorCode} invalid secret → copy the self-built app's Secret again from WeCom admin → 应用管理 → your app, and save it here.`
        : `${vendorCode} invalid secret → copy the 客户联系 secret again from 客户与上下游 → 客户联系 → API (查看 Secret), and save it here.`;
    case 40013:
      return '40013 invalid corp id → copy 企业ID from WeCom admin → 我的企业 → 企业信息.';
    case 48002:
      return "48002 API not allowed → this secret cannot call the API: use the 客户联系 secret (not an app's), and check 客户联系 → API → 可调用接口的应用.";
    case 60020:
      return "60020 IP not allowed → add Pond's server IP to the app's 企业可信IP in WeCom admin.";
    case 84074:
      return '84074 no 客户联系 permission → in WeCom admin, 客户联系 → API, grant the app access to customer contact.';
    case 60011:
    case 60111:
      return `${vendorCode} staff not visible → the staff member is outside the secret's visible range: widen 可见范围 or 客户联系 → 权限配置.`;
    case 45009:
    case 45033:
      return `${vendorCode} rate limit → WeCom is limiting calls for this corp; wait a minute and test again.`;
    case -1:
      return '-1 WeCom busy → test again in a moment.';
  }
  switch (code) {
    case 'AUTH':
      return 'WeCom refused the credentials → check the corp id and secret on this page.';
    case 'RATE_LIMITED':
      return 'WeCom is limiting calls → wait a minute and test again.';
    case 'UNAVAILABLE':
      return 'WeCom did not answer → check this server can reach qyapi.weixin.qq.com (proxy, firewall, POND_WECOM_API_BASE) and test again.';
    case 'EMPTY':
      return 'No staff can use 客户联系 → in WeCom admin, 客户联系 → 权限配置 → 使用范围, add the staff who serve customers.';
    case 'NOT_FOUND':
      return 'WeCom does not know this staff member → check 客户联系 → 权限配置 and the staff list.';
    default:
      return 'Check the values on this page against WeCom admin and test again.';
  }
}
