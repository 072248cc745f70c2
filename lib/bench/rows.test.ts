// The pages database is filled without the sync; these tests hold its rows to what the sync itself
// stores for the same generated account, column by column.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyIn, copyLine } from "@/lib/bench/copy";
import { DESKS, deskPeople } from "@/lib/bench/data-model";
import { benchAccount } from "@/lib/bench/fake-account";
import { generateTicket } from "@/lib/bench/generate-ticket";
import { COMMENT_COLUMNS, TICKET_COLUMNS, commentRow, ticketRow } from "@/lib/bench/rows";
import { addDesk, startFakeZendesk, syncDeskOnce, type FakeZendesk } from "@/lib/bench/targets";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

const TICKETS = 120;
let database: TestDatabase;
let fake: FakeZendesk;
let client: pg.Client;
let desk: { id: number; domain: string };

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeZendesk(benchAccount(TICKETS));
  desk = { id: await addDesk(fake, 100), domain: fake.host };
  const summary = await syncDeskOnce(desk.id, { liftExportLimit: true });
  expect(summary).toMatchObject({ tickets: TICKETS, badItems: 0, caughtUp: true });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
}, 60_000);

afterAll(async () => {
  await client?.end();
  await fake?.close();
  await database?.drop();
});

/** Columns whose stored values differ between the synced rows and the generated ones. */
async function differingColumns(table: string, columns: readonly string[], key: string, lines: string[]): Promise<string[]> {
  const compared = columns.filter((c) => c !== "synced_at");
  await client.query(`CREATE TEMP TABLE expected AS SELECT ${columns.join(", ")} FROM ${table} WHERE false`);
  try {
    expect(await copyIn(client, `COPY expected (${columns.join(", ")}) FROM STDIN`, lines)).toBe(lines.length);
    const differing: string[] = [];
    for (const column of compared) {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM (SELECT ${key}, ${column} FROM expected EXCEPT SELECT ${key}, ${column} FROM ${table}) d`,
      );
      if (rows[0].n > 0) differing.push(column);
    }
    return differing;
  } finally {
    await client.query("DROP TABLE expected");
  }
}

describe("generated rows", () => {
  const people = deskPeople(DESKS[0]!);
  const generated = Array.from({ length: TICKETS }, (_, i) => generateTicket(people, i, TICKETS));

  it("are the rows the sync stores for the same tickets", async () => {
    const lines = generated.map((g) => copyLine(ticketRow(desk, g, "2026-01-01T00:00:00Z")));
    expect(await differingColumns("zendesk_tickets", TICKET_COLUMNS, "zendesk_id", lines)).toEqual([]);
  });

  it("are the comments the sync stores for the same tickets", async () => {
    const lines = generated.flatMap((g) => g.comments.map((c) => copyLine(commentRow(desk, g.ticket.id, c, "2026-01-01T00:00:00Z"))));
    const { rows } = await client.query("SELECT count(*)::int AS n FROM zendesk_ticket_comments");
    expect(rows[0].n).toBe(lines.length);
    expect(await differingColumns("zendesk_ticket_comments", COMMENT_COLUMNS, "comment_id", lines)).toEqual([]);
  });
});
