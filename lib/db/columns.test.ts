// The column registry against a migrated database: every column of every synced table is listed with
// its type, and nothing listed is missing, so the mapping, the upserts and the search cannot drop one.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SYNCED_TABLES } from "@/lib/db/columns";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

it.each(Object.entries(SYNCED_TABLES))("%s has exactly the registry's columns and types", async (table, columns) => {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ column_name: string; type: string }>(
      `SELECT a.attname AS column_name, format_type(a.atttypid, NULL) AS type FROM pg_attribute a
       WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      [table],
    );
    const inDatabase = Object.fromEntries(rows.map((r) => [r.column_name, r.type.replace("timestamp with time zone", "timestamptz")]));
    const listed = Object.fromEntries(Object.entries(columns).map(([name, column]) => [name, column.sql]));
    expect(listed).toEqual(inDatabase);
  } finally {
    await client.end();
  }
});
