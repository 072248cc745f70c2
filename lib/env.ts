// The environment, parsed once by prepareRuntime() (lib/runtime.ts) and handed down through
// lib/context.ts. Server code reads settings from there, never from process.env.
import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], { error: "use true or false" })
  .transform((value) => ["1", "true", "yes", "on"].includes(value));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  /** Signs session cookies (Auth.js). */
  AUTH_SECRET: z.string().min(32).optional(),
  /** Trust the Host / X-Forwarded-* headers for sign-in URLs; off in production unless set. */
  AUTH_TRUST_HOST: flag.optional(),
  /** The app's public address (https://collector.example.com): the one URL given to Zendesk and Inngest. */
  APP_URL: z
    .string()
    .url()
    .refine((value) => /^https?:\/\//.test(value), "must start with https:// or http://")
    .transform((value) => value.replace(/\/+$/, ""))
    .optional(),
  /** 32 bytes, base64 or hex: encrypts Zendesk credentials at rest. */
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

export class InvalidEnvironmentError extends Error {}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new InvalidEnvironmentError(`Invalid environment: ${problems}`);
  }
  return result.data;
}

/** Whether an Inngest server schedules syncs (otherwise the app's own process does). */
export function inngestConfigured(env: Env): boolean {
  return Boolean(env.INNGEST_SIGNING_KEY || env.INNGEST_DEV || env.INNGEST_BASE_URL);
}

/** Auth.js may build URLs from the request's Host only where the operator said so, or outside production. */
export function trustHost(env: Env): boolean {
  return env.AUTH_TRUST_HOST ?? env.NODE_ENV !== "production";
}
