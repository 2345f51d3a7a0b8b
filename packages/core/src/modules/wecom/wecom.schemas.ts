import { z } from '@hono/zod-openapi';

/**
 * Saving the connection. Secrets left out keep the stored ones (the console never has them);
 * the first save needs all of corpId, contactSecret, callbackToken and encodingAesKey. Field
 * rules (lengths, charsets) are WeCom's, checked in `wecom-connection-rules.ts`.
 */
export const ZSaveWecomConnection = z
  .object({
    corpId: z.string().trim().min(1).max(64).openapi({ example: 'wwcdd39616ea662af5' }),
    contactSecret: z.string().trim().max(128).optional().openapi({ description: '客户联系 secret; omit to keep the stored one' }),
    // null clears the sidebar app; omitted keeps it.
    agentId: z.string().trim().max(16).nullable().optional().openapi({ example: '1000002' }),
    appSecret: z.string().trim().max(128).optional().openapi({ description: "The self-built app's secret; omit to keep" }),
    callbackToken: z.string().trim().max(64).optional(),
    encodingAesKey: z.string().trim().max(64).optional(),
  })
  .openapi('SaveWecomConnection');
export type TSaveWecomConnection = z.infer<typeof ZSaveWecomConnection>;

export const WECOM_TEST_STEPS = ['token', 'staff_list', 'staff_detail', 'app_token'] as const;

/** One step of "Test connection". */
export const ZWecomTestStep = z
  .object({
    step: z.enum(WECOM_TEST_STEPS),
    ok: z.boolean(),
    // What the step found ("12 staff can use 客户联系"), or why it was skipped.
    detail: z.string().optional(),
    // The channel's error code when the step failed (AUTH, NOT_FOUND, RATE_LIMITED, UNAVAILABLE, …).
    code: z.string().optional(),
    // WeCom's errcode, for matching WeCom's own error-code lookup (open.work.weixin.qq.com/devtool/query).
    vendorCode: z.number().int().optional(),
    // A sentence on what to change in WeCom's admin or in this form.
    fix: z.string().optional(),
  })
  .openapi('WecomTestStep');
export type TWecomTestStep = z.infer<typeof ZWecomTestStep>;

export const ZWecomTestReport = z
  .object({
    ok: z.boolean(),
    at: z.string(),
    // The connection version tested: activation needs a passing test of the current version.
    version: z.number().int(),
    steps: z.array(ZWecomTestStep),
  })
  .openapi('WecomTestReport');
export type TWecomTestReport = z.infer<typeof ZWecomTestReport>;

/** The connection as the API shows it: secrets only as `••••` + their last 4 characters. */
export const ZWecomConnection = z
  .object({
    configured: z.boolean(),
    corpId: z.string().nullable(),
    contactSecret: z.string().nullable().openapi({ example: '••••32KU' }),
    agentId: z.string().nullable(),
    appSecret: z.string().nullable(),
    callbackToken: z.string().nullable(),
    encodingAesKey: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string().nullable(),
    // Paste into WeCom admin → 客户联系 → API → 接收事件服务器 → URL.
    callbackUrl: z.string(),
    // Whether the tenant's channel is WeCom (else the simulator).
    active: z.boolean(),
    lastTest: ZWecomTestReport.nullable(),
  })
  .openapi('WecomConnection');
export type TWecomConnection = z.infer<typeof ZWecomConnection>;

export const ZWecomCallbacksQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const ZWecomCallbackRow = z.object({
  id: z.number().int(),
  type: z.string(),
  receivedAt: z.string(),
  occurredAt: z.string(),
  // 'pending' | 'processed' | 'failed'
  status: z.string(),
  attempts: z.number().int(),
  error: z.string().nullable(),
});

export const ZWecomRejection = z.object({
  at: z.string(),
  // 400/401/403/404/413
  status: z.number().int(),
  // BAD_SIGNATURE, BAD_RECEIVE_ID, BAD_XML, TOO_LARGE, …
  reason: z.string(),
  message: z.string(),
});
export type TWecomRejection = z.infer<typeof ZWecomRejection>;

export const ZWecomCallbacks = z
  .object({ items: z.array(ZWecomCallbackRow), rejections: z.array(ZWecomRejection) })
  .openapi('WecomCallbacks');
export type TWecomCallbacks = z.infer<typeof ZWecomCallbacks>;

export const ZSidebarSignatureQuery = z.object({
  url: z.string().min(1).max(2048).openapi({ example: 'https://pond.example.com/h5/workbench' }),
});

const ZJsapiSignature = z.object({ timestamp: z.number().int(), nonceStr: z.string(), signature: z.string() });

export const ZSidebarSignatures = z
  .object({
    corpId: z.string(),
    agentId: z.string(),
    config: ZJsapiSignature,
    agentConfig: ZJsapiSignature,
    jsApiList: z.array(z.string()),
  })
  .openapi('WecomSidebarSignatures');
