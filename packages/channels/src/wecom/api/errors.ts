import { ChannelError, type TChannelErrorCode } from '../../channel.ts';

/**
 * WeCom's errcodes translated into the channel's own codes, at the adapter's edge.
 * Sources: 全局错误码 https://developer.work.weixin.qq.com/document/path/90313 (and /90455),
 * 发送新客户欢迎语 https://developer.work.weixin.qq.com/document/path/92137 (41051 "externaluser has
 * started chatting": the welcome message was already delivered; 41096 "welcome msg is being
 * distributed": another app is sending it, may be retried), 41050 "invalid welcome code" (an expired
 * or unknown code), 访问频率限制 https://developer.work.weixin.qq.com/document/path/90312.
 */

/** How the HTTP layer reacts to an errcode before giving up. */
export type TWecomRetry =
  | 'token' // drop the cached access token, fetch a new one, retry once
  | 'backoff' // wait with full jitter and retry (busy, rate or concurrency limit)
  | 'none';

export type TWecomErrcodeRule = { code: TChannelErrorCode; retry: TWecomRetry; hint: string };

// A rule for an errcode; most are final (retry 'none').
const rule = (code: TChannelErrorCode, hint: string, retry: TWecomRetry = 'none'): TWecomErrcodeRule => ({ code, retry, hint });

// Exact errcodes first; ranges (41xxx) are handled in `translateWecomErrcode`.
const RULES: Record<number, TWecomErrcodeRule> = {
  [-1]: rule('UNAVAILABLE', 'WeCom is busy; retry later.', 'backoff'),
  6000: rule('UNAVAILABLE', 'Data version conflict in WeCom; retry later.', 'backoff'),
  // Token problems: 40014 invalid, 42001 expired, 41001 missing. 40001 from gettoken = bad secret.
  40014: rule('AUTH', 'The access token was rejected.', 'token'),
  42001: rule('AUTH', 'The access token expired.', 'token'),
  41001: rule('AUTH', 'The access token is missing.', 'token'),
  40001: rule('AUTH', 'The secret is wrong: copy the 客户联系 secret again from WeCom admin.'),
  40013: rule('AUTH', 'The corp id is wrong: check 我的企业 → 企业ID in WeCom admin.'),
  40091: rule('AUTH', 'The secret is invalid: reset it in WeCom admin and save it again.'),
  48002: rule('AUTH', 'This API is not allowed for this secret: use the 客户联系 secret and give the app the API permission.'),
  60020: rule('AUTH', "Pond's server IP is not in the app's trusted IP list (企业可信IP): add it in WeCom admin."),
  84074: rule('AUTH', 'The app lacks 客户联系 permission: grant it under 客户联系 → API in WeCom admin.'),
  // Rate and concurrency limits.
  45009: rule('RATE_LIMITED', 'WeCom rate limit reached (api freq out of limit).', 'backoff'),
  45033: rule('RATE_LIMITED', 'WeCom concurrency limit reached (api concurrent out of limit).', 'backoff'),
  // Relations.
  40096: rule('NOT_FRIEND', 'The external_userid is not valid for this corp.'),
  84061: rule('NOT_FRIEND', 'The customer is not in relation with this staff member.'),
  // Welcome codes: valid 20 s, once.
  41050: rule('WELCOME_CODE_EXPIRED', 'The welcome code expired (20 s) or is unknown.'),
  41051: rule('WELCOME_CODE_USED', 'The welcome message was already delivered for this code; a retry may treat this as success.'),
  41096: rule('UNAVAILABLE', 'Another app is sending the welcome message; retry.', 'backoff'),
  // Not found.
  60111: rule('NOT_FOUND', 'No staff member has this userid.'),
  40003: rule('NOT_FOUND', 'No staff member has this userid.'),
  46004: rule('NOT_FOUND', 'No such staff member.'),
  40068: rule('NOT_FOUND', 'A tag id does not exist.'),
  40071: rule('INVALID', 'A tag with this name already exists in the group.'),
  86003: rule('NOT_FOUND', 'The customer group (chat_id) does not exist.'),
  // Parameter errors.
  40058: rule('INVALID', 'A parameter is invalid.'),
  40035: rule('INVALID', 'A parameter is invalid.'),
  40031: rule('INVALID', 'A userid list is invalid or outside the app’s visible range.'),
  44004: rule('INVALID', 'The text is empty.'),
  40004: rule('INVALID', 'The media type is not allowed.'),
  40006: rule('INVALID', 'The file size is not allowed.'),
  40007: rule('INVALID', 'The media_id is invalid or expired (3 days).'),
  40009: rule('INVALID', 'The image is too large.'),
  40011: rule('INVALID', 'The video is too large.'),
  90206: rule('INVALID', 'The mini-program is not linked to this corp.'),
};

/**
 * The channel's code, retry policy and a hint for a WeCom errcode (pure).
 * @example
 * translateWecomErrcode(84061) // { code: 'NOT_FRIEND', retry: 'none', hint: '…' }
 * translateWecomErrcode(41004) // { code: 'INVALID', retry: 'none', hint: 'A required parameter is missing…' }
 */
export function translateWecomErrcode(errcode: number): TWecomErrcodeRule {
  const exact = RULES[errcode];
  if (exact) return exact;
  // 41xxx: "缺少…参数" (a required parameter is missing).
  if (errcode >= 41000 && errcode < 42000) return rule('INVALID', 'A required parameter is missing or malformed.');
  // 40xxx not listed: "不合法的…" (an invalid parameter).
  if (errcode >= 40000 && errcode < 41000) return rule('INVALID', 'A parameter is not valid.');
  // 60xxx: contact-book errors (unknown department/user…).
  if (errcode >= 60000 && errcode < 61000) return rule('NOT_FOUND', 'A staff member or department was not found.');
  return rule('UNAVAILABLE', 'WeCom refused the call with an unexpected error.');
}

/**
 * A `ChannelError` raised by the WeCom adapter, keeping WeCom's errcode (`vendorCode`) and the API
 * path for logs. Callers switch on `.code`; the number is for people reading logs. Messages never
 * hold the secret or the access token.
 * @example
 * throw new WecomApiError('NOT_FRIEND', 'externalcontact/mark_tag: the customer is not a friend.', { vendorCode: 84061, path: 'externalcontact/mark_tag' });
 */
export class WecomApiError extends ChannelError {
  // WeCom's errcode, or null for transport problems (timeout, HTTP 5xx, bad JSON).
  readonly vendorCode: number | null;
  // The API path, e.g. 'externalcontact/mark_tag'.
  readonly path: string | null;
  constructor(code: TChannelErrorCode, message: string, details: { vendorCode?: number | null; path?: string | null } = {}) {
    super(code, message);
    this.name = 'WecomApiError';
    this.vendorCode = details.vendorCode ?? null;
    this.path = details.path ?? null;
  }
}

/**
 * The error for an errcode returned by `path` (pure).
 * @example
 * wecomErrorFor('externalcontact/send_welcome_msg', 41051, 'externaluser has started chatting').code // 'WELCOME_CODE_USED'
 */
export function wecomErrorFor(path: string, errcode: number, errmsg: string | undefined): WecomApiError {
  const rule = translateWecomErrcode(errcode);
  // errmsg may carry a hint id and the caller's IP, never the token: safe to keep for logs.
  const detail = errmsg ? ` (errcode ${errcode}: ${errmsg.slice(0, 200)})` : ` (errcode ${errcode})`;
  return new WecomApiError(rule.code, `WeCom ${path}: ${rule.hint}${detail}`, { vendorCode: errcode, path });
}
