// The one Prisma client, on the database the runtime context names. Only lib/data, lib/sync and
// lib/db import it (enforced by ESLint).
import { PrismaPg } from "@prisma/adapter-pg";
import { context, onContextChange } from "@/lib/context";
import { PrismaClient } from "@/lib/generated/prisma/client";

const holder = globalThis as unknown as { prisma?: { url: string; client: PrismaClient } };

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
}

/** The process-wide client, created on first use; a new context (tests) gets a new client. */
export function db(): PrismaClient {
  const url = context().databaseUrl;
  if (holder.prisma?.url !== url) {
    void holder.prisma?.client.$disconnect().catch(() => {});
    holder.prisma = { url, client: createPrismaClient(url) };
  }
  return holder.prisma.client;
}

/** Closes the process-wide client (end of a CLI command, a test file). */
export async function disconnectDatabase(): Promise<void> {
  const current = holder.prisma;
  holder.prisma = undefined;
  await current?.client.$disconnect();
}

onContextChange(() => {
  if (holder.prisma && holder.prisma.url !== context().databaseUrl) void disconnectDatabase().catch(() => {});
});
