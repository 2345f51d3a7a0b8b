import { z } from 'zod';
import { DEFAULT_RETRY, type TRetryOptions } from './backoff.ts';
import { WecomApiError } from './errors.ts';
import { createWecomHttp, describeIssue, type WecomHttp } from './http.ts';
import { corpQueue, type TRateQueueLimits } from './rate-queue.ts';
import { ZEmpty } from './schemas/common.ts';
import * as C from './schemas/customers.ts';
import * as G from './schemas/groups.ts';
import * as O from './schemas/outreach.ts';

/**
 * The WeCom server API client (客户联系). One method per API, named after WeCom's path in
 * camelCase; each takes the documented request body (snake_case) and returns the documented answer
 * with `errcode`/`errmsg` removed and unknown fields kept. Requests are checked against WeCom's
 * limits before any call (→ `ChannelError('INVALID')`); answers that do not match the documented
 * shape → `ChannelError('UNAVAILABLE')` naming the path and field. Every failure is a
 * `WecomApiError` (a `ChannelError` with WeCom's errcode in `vendorCode`).
 *
 * Retries: reads and writes that are safe to repeat (`mark_tag`, `remark`, `update_*`, `del_*`,
 * uploads) are retried after timeouts and HTTP 5xx; writes that create something (`add_*`,
 * `send_welcome_msg`, transfers) are not, because WeCom has no idempotency key and a lost answer
 * may hide a success. Busy / rate-limit errcodes are retried for all calls: WeCom did nothing.
 */

export type TWecomClientOptions = {
  corpId: string;
  /** The 客户联系 secret (or a self-built app's). Never logged, never put in an error. */
  secret: string;
  /** Default `process.env.POND_WECOM_API_BASE ?? 'https://qyapi.weixin.qq.com/cgi-bin'`. */
  baseUrl?: string;
  /** Per-request timeout (default 10,000 ms). */
  timeoutMs?: number;
  now?: () => number;
  /** Backoff for busy / rate-limited calls (default base 200 ms, cap 5 s, 4 tries). */
  retry?: Partial<TRetryOptions>;
  /** The corp's shared queue limits (used by the first client of the corp in this process). */
  queue?: Partial<TRateQueueLimits>;
  /** For tests: jitter source. */
  random?: () => number;
};

export const DEFAULT_WECOM_API_BASE = 'https://qyapi.weixin.qq.com/cgi-bin';

function checkRequest<Q extends z.ZodType>(path: string, schema: Q, input: unknown): z.output<Q> {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new WecomApiError('INVALID', `WeCom ${path}: the request breaks a WeCom rule (${describeIssue(parsed.error)}).`, {
      path,
    });
  return parsed.data;
}

/**
 * A typed client for one (corp, secret).
 * @example
 * const client = createWecomClient({ corpId: 'ww0123', secret });
 * const { follow_user } = await client.externalcontact.getFollowUserList();
 * await client.externalcontact.markTag({ userid: 'zhangsan', external_userid: 'wm…', add_tag: ['et…'] });
 */
export function createWecomClient(options: TWecomClientOptions) {
  const baseUrl = options.baseUrl ?? process.env.POND_WECOM_API_BASE ?? DEFAULT_WECOM_API_BASE;
  const now = options.now ?? Date.now;
  const http = createWecomHttp({
    corpId: options.corpId,
    secret: options.secret,
    baseUrl,
    timeoutMs: options.timeoutMs ?? 10_000,
    now,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    queue: corpQueue(options.corpId, options.queue),
    random: options.random,
  });

  const post =
    <Q extends z.ZodType, S extends z.ZodType>(path: string, request: Q, response: S, idempotent: boolean) =>
    async (input: z.input<Q>): Promise<z.output<S>> =>
      http.call<z.output<S>>({
        path,
        method: 'POST',
        body: checkRequest(path, request, input),
        response: response as z.ZodType<z.output<S>>,
        idempotent,
      });

  const get =
    <Q extends z.ZodType, S extends z.ZodType>(path: string, request: Q, response: S) =>
    async (input: z.input<Q>): Promise<z.output<S>> => {
      const query = checkRequest(path, request, input) as Record<string, string | number | undefined>;
      return http.call<z.output<S>>({
        path,
        method: 'GET',
        query,
        response: response as z.ZodType<z.output<S>>,
        idempotent: true,
      });
    };

  const ZNone = z.looseObject({});
  const ticketCache = new Map<string, { ticket: string; expiresAt: number }>();
  async function ticket(kind: 'jsapi' | 'agent_config'): Promise<{ ticket: string; expires_in: number }> {
    // jsapi_ticket: at most 400 fetches an hour per corp (访问频率限制): cache until 5 min before expiry.
    const hit = ticketCache.get(kind);
    if (hit && hit.expiresAt - now() > 5 * 60_000)
      return { ticket: hit.ticket, expires_in: Math.floor((hit.expiresAt - now()) / 1000) };
    const res =
      kind === 'jsapi'
        ? await http.call({ path: 'get_jsapi_ticket', method: 'GET', response: O.ZTicketResponse, idempotent: true })
        : await http.call({
            path: 'ticket/get',
            method: 'GET',
            query: { type: 'agent_config' },
            response: O.ZTicketResponse,
            idempotent: true,
          });
    ticketCache.set(kind, { ticket: res.ticket, expiresAt: now() + res.expires_in * 1000 });
    return res;
  }

  const ZUploadRequest = z.object({
    bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes must be a Uint8Array'),
    filename: z.string().min(1).max(256),
    contentType: z.string().min(1).optional(),
  });
  type TUpload = z.infer<typeof ZUploadRequest>;
  const formOf = (u: TUpload) => {
    const form = new FormData();
    form.append('media', new Blob([u.bytes.slice()], { type: u.contentType ?? 'application/octet-stream' }), u.filename);
    return form;
  };

  return {
    corpId: options.corpId,
    /** gettoken: the cached access token (single-flight refresh). */
    getToken: (): Promise<string> => http.token(),
    /** get_jsapi_ticket (corp ticket for wx.config), cached. */
    getJsapiTicket: () => ticket('jsapi'),
    /** ticket/get?type=agent_config (app ticket for wx.agentConfig), cached. */
    getAgentConfigTicket: () => ticket('agent_config'),
    user: {
      get: get('user/get', C.ZUserGetRequest, C.ZUserGetResponse),
    },
    media: {
      /** media/upload?type=image|video|file: a temporary media_id (3 days) for messages. */
      upload: async (input: { type: 'image' | 'video' | 'file' | 'voice' } & TUpload) => {
        const u = checkRequest('media/upload', ZUploadRequest, input);
        return http.call({
          path: 'media/upload',
          method: 'POST',
          query: { type: input.type },
          form: formOf(u),
          response: O.ZMediaUploadResponse,
          idempotent: true,
        });
      },
      /** media/upload_attachment: a media_id for moments (attachment_type 1 = moments). */
      uploadAttachment: async (input: { media_type: 'image' | 'video' | 'file'; attachment_type: 1 | 2 } & TUpload) => {
        const u = checkRequest('media/upload_attachment', ZUploadRequest, input);
        return http.call({
          path: 'media/upload_attachment',
          method: 'POST',
          query: { media_type: input.media_type, attachment_type: input.attachment_type },
          form: formOf(u),
          response: O.ZMediaUploadResponse,
          idempotent: true,
        });
      },
    },
    externalcontact: {
      getFollowUserList: () =>
        http.call({
          path: 'externalcontact/get_follow_user_list',
          method: 'GET',
          response: C.ZFollowUserListResponse,
          idempotent: true,
        }),
      list: get('externalcontact/list', C.ZExternalListRequest, C.ZExternalListResponse),
      get: get('externalcontact/get', C.ZExternalGetRequest, C.ZExternalGetResponse),
      batchGetByUser: post('externalcontact/batch/get_by_user', C.ZBatchGetByUserRequest, C.ZBatchGetByUserResponse, true),
      remark: post('externalcontact/remark', C.ZRemarkRequest, ZEmpty, true),
      getCorpTagList: post('externalcontact/get_corp_tag_list', C.ZGetCorpTagListRequest, C.ZGetCorpTagListResponse, true),
      addCorpTag: post('externalcontact/add_corp_tag', C.ZAddCorpTagRequest, C.ZAddCorpTagResponse, false),
      editCorpTag: post('externalcontact/edit_corp_tag', C.ZEditCorpTagRequest, ZEmpty, true),
      delCorpTag: post('externalcontact/del_corp_tag', C.ZDelCorpTagRequest, ZEmpty, true),
      markTag: post('externalcontact/mark_tag', C.ZMarkTagRequest, ZEmpty, true),
      addContactWay: post('externalcontact/add_contact_way', O.ZAddContactWayRequest, O.ZAddContactWayResponse, false),
      getContactWay: post('externalcontact/get_contact_way', G.ZConfigIdRequest, O.ZGetContactWayResponse, true),
      updateContactWay: post('externalcontact/update_contact_way', O.ZUpdateContactWayRequest, ZEmpty, true),
      delContactWay: post('externalcontact/del_contact_way', G.ZConfigIdRequest, ZEmpty, true),
      sendWelcomeMsg: post('externalcontact/send_welcome_msg', O.ZSendWelcomeMsgRequest, ZEmpty, false),
      addMsgTemplate: post('externalcontact/add_msg_template', O.ZAddMsgTemplateRequest, O.ZAddMsgTemplateResponse, false),
      getGroupmsgListV2: post(
        'externalcontact/get_groupmsg_list_v2',
        O.ZGetGroupmsgListV2Request,
        O.ZGetGroupmsgListV2Response,
        true,
      ),
      getGroupmsgTask: post('externalcontact/get_groupmsg_task', O.ZGetGroupmsgTaskRequest, O.ZGetGroupmsgTaskResponse, true),
      getGroupmsgSendResult: post(
        'externalcontact/get_groupmsg_send_result',
        O.ZGetGroupmsgSendResultRequest,
        O.ZGetGroupmsgSendResultResponse,
        true,
      ),
      addMomentTask: post('externalcontact/add_moment_task', O.ZAddMomentTaskRequest, O.ZAddMomentTaskResponse, false),
      getMomentTaskResult: get(
        'externalcontact/get_moment_task_result',
        O.ZGetMomentTaskResultRequest,
        O.ZGetMomentTaskResultResponse,
      ),
      getMomentTask: post('externalcontact/get_moment_task', O.ZGetMomentTaskRequest, O.ZGetMomentTaskResponse, true),
      transferCustomer: post('externalcontact/transfer_customer', O.ZTransferCustomerRequest, O.ZTransferCustomerResponse, false),
      transferResult: post('externalcontact/transfer_result', O.ZTransferResultRequest, O.ZTransferResultResponse, true),
      getUserBehaviorData: post('externalcontact/get_user_behavior_data', C.ZUserBehaviorRequest, C.ZUserBehaviorResponse, true),
      resigned: {
        transferCustomer: post(
          'externalcontact/resigned/transfer_customer',
          O.ZResignedTransferCustomerRequest,
          O.ZTransferCustomerResponse,
          false,
        ),
        transferResult: post(
          'externalcontact/resigned/transfer_result',
          O.ZTransferResultRequest,
          O.ZTransferResultResponse,
          true,
        ),
      },
      groupchat: {
        list: post('externalcontact/groupchat/list', G.ZGroupchatListRequest, G.ZGroupchatListResponse, true),
        get: post('externalcontact/groupchat/get', G.ZGroupchatGetRequest, G.ZGroupchatGetResponse, true),
        addJoinWay: post('externalcontact/groupchat/add_join_way', G.ZAddJoinWayRequest, G.ZAddJoinWayResponse, false),
        getJoinWay: post('externalcontact/groupchat/get_join_way', G.ZConfigIdRequest, G.ZGetJoinWayResponse, true),
        updateJoinWay: post('externalcontact/groupchat/update_join_way', G.ZUpdateJoinWayRequest, ZNone, true),
        delJoinWay: post('externalcontact/groupchat/del_join_way', G.ZConfigIdRequest, ZNone, true),
        statistic: post('externalcontact/groupchat/statistic', G.ZGroupchatStatisticRequest, G.ZGroupchatStatisticResponse, true),
        transfer: post('externalcontact/groupchat/transfer', G.ZGroupchatTransferRequest, G.ZGroupchatTransferResponse, false),
      },
    },
  };
}

/** The WeCom client (see `createWecomClient`). */
export type WecomClient = ReturnType<typeof createWecomClient>;

// The standalone helpers of contract 3, importable from here too.
export { translateWecomErrcode, WecomApiError } from './errors.ts';
export { jsapiSignature } from './jssdk.ts';
export { sendRobotMessage } from './robot.ts';
export { clearTokenCache } from './token-cache.ts';
export type { WecomHttp };
