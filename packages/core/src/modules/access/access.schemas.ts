import { z } from '@hono/zod-openapi';

export const ZRole = z.enum(['admin', 'operator', 'store_manager', 'guide']);

export const ZLoginRequest = z
  .object({
    tenant: z.string().min(1).max(64).openapi({ example: 'demo' }),
    username: z.string().min(1).max(64).openapi({ example: 'admin' }),
    password: z.string().min(1).max(256).openapi({ example: 'pond-demo' }),
  })
  .openapi('LoginRequest');
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZAccount = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: ZRole,
    staffId: z.number().int().nullable(),
    storeId: z.number().int().nullable(),
    locale: z.string(),
    status: z.enum(['active', 'disabled']),
    lastLoginAt: z.string().nullable(),
  })
  .openapi('Account');
export type TAccount = z.infer<typeof ZAccount>;

export const ZMe = z
  .object({
    account: ZAccount,
    tenant: z.object({ id: z.number().int(), slug: z.string(), name: z.string(), timezone: z.string() }),
  })
  .openapi('Me');
export type TMe = z.infer<typeof ZMe>;

export const ZCreateAccountRequest = z
  .object({
    username: z
      .string()
      .min(3)
      .max(64)
      .regex(/^[a-zA-Z0-9_.-]+$/, 'use letters, digits, _ . -'),
    displayName: z.string().min(1).max(64),
    password: z.string().min(10, 'at least 10 characters').max(256),
    role: ZRole,
    staffId: z.number().int().positive().nullable().optional(),
    storeId: z.number().int().positive().nullable().optional(),
  })
  .openapi('CreateAccountRequest');
export type TCreateAccountRequest = z.infer<typeof ZCreateAccountRequest>;

export const ZUpdateAccountRequest = z
  .object({
    displayName: z.string().min(1).max(64).optional(),
    role: ZRole.optional(),
    staffId: z.number().int().positive().nullable().optional(),
    storeId: z.number().int().positive().nullable().optional(),
    status: z.enum(['active', 'disabled']).optional(),
    locale: z.enum(['zh-CN', 'en']).optional(),
  })
  .openapi('UpdateAccountRequest');
export type TUpdateAccountRequest = z.infer<typeof ZUpdateAccountRequest>;
