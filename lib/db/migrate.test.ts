import { cp, mkdtemp, writeFile, mkdir, appendFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { defaultMigrationsDir, migrate, MigrationError, readMigrations } from "@/lib/db/migrate";
import { createEmptyDatabase } from "@/lib/testing/db";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function emptyDb() {
  const database = await createEmptyDatabase();
  cleanups.push(database.drop);
  return database.url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "zdc-migrations-"));
  await cp(defaultMigrationsDir(), dir, { recursive: true });
  return dir;
}

describe("migrate", () => {
  it("records each migration in _prisma_migrations as prisma migrate deploy does, and is idempotent", async () => {
    const url = await emptyDb();
    const local = await readMigrations();
    expect(await migrate(url)).toEqual(local.map((m) => m.name));
    expect(await migrate(url)).toEqual([]);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(local.map((m) => [m.name, m.checksum, 1]));
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
  });

  it("lets two processes race without applying anything twice", async () => {
    const url = await emptyDb();
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    expect(results.flat()).toHaveLength((await readMigrations()).length);
    const [{ count }] = (await query<{ count: string }>(url, `SELECT count(*) FROM _prisma_migrations`)) as [{ count: string }];
    expect(Number(count)).toBe((await readMigrations()).length);
  });

  it("refuses to start when an applied migration was edited", async () => {
    const url = await emptyDb();
    const dir = await copyOfMigrations();
    await migrate(url, { dir });
    const [first] = await readMigrations(dir);
    await appendFile(path.join(dir, first!.name, "migration.sql"), "\n-- edited\n");
    await expect(migrate(url, { dir })).rejects.toThrow(/changed after it was applied \(checksum mismatch\)/);
  });

  it("rolls back a failing migration completely and applies nothing after it", async () => {
    const url = await emptyDb();
    const dir = await copyOfMigrations();
    await mkdir(path.join(dir, "99990101000000_broken"));
    await writeFile(path.join(dir, "99990101000000_broken", "migration.sql"), `CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;`);
    await mkdir(path.join(dir, "99990102000000_after"));
    await writeFile(path.join(dir, "99990102000000_after", "migration.sql"), `CREATE TABLE after_broken (id int);`);
    const error = await migrate(url, { dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/99990101000000_broken failed: .*no_such_table/);
    const tables = await query<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_name IN ('half_done', 'after_broken')`);
    expect(tables).toEqual([]);
    const names = await query<{ migration_name: string }>(url, `SELECT migration_name FROM _prisma_migrations`);
    expect(names.map((n) => n.migration_name)).not.toContain("99990101000000_broken");
  });

  it("refuses a database migrated by a newer version", async () => {
    const url = await emptyDb();
    await migrate(url);
    await query(url, `INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at) VALUES ('x', 'y', '99991231000000_future', now())`);
    await expect(migrate(url)).rejects.toThrow(/does not know \(99991231000000_future\)/);
  });
});
