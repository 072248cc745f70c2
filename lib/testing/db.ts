// A fresh, migrated database per test file, cloned from the template the global setup made.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { setContext } from "@/lib/context";
import { db, disconnectDatabase } from "@/lib/db/client";
import { parseEnv } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type TestDatabase = {
  url: string;
  prisma: PrismaClient;
  /** The database and secrets a child process (the CLI, a sync) needs; add other settings yourself. */
  childEnv: Record<string, string>;
  /** Runs the rest of the file with these settings instead (e.g. Inngest configured), on the same database. */
  useEnv: (env: Record<string, string>) => void;
  drop: () => Promise<void>;
};

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

const TEST_ENCRYPTION_KEY = randomBytes(32).toString("base64");

/** The settings a test process runs with, as prepareRuntime() would parse them; `env` overrides. */
export function testEnv(env: Record<string, string> = {}) {
  return parseEnv({ NODE_ENV: "test", TOKEN_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, AUTH_SECRET: TEST_ENCRYPTION_KEY, ...env });
}

/**
 * Creates the database and makes it this process's context (what prepareRuntime() does in the app),
 * so lib/db/client and everything above it use it. `env` adds settings, e.g. Inngest's.
 */
export async function createTestDatabase(env: Record<string, string> = {}): Promise<TestDatabase> {
  const name = `zdc_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE zdc_test_template`);
  const url = new URL(inject("pgAdminUrl"));
  url.pathname = `/${name}`;
  setContext({ env: testEnv(env), databaseUrl: url.toString() });
  return {
    url: url.toString(),
    prisma: db(),
    childEnv: { DATABASE_URL: url.toString(), TOKEN_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, AUTH_SECRET: TEST_ENCRYPTION_KEY },
    useEnv: (replacement) => setContext({ env: testEnv(replacement), databaseUrl: url.toString() }),
    drop: async () => {
      await disconnectDatabase();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** An empty database with nothing in it, for migration tests. */
export async function createEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `zdc_empty_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(inject("pgAdminUrl"));
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
