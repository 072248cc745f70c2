// The one Prisma client, on the database the runtime context names. Only lib/data, lib/sync and
// lib/db import it (enforced by ESLint). Every statement on it runs under DB_STATEMENT_TIMEOUT_MS, so
// no page, action or API call can hold the database for more than a few seconds; the sync's page
// transactions, which write thousands of rows, raise the limit for themselves (allowLongStatements).
import { PrismaPg } from "@prisma/adapter-pg";
import { context, onContextChange } from "@/lib/context";
import { PrismaClient } from "@/lib/generated/prisma/client";

const holder = globalThis as unknown as { prisma?: { url: string; timeoutMs: number; client: PrismaClient } };

/** `statementTimeoutMs` 0 means no limit. */
function createPrismaClient(connectionString: string, statementTimeoutMs = 0): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString,
      max: 10,
      // A startup parameter of each connection: PostgreSQL cancels any statement past it (SQLSTATE 57014).
      ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
      // No JIT: it compiles a query whose estimate is large (a list walking millions of rows to stop
      // after 50) for 50-200 ms, more than such a query then runs.
      options: "-c jit=off",
      // A server that is down should fail a request quickly rather than hang it.
      connectionTimeoutMillis: 5_000,
    }),
  });
}

/** The process-wide client, created on first use; a new context (tests) gets a new client. */
export function db(): PrismaClient {
  const { databaseUrl: url, env } = context();
  const timeoutMs = env.DB_STATEMENT_TIMEOUT_MS;
  if (holder.prisma?.url !== url || holder.prisma.timeoutMs !== timeoutMs) {
    void holder.prisma?.client.$disconnect().catch(() => {});
    holder.prisma = { url, timeoutMs, client: createPrismaClient(url, timeoutMs) };
  }
  return holder.prisma.client;
}

/** Statement time a sync's page transaction may use: bulk upserts of thousands of rows on a busy server. */
export const LONG_STATEMENT_MS = 300_000;

type Tx = { $executeRawUnsafe: (sql: string) => Promise<number> };

/** Inside a transaction: lifts the per-statement limit for the rest of it (SET LOCAL ends with it). */
export async function allowLongStatements(tx: Tx, ms = LONG_STATEMENT_MS): Promise<void> {
  await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${Math.trunc(ms)}`);
}

/** Closes the process-wide client (end of a CLI command, a test file). */
export async function disconnectDatabase(): Promise<void> {
  const current = holder.prisma;
  holder.prisma = undefined;
  await current?.client.$disconnect();
}

onContextChange(() => {
  const { databaseUrl, env } = context();
  if (holder.prisma && (holder.prisma.url !== databaseUrl || holder.prisma.timeoutMs !== env.DB_STATEMENT_TIMEOUT_MS)) void disconnectDatabase().catch(() => {});
});
