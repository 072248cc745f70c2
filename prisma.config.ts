// Prisma CLI settings. The app applies migrations itself (lib/db/migrate.ts); this file serves
// `prisma generate` here and `prisma migrate deploy` wherever the Prisma engines can be downloaded.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/zendesk" },
});
