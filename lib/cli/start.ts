// `npm start`: prepares the runtime (embedded database, secrets, migrations), builds the web app when
// its build is missing or older than the sources, and serves it until interrupted.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { prepareRuntime } from "@/lib/runtime";
import { countUsers } from "@/lib/data/users";

const SOURCES = ["app", "components", "lib", "inngest", "public", "next.config.ts", "package-lock.json"];

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

function nextBin(): string {
  return path.resolve("node_modules", "next", "dist", "bin", "next");
}

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // Own process group, so stopping it also stops the next-server child it forks.
  return spawn(process.execPath, [nextBin(), ...args], { stdio: "inherit", env, detached: true });
}

function waitFor(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

export function startCommand(): Command {
  return new Command("start")
    .description("serve the web app (building it first when needed) on the configured database")
    .option("--dev", "run `next dev` instead of a production build")
    .option("--port <port>", "port to listen on", process.env.PORT ?? "3000")
    .option("--rebuild", "build even when the build looks current")
    .action(async (opts) => {
      const runtime = await prepareRuntime((line) => console.error(line));
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: runtime.databaseUrl,
        AUTH_SECRET: runtime.env.AUTH_SECRET,
        TOKEN_ENCRYPTION_KEY: runtime.env.TOKEN_ENCRYPTION_KEY,
        AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? "true",
        PORT: String(opts.port),
      };
      let child: ChildProcess | undefined;
      let stopping = false;
      const shutdown = async (code: number) => {
        if (stopping) return;
        stopping = true;
        if (child?.pid && child.exitCode === null) {
          try {
            process.kill(-child.pid, "SIGTERM");
          } catch {
            // already gone
          }
          await waitFor(child);
        }
        await runtime.stop();
        process.exit(code);
      };
      process.on("SIGINT", () => void shutdown(130));
      process.on("SIGTERM", () => void shutdown(143));

      if (!opts.dev && (opts.rebuild || buildIsStale())) {
        console.error("Building the web app (next build)…");
        child = run(["build"], { ...env, NODE_ENV: "production" });
        const code = await waitFor(child);
        if (code !== 0) {
          console.error("error: next build failed");
          return shutdown(code);
        }
      }
      if ((await countUsers()) === 0) {
        console.error(
          "No users yet: open the app to create the first admin, or run `npm run cli -- user add --email you@example.com --role admin`",
        );
      }
      child = run(opts.dev ? ["dev", "-p", String(opts.port)] : ["start", "-p", String(opts.port)], env);
      console.error(`Zendesk Data Collector: http://localhost:${opts.port}${runtime.embedded ? " (embedded database in .data/pg)" : ""}`);
      await shutdown(await waitFor(child));
    });
}
