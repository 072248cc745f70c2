// `npm start`: prepares the runtime (embedded database, secrets, migrations), builds the web app when
// its build is missing or older than the sources, and serves it until interrupted.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { prepareRuntime, type Runtime } from "@/lib/runtime";
import { countUsers } from "@/lib/data/users";
import { inngestConfigured } from "@/lib/env";
import { startSyncLoop } from "@/lib/sync/loop";

const SOURCES = ["app", "components", "lib", "inngest", "public", "instrumentation.ts", "next.config.ts", "package-lock.json"];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === "generated" || entry.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function buildIsStale(): boolean {
  const buildId = path.resolve(".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.resolve(source)) > built);
}

function runNext(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const bin = path.resolve("node_modules", "next", "dist", "bin", "next");
  // Same process group: a signal to the group (Ctrl-C, a supervisor) reaches next-server too.
  return spawn(process.execPath, [bin, ...args], { stdio: "inherit", env });
}

function exitOf(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

export type ServeOptions = { port: number; dev?: boolean; rebuild?: boolean; log?: (line: string) => void; onServing?: () => void };

/** Builds when needed, serves, and resolves with the exit code once the server stops. */
export async function serveApp(runtime: Runtime, options: ServeOptions): Promise<number> {
  const log = options.log ?? ((line: string) => console.error(line));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: runtime.databaseUrl,
    AUTH_SECRET: runtime.env.AUTH_SECRET,
    TOKEN_ENCRYPTION_KEY: runtime.env.TOKEN_ENCRYPTION_KEY,
    AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? "true",
    PORT: String(options.port),
  };
  let child: ChildProcess | undefined;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (child?.pid && child.exitCode === null) {
      child.kill("SIGTERM");
      await exitOf(child);
    }
  };
  const onSignal = () => void stop();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  if (!options.dev && (options.rebuild || buildIsStale())) {
    log("Building the web app (next build)…");
    child = runNext(["build"], { ...env, NODE_ENV: "production" });
    const code = await exitOf(child);
    if (code !== 0 || stopping) return code || 1;
  }
  if ((await countUsers()) === 0) {
    log(`No users yet: open http://localhost:${options.port}/login to create the first admin (or \`npm run cli -- user add\`)`);
  }
  child = runNext(options.dev ? ["dev", "-p", String(options.port)] : ["start", "-p", String(options.port)], env);
  log(`Zendesk Data Collector: http://localhost:${options.port}${runtime.embedded ? ` (embedded database in ${path.join(runtime.env.DATA_DIR, "pg")})` : ""}`);
  options.onServing?.();
  const code = await exitOf(child);
  return stopping ? 0 : code;
}

export function startCommand(): Command {
  return new Command("start")
    .description("serve the web app (building it first when needed) on the configured database")
    .option("--dev", "run `next dev` instead of a production build")
    .option("--port <port>", "port to listen on", process.env.PORT ?? "3000")
    .option("--rebuild", "build even when the build looks current")
    .action(async (opts) => {
      const runtime = await prepareRuntime((line) => console.error(line));
      // Without an Inngest server, this process schedules the syncs; it stops them before the database.
      const syncStop = new AbortController();
      let syncLoop: Promise<void> | undefined;
      const startSyncing = () => {
        if (inngestConfigured(runtime.env)) return console.error("Syncs are scheduled by Inngest (/api/inngest)");
        console.error("Syncing active desks in this process (no Inngest server configured)");
        syncLoop = startSyncLoop({ signal: syncStop.signal, log: (line) => console.error(`sync: ${line}`) });
      };
      const code = await serveApp(runtime, { port: Number(opts.port), dev: opts.dev, rebuild: opts.rebuild, onServing: startSyncing });
      syncStop.abort();
      await syncLoop;
      await runtime.stop();
      process.exitCode = code;
    });
}
