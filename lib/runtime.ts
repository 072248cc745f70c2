// Everything a process needs before it touches data, chosen once: the parsed environment, secrets, a
// database (DATABASE_URL, or the embedded one) with migrations applied, and how syncs run (Inngest
// when configured, else in this install's own processes). The app, the CLI and the launcher all start
// here; the modules below read what it chose from lib/context.ts, never from process.env.
import path from "node:path";
import { setContext } from "@/lib/context";
import { disconnectDatabase } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { inngestConfigured, inngestDevMode, parseEnv, type Env } from "@/lib/env";
import { configureLog, log as logger } from "@/lib/log";
import { ensureSecrets } from "@/lib/secrets";

export type Runtime = {
  env: Env;
  databaseUrl: string;
  embedded: boolean;
  /** Inngest schedules and runs syncs, or the app's process (and the CLI) do. */
  syncs: "inngest" | "in-process";
  /** Closes the database client and stops an embedded server this process started. */
  stop: () => Promise<void>;
};

const holder = globalThis as unknown as { runtime?: Promise<Runtime> };

async function prepare(log: (line: string) => void, source: NodeJS.ProcessEnv): Promise<Runtime> {
  const env = parseEnv(source);
  configureLog(env);
  if (env.NODE_ENV === "production" && inngestDevMode(env)) {
    log("Warning: INNGEST_DEV is on in production (INNGEST_DEV_IN_PRODUCTION=1): /api/inngest runs function steps for ANYONE who reaches it, unsigned. Never expose this server.");
  }
  ensureSecrets(env, log);
  let databaseUrl = env.DATABASE_URL;
  let stopDatabase = async () => {};
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(env.DATA_DIR, "pg"),
      port: env.EMBEDDED_PG_PORT,
      log,
    });
    databaseUrl = embedded.url;
    stopDatabase = embedded.stop;
  }
  const applied = await migrate(databaseUrl, { log });
  if (applied.length > 0) log(`Applied ${applied.length} migration(s)`);
  setContext({ env, databaseUrl });
  const stop = async () => {
    await disconnectDatabase().catch(() => {});
    await stopDatabase();
  };
  return { env, databaseUrl, embedded: !env.DATABASE_URL, syncs: inngestConfigured(env) ? "inngest" : "in-process", stop };
}

/** Idempotent within a process: the second caller gets the first caller's runtime. */
export function prepareRuntime(log: (line: string) => void = (line) => (line.startsWith("Warning: ") ? logger.warn(line.slice(9)) : logger.info(line)), source: NodeJS.ProcessEnv = process.env): Promise<Runtime> {
  holder.runtime ??= prepare(log, source).catch((error) => {
    holder.runtime = undefined;
    throw error;
  });
  return holder.runtime;
}
