import { z } from 'zod';

const ZConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  POND_DATA_DIR: z.string().min(1).default('./.pond'),
  // Encrypts phone numbers and signs sessions; at least 32 characters outside the embedded demo.
  POND_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  POND_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  POND_SEED_CUSTOMERS: z.coerce.number().int().min(0).max(10_000_000).default(30_000),
  // Run the demo brand's virtual customers live while `pond start` runs (embedded demo).
  POND_SIM_LIVE: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  // The address customers reach this Pond at (links and QR codes on posters); default http://HOST:PORT.
  POND_PUBLIC_URL: z.string().url('must be a URL such as https://pond.example.com').optional(),
  POND_WORKER_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(1),
  // WeCom's API base URL; set it to a fake WeCom server for tests and demos (read by the WeCom client).
  POND_WECOM_API_BASE: z.string().url('must be a URL such as http://127.0.0.1:4010/cgi-bin').optional(),
});

export type TConfig = z.infer<typeof ZConfig> & { databaseKind: 'pglite' | 'postgres' };

/** Raised for a bad environment; the CLI prints `message` (one line naming the variable) and exits. */
export class ConfigError extends Error {}

/**
 * Reads and validates the environment once at boot.
 * @example
 * const config = loadConfig(process.env); // throws ConfigError("PORT: expected number …")
 */
export function loadConfig(env: Record<string, string | undefined>): TConfig {
  const picked = Object.fromEntries(Object.keys(ZConfig.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = ZConfig.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`Invalid environment variable ${name}: ${issue?.message ?? 'invalid'} (got "${env[name] ?? ''}")`);
  }
  return { ...parsed.data, databaseKind: parsed.data.DATABASE_URL ? 'postgres' : 'pglite' };
}
