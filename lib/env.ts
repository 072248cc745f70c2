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
  /** `1` (or the dev server's URL): a local Inngest dev server, which sends unsigned requests. */
  INNGEST_DEV: z.string().optional(),
  /** Allows INNGEST_DEV under NODE_ENV=production: only for a server nobody else can reach. */
  INNGEST_DEV_IN_PRODUCTION: flag.default(false),
  INNGEST_BASE_URL: z.string().url().optional(),
  /** Where the Inngest server reaches /api/inngest when that is not APP_URL (e.g. http://app:3000 inside Docker). */
  INNGEST_SERVE_ORIGIN: z
    .string()
    .url()
    .refine((value) => /^https?:\/\//.test(value), "must start with https:// or http://")
    .transform((value) => value.replace(/\/+$/, ""))
    .optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** The previous TOKEN_ENCRYPTION_KEY, still accepted for decryption while `keys rotate` runs. */
  TOKEN_ENCRYPTION_KEY_PREVIOUS: z.string().min(32).optional(),
  /** Longest a single database statement of a page, action or API call may run; 0 = no limit. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  /** Proxies in front of the app that append to X-Forwarded-For (0: the app faces clients itself). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Sign-in attempts per minute from one client address (a burst of as many is allowed). */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  /** POST requests per minute from one client address (sign-in, forms, server actions). */
  POST_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(300),
  /** Server actions per minute by one signed-in user. */
  ACTION_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  /** "Refresh comments" per minute per desk when syncs run in-process (Inngest's throttle otherwise). */
  REPAIR_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Expensive page queries (ticket list, export batches) at once per process (the pool has 10 connections: fewer starved it in the load benchmark); more wait in line. */
  EXPENSIVE_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
});

export type Env = z.infer<typeof schema>;

export class InvalidEnvironmentError extends Error {}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new InvalidEnvironmentError(`Invalid environment: ${problems}`);
  }
  const env = result.data;
  if (env.NODE_ENV === "production" && inngestDevMode(env) && !env.INNGEST_DEV_IN_PRODUCTION) {
    throw new InvalidEnvironmentError(
      "INNGEST_DEV is set under NODE_ENV=production: in dev mode /api/inngest runs function steps for anyone, unsigned. " +
        "Unset it and use INNGEST_SIGNING_KEY, or set INNGEST_DEV_IN_PRODUCTION=1 for a server no one else can reach.",
    );
  }
  return env;
}

/** INNGEST_DEV on (`1`, `true`, or a dev server URL); `0`/`false` mean off, as the Inngest SDK reads them. */
export function inngestDevMode(env: Env): boolean {
  const value = env.INNGEST_DEV?.trim().toLowerCase();
  return Boolean(value) && !["0", "false", "no", "off"].includes(value!);
}

/** Whether an Inngest server schedules syncs (otherwise the app's own process does). */
export function inngestConfigured(env: Env): boolean {
  return Boolean(env.INNGEST_SIGNING_KEY || inngestDevMode(env) || env.INNGEST_BASE_URL);
}

/** Auth.js may build URLs from the request's Host only where the operator said so, or outside production. */
export function trustHost(env: Env): boolean {
  return env.AUTH_TRUST_HOST ?? env.NODE_ENV !== "production";
}
