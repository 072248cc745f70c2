// Everything a process needs before it touches data: parsed environment, secrets, a database
// (DATABASE_URL, or the embedded one), and migrations applied. The app, the CLI and the launcher
// all start here.
import path from "node:path";
import { parseEnv, type Env } from "@/lib/env";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { ensureSecrets } from "@/lib/secrets";

export type Runtime = { env: Env; databaseUrl: string; embedded: boolean; stop: () => Promise<void> };

const globalForRuntime = globalThis as unknown as { runtime?: Promise<Runtime> };

async function prepare(log: (line: string) => void): Promise<Runtime> {
  const env = parseEnv();
  ensureSecrets(env, log);
  let databaseUrl = env.DATABASE_URL;
  let stop = async () => {};
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(env.DATA_DIR, "pg"),
      port: env.EMBEDDED_PG_PORT,
      log,
    });
    databaseUrl = embedded.url;
    stop = embedded.stop;
    process.env.DATABASE_URL = databaseUrl;
  }
  const applied = await migrate(databaseUrl, { log });
  if (applied.length > 0) log(`Applied ${applied.length} migration(s)`);
  return { env, databaseUrl, embedded: !env.DATABASE_URL, stop };
}

/** Idempotent within a process: the second caller gets the first caller's runtime. */
export function prepareRuntime(log: (line: string) => void = console.error): Promise<Runtime> {
  globalForRuntime.runtime ??= prepare(log).catch((error) => {
    globalForRuntime.runtime = undefined;
    throw error;
  });
  return globalForRuntime.runtime;
}
