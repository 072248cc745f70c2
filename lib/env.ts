// The environment, parsed once. Server code reads settings from here, never from process.env.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  /** Signs session cookies (Auth.js). */
  AUTH_SECRET: z.string().min(32).optional(),
  /** 32 bytes, base64 or hex: encrypts Zendesk tokens at rest. */
  TOKEN_ENCRYPTION_KEY: z.string().min(32).optional(),
  DATA_DIR: z.string().default(".data"),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_DEV: z.string().optional(),
  INNGEST_BASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return result.data;
}

/** Whether an Inngest server schedules syncs (otherwise the in-process loop does). */
export function inngestConfigured(env: Env): boolean {
  return Boolean(env.INNGEST_SIGNING_KEY || env.INNGEST_DEV || env.INNGEST_BASE_URL);
}
