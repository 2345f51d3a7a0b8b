/**
 * What WeCom's admin console accepts for each connection field, as pure checks (tested
 * table-driven). Sources:
 * - 企业微信开发者中心 "加解密方案说明": EncodingAESKey "长度固定为43个字符，从a-z, A-Z, 0-9共62个字符中选取";
 *   "接收消息与事件 → 设置接收消息的参数": Token "可由英文或数字组成且长度不超过32位".
 * - "获取access_token" (developer.work.weixin.qq.com/document/path/91039): corpid is shown at
 *   我的企业 → 企业信息 → 企业ID (`ww` + 16 hex characters; corps created before 2018 start with `wx`);
 *   a secret is 43 characters of letters, digits, `-` and `_`.
 */

export type TWecomConnectionField = 'corpId' | 'contactSecret' | 'agentId' | 'appSecret' | 'callbackToken' | 'encodingAesKey';

// Real ids are `ww` + 16 characters; a little slack for older and test corps.
const CORP_ID_RE = /^w[wx][0-9a-zA-Z]{14,30}$/;
// WeCom's secrets are 43 characters today; a little slack so a future length change is not refused.
const SECRET_RE = /^[A-Za-z0-9_-]{20,64}$/;
const AGENT_ID_RE = /^[0-9]{1,10}$/;
const TOKEN_RE = /^[A-Za-z0-9]{1,32}$/;
const AES_KEY_RE = /^[A-Za-z0-9]{43}$/;

/**
 * What is wrong with one connection field, or null when WeCom's admin would accept it.
 * @example
 * wecomFieldProblem('encodingAesKey', 'abc') // 'The EncodingAESKey is 43 letters and digits …'
 */
export function wecomFieldProblem(field: TWecomConnectionField, value: string): string | null {
  switch (field) {
    case 'corpId':
      return CORP_ID_RE.test(value)
        ? null
        : 'The corp id is 18 characters starting with "ww" (or "wx" for older corps). Copy it from WeCom admin → 我的企业 → 企业信息 → 企业ID.';
    case 'contactSecret':
    case 'appSecret':
      return SECRET_RE.test(value)
        ? null
        : `The ${field === 'contactSecret' ? '客户联系' : 'app'} secret is 43 letters, digits, "-" or "_" (no spaces). Copy it again from WeCom admin with the "查看" button and paste it whole.`;
    case 'agentId':
      return AGENT_ID_RE.test(value)
        ? null
        : 'The AgentId is a number (e.g. 1000002). Copy it from WeCom admin → 应用管理 → your self-built app.';
    case 'callbackToken':
      return TOKEN_RE.test(value)
        ? null
        : 'The callback Token is 1 to 32 letters or digits. Use the one WeCom shows at 客户联系 → API → 接收事件服务器 (or press "随机获取" there) and paste the same here.';
    case 'encodingAesKey':
      return AES_KEY_RE.test(value)
        ? null
        : `The EncodingAESKey is 43 letters and digits (you gave ${value.length} characters). Copy it from 接收事件服务器 in WeCom admin, or press "随机获取" there and paste the same here.`;
  }
}

/** `abcdefgh` → `efgh`: the part of a secret the API may show. Short values show less. */
export function lastFour(secret: string): string {
  return secret.length <= 8 ? secret.slice(-2) : secret.slice(-4);
}

/** How a stored secret is shown: `••••efgh`. */
export const maskedSecret = (last4: string) => `••••${last4}`;
