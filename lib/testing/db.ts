// A fresh, migrated database per test file, cloned from the template the global setup made.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { connectDatabase } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type TestDatabase = { url: string; prisma: PrismaClient; drop: () => Promise<void> };

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Creates the database and points the process-wide Prisma client (lib/db/client) at it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `zdc_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE zdc_test_template`);
  const url = new URL(inject("pgAdminUrl"));
  url.pathname = `/${name}`;
  process.env.TOKEN_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  const prisma = await connectDatabase(url.toString());
  return {
    url: url.toString(),
    prisma,
    drop: async () => {
      await prisma.$disconnect();
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
