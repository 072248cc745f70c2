// Applies prisma/migrations the way `prisma migrate deploy` does (same _prisma_migrations table, same
// advisory lock, same checksums), because the Prisma migration engine cannot be downloaded everywhere
// this app runs. Each migration runs in one transaction: a failure leaves nothing half-applied.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { refreshAnalystViews } from "@/lib/db/analyst-views";

/** The lock key `prisma migrate` takes, so this runner and Prisma's exclude each other. */
const PRISMA_ADVISORY_LOCK = 72707369;

export type LocalMigration = { name: string; sql: string; checksum: string };

export class MigrationError extends Error {}

export const defaultMigrationsDir = () => path.join(process.cwd(), "prisma", "migrations");

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export async function readMigrations(dir = defaultMigrationsDir()): Promise<LocalMigration[]> {
  // The migrations are read at run time from the working directory, not bundled into the server.
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: sha256(sql) };
    }),
  );
}

/** Prisma accepts a checksum computed with either line ending, so a checkout on Windows still matches. */
function sameScript(recorded: string, migration: LocalMigration): boolean {
  return (
    recorded === migration.checksum ||
    recorded === sha256(migration.sql.replace(/\r\n/g, "\n")) ||
    recorded === sha256(migration.sql.replace(/\r?\n/g, "\r\n"))
  );
}

type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

/**
 * The analyst views follow the schema: a release that changes a ticket column rebuilds them here.
 * A view an analyst's long query holds is left for the next start rather than blocking this one.
 */
async function refreshViews(client: pg.Client, log?: (line: string) => void): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query("SET LOCAL lock_timeout = '3s'");
    await refreshAnalystViews(async (text, params) => (await client.query(text, params)).rows);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    log?.(`Warning: the analyst views were not refreshed (${(error as Error).message}); they will be on the next start`);
  }
}

export async function migrate(
  databaseUrl: string,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<string[]> {
  const local = await readMigrations(options.dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"
       WHERE rolled_back_at IS NULL ORDER BY started_at`,
    );
    const failed = rows.find((r) => r.finished_at === null);
    if (failed) {
      throw new MigrationError(
        `Migration ${failed.migration_name} started but never finished; resolve it (prisma migrate resolve) before starting again`,
      );
    }
    const applied = new Map(rows.map((r) => [r.migration_name, r]));
    const known = new Set(local.map((m) => m.name));
    const unknown = rows.filter((r) => !known.has(r.migration_name)).map((r) => r.migration_name);
    if (unknown.length > 0) {
      throw new MigrationError(
        `The database has migrations this version does not know (${unknown.join(", ")}): run a newer version of the app`,
      );
    }

    const done: string[] = [];
    for (const migration of local) {
      const row = applied.get(migration.name);
      if (row) {
        if (!sameScript(row.checksum, migration)) {
          throw new MigrationError(
            `Migration ${migration.name} was changed after it was applied (checksum mismatch); restore the original file`,
          );
        }
        continue;
      }
      options.log?.(`Applying migration ${migration.name}`);
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      done.push(migration.name);
    }
    await refreshViews(client, options.log);
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => {});
    await client.end();
  }
}
