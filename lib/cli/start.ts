// `npm start`: prepares the runtime (embedded database, secrets, migrations), builds the web app when
// its build is missing or older than the sources, and serves it until interrupted. Syncing happens in
// the server process itself (instrumentation.ts), so `next start` and the Docker image sync the same way.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { prepareRuntime, type Runtime } from "@/lib/runtime";
import { countUsers } from "@/lib/data/users";

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

export type ServeOptions = { port: number; dev?: boolean; rebuild?: boolean; log?: (line: string) => void };

/** Builds when needed, serves, and resolves with the exit code once the server stops. */
export async function serveApp(runtime: Runtime, options: ServeOptions): Promise<number> {
  const log = options.log ?? ((line: string) => console.error(line));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: runtime.databaseUrl,
    AUTH_SECRET: runtime.env.AUTH_SECRET,
    TOKEN_ENCRYPTION_KEY: runtime.env.TOKEN_ENCRYPTION_KEY,
    // A local launcher serves whatever host the browser uses; behind a proxy, set AUTH_TRUST_HOST yourself.
    AUTH_TRUST_HOST: String(runtime.env.AUTH_TRUST_HOST ?? true),
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
    log(`No users yet: the server prints a one-time setup code below; open http://localhost:${options.port}/login with it to create the first admin (or \`npm run cli -- user add\`)`);
  }
  child = runNext(options.dev ? ["dev", "-p", String(options.port)] : ["start", "-p", String(options.port)], env);
  log(`Zendesk Data Collector: http://localhost:${options.port}${runtime.embedded ? ` (embedded database in ${path.join(runtime.env.DATA_DIR, "pg")})` : ""}`);
  log(
    runtime.syncs === "inngest"
      ? "Syncs are scheduled by Inngest (/api/inngest)"
      : "The server syncs active desks itself (no Inngest server configured)",
  );
  const code = await exitOf(child);
  return stopping ? 0 : code;
}

export function startCommand(): Command {
  return new Command("start")
    .description("serve the web app (building it first when needed) on the configured database")
    .option("--dev", "run `next dev` instead of a production build")
    .option("--port <port>", "port to listen on (default: PORT, else 3000)")
    .option("--rebuild", "build even when the build looks current")
    .action(async (opts) => {
      const runtime = await prepareRuntime((line) => console.error(line));
      const code = await serveApp(runtime, { port: Number(opts.port ?? runtime.env.PORT), dev: opts.dev, rebuild: opts.rebuild });
      await runtime.stop();
      process.exitCode = code;
    });
}
