// The analyst views on a desk synced from the fake Zendesk: custom fields as typed columns named from
// their titles, following a field added, renamed and deleted in Zendesk; the joined views; the
// original collector's comments-in-raw_data shape; a comment on every view column; and the read-only
// role analysts and BI tools connect with.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deskViewName } from "@/lib/db/analyst-views";
import { ensureReaderRole, ReaderRoleError } from "@/lib/db/reader-role";
import { removeDesk } from "@/lib/desks";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { testCaller } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

let database: TestDatabase;
let fake: FakeZendesk;
let deskId: number;
let view: string;
const sync = () => syncDesk(deskId, { steps: inlineSteps, trigger: "cli", tuning: { exportLimitPerWindow: 10_000 } });

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({ seed: 31, tickets: 30 });
  deskId = (await addFakeDesk(fake)).id;
  view = deskViewName(fake.host);
  expect((await sync()).error).toBeUndefined();
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

async function columnsOf(name: string): Promise<Record<string, string>> {
  const rows = await database.prisma.$queryRaw<{ column: string; type: string }[]>`
    SELECT a.attname AS column, format_type(a.atttypid, NULL) AS type FROM pg_attribute a
    WHERE a.attrelid = ${name}::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`;
  return Object.fromEntries(rows.map((r) => [r.column, r.type]));
}

describe("the desk's tickets view", () => {
  it("has each custom field as a typed column named from its title, with the tickets' values", async () => {
    expect(view).toBe(`tickets_127_0_0_1_${new URL(fake.url).port}`);
    const columns = await columnsOf(view);
    expect(columns).toMatchObject({ zendesk_id: "bigint", subject: "text", product: "text", order_number: "numeric", vip: "boolean", notes: "text", regions: "text[]" });
    // System fields are ticket columns already; raw JSON stays in the table.
    expect(columns).not.toHaveProperty("raw_data");
    expect(Object.keys(columns).filter((c) => c.startsWith("subject"))).toEqual(["subject"]);

    const rows = await database.prisma.$queryRawUnsafe<{ zendesk_id: bigint; product: string | null; order_number: unknown; vip: boolean | null; custom_fields: Record<string, unknown> }[]>(
      `SELECT v.zendesk_id, v.product, v.order_number::float8 AS order_number, v.vip, t.custom_fields FROM "${view}" v JOIN zendesk_tickets t ON t.id = v.id ORDER BY v.zendesk_id`,
    );
    expect(rows).toHaveLength(30);
    for (const row of rows) {
      expect(row.product).toBe(row.custom_fields["101"] ?? null);
      expect(row.order_number).toBe(row.custom_fields["102"] === null || row.custom_fields["102"] === undefined ? null : Number(row.custom_fields["102"]));
      expect(row.vip).toBe(row.custom_fields["103"] ?? null);
    }
  });

  it("follows a field added, renamed and deleted in Zendesk, at the next sync", async () => {
    fake.state.addTicketField({ id: 120, title: "Renewal date", type: "date" });
    const ticket = fake.state.order[0]!;
    fake.state.updateTicket(ticket.id, { custom_fields: [...(ticket.custom_fields as { id: number; value: unknown }[]), { id: 120, value: "2027-03-01" }] });
    await sync();
    expect(await columnsOf(view)).toMatchObject({ renewal_date: "date" });
    const [added] = await database.prisma.$queryRawUnsafe<{ renewal_date: Date }[]>(`SELECT renewal_date FROM "${view}" WHERE zendesk_id = ${ticket.id}`);
    expect(added!.renewal_date.toISOString().slice(0, 10)).toBe("2027-03-01");

    const field = fake.state.account.ticketFields.find((f) => f.id === 102)!;
    field.title = "Order №";
    await sync();
    const renamed = await columnsOf(view);
    expect(renamed).toHaveProperty("order_no", "numeric");
    expect(renamed).not.toHaveProperty("order_number");

    fake.state.account.ticketFields.splice(fake.state.account.ticketFields.findIndex((f) => f.id === 104), 1);
    await sync();
    expect(await columnsOf(view)).not.toHaveProperty("notes");
    // The values stay in the table for whoever needs them.
    expect(await database.prisma.zendeskTicket.count({ where: { deskId, customFields: { path: ["104"], not: "null" } } })).toBeGreaterThan(0);
  });

  it("is rebuilt only when its definition changes", async () => {
    const before = await database.prisma.$queryRaw<{ refreshed_at: Date }[]>`SELECT refreshed_at FROM analyst_views WHERE name = ${view}`;
    await sync();
    expect(await database.prisma.$queryRaw`SELECT refreshed_at FROM analyst_views WHERE name = ${view}`).toEqual(before);
  });
});

describe("the views over every desk", () => {
  it("keep the original collector's shape: the ticket's comments inside raw_data", async () => {
    const [row] = await database.prisma.$queryRaw<{ comments: number; stored: number }[]>`
      SELECT jsonb_array_length(v.raw_data -> 'comments') AS comments,
        (SELECT count(*)::int FROM zendesk_ticket_comments c WHERE c.domain = v.domain AND c.ticket_id = v.zendesk_id) AS stored
      FROM zendesk_tickets_with_comments v WHERE v.desk_id = ${deskId} ORDER BY v.zendesk_id LIMIT 1`;
    expect(row!.comments).toBe(row!.stored);
    expect(row!.comments).toBeGreaterThan(0);
  });

  it("join comments to their authors and tickets to their people", async () => {
    const [comment] = await database.prisma.$queryRaw<{ author_name: string | null; ticket_subject: string | null }[]>`
      SELECT author_name, ticket_subject FROM ticket_comments_with_authors WHERE desk_id = ${deskId} LIMIT 1`;
    expect(comment!.author_name).toBeTruthy();
    expect(comment!.ticket_subject).toBeTruthy();
    const people = await database.prisma.$queryRaw<{ requester_email: string | null; req_email: string | null }[]>`
      SELECT p.requester_email, t.req_email FROM tickets_with_people p JOIN zendesk_tickets t ON t.id = p.id WHERE p.desk_id = ${deskId}`;
    expect(people.every((p) => p.requester_email === p.req_email)).toBe(true);
  });

  it("describe every column for analysts", async () => {
    const undocumented = await database.prisma.$queryRaw<{ column: string }[]>`
      SELECT v.name || '.' || a.attname AS column FROM analyst_views v JOIN pg_attribute a ON a.attrelid = to_regclass(quote_ident(v.name))
      WHERE a.attnum > 0 AND col_description(a.attrelid, a.attnum) IS NULL`;
    expect(undocumented).toEqual([]);
    const views = await database.prisma.$queryRaw<{ name: string; comment: string | null }[]>`
      SELECT name, obj_description(to_regclass(quote_ident(name)), 'pg_class') AS comment FROM analyst_views ORDER BY name`;
    expect(views.map((v) => v.name)).toEqual(["ticket_comments_with_authors", view, "tickets_with_people", "zendesk_tickets_with_comments"].sort());
    expect(views.every((v) => v.comment)).toBe(true);
  });
});

describe("db reader", () => {
  const name = `bi_${Math.random().toString(36).slice(2, 8)}`;

  async function asReader(url: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return client;
  }

  it("reads the synced tables and the views, and nothing else; cannot write", async () => {
    const reader = await ensureReaderRole(database.url, name);
    expect(reader).toMatchObject({ created: true, views: expect.arrayContaining([view, "zendesk_tickets_with_comments"]) });
    expect(reader.url).not.toContain("test:test");
    const client = await asReader(reader.url);
    try {
      expect((await client.query(`SELECT count(*)::int AS n FROM "${view}"`)).rows[0].n).toBe(30);
      expect((await client.query(`SELECT count(*)::int AS n FROM zendesk_ticket_comments`)).rows[0].n).toBeGreaterThan(0);
      for (const secret of ["desks", "admin_users"]) {
        await expect(client.query(`SELECT * FROM ${secret}`)).rejects.toMatchObject({ code: "42501" });
      }
      await expect(client.query(`UPDATE zendesk_tickets SET subject = 'x'`)).rejects.toMatchObject({ code: expect.stringMatching(/^(42501|25006)$/) });
      await expect(client.query(`CREATE TABLE stolen (x int)`)).rejects.toMatchObject({ code: expect.stringMatching(/^(42501|25006)$/) });
    } finally {
      await client.end();
    }
  });

  it("rotates the password when run again, and follows new views", async () => {
    const first = await ensureReaderRole(database.url, name);
    const second = await ensureReaderRole(database.url, name);
    expect(second.created).toBe(false);
    await expect(asReader(first.url)).rejects.toThrow(/password authentication failed/);
    fake.state.addTicketField({ id: 130, title: "Tier", type: "tagger" });
    await sync();
    const client = await asReader(second.url);
    try {
      expect((await client.query(`SELECT tier FROM "${view}" LIMIT 1`)).rows).toHaveLength(1);
    } finally {
      await client.end();
    }
  });

  it("refuses a name it must not take", async () => {
    await expect(ensureReaderRole(database.url, "test")).rejects.toThrow(ReaderRoleError);
    await expect(ensureReaderRole(database.url, "Robert'); DROP TABLE desks;--")).rejects.toThrow(/--name: use lower-case letters/);
  });

  it("drops a removed desk's view", async () => {
    await removeDesk(testCaller(), deskId);
    expect(await database.prisma.$queryRaw`SELECT to_regclass(${view})::text AS view`).toEqual([{ view: null }]);
    await database.prisma.$executeRawUnsafe(`DROP OWNED BY "${name}"`);
    await database.prisma.$executeRawUnsafe(`DROP ROLE "${name}"`);
  });
});
