// The app's own secrets. In production they must come from the environment; in development they are
// generated once into DATA_DIR/secrets.json so a fresh clone starts without any setup.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Env } from "@/lib/env";

const NAMES = ["AUTH_SECRET", "TOKEN_ENCRYPTION_KEY"] as const;
type SecretName = (typeof NAMES)[number];

export class MissingSecretError extends Error {}

/** Fills missing secrets into `env` (development, from DATA_DIR/secrets.json) or throws (production). */
export function ensureSecrets(env: Env, log: (line: string) => void = console.warn): void {
  const missing = NAMES.filter((name) => !env[name]);
  if (missing.length === 0) return;
  if (env.NODE_ENV === "production") {
    throw new MissingSecretError(
      `${missing.join(" and ")} must be set in production (each at least 32 random characters, e.g. \`openssl rand -base64 32\`)`,
    );
  }
  const file = path.resolve(env.DATA_DIR, "secrets.json");
  const stored: Partial<Record<SecretName, string>> = existsSync(file)
    ? JSON.parse(readFileSync(file, "utf8"))
    : {};
  let generated = false;
  for (const name of missing) {
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString("base64");
      generated = true;
    }
    env[name] = stored[name];
  }
  if (generated) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    log(`Warning: ${missing.join(" and ")} not set; generated development values into ${file}. Set them in production.`);
  }
}
