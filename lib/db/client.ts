// The one Prisma client. Only lib/data, lib/sync and lib/db import it (enforced by ESLint).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
}

/** The process-wide client, created on first use from DATABASE_URL (set by prepareRuntime). */
export function db(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: call prepareRuntime() first");
    globalForPrisma.prisma = createPrismaClient(url);
  }
  return globalForPrisma.prisma;
}

/** Points the process-wide client at another database (tests, CLI). */
export async function connectDatabase(url: string): Promise<PrismaClient> {
  await globalForPrisma.prisma?.$disconnect();
  process.env.DATABASE_URL = url;
  globalForPrisma.prisma = createPrismaClient(url);
  return globalForPrisma.prisma;
}
