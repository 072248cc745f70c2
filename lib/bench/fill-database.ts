// Fills an empty, migrated database with the data model's three desks and `total` tickets (and their
// comments) by COPY, as the sync would have stored them. The secondary indexes of the two big tables
// are dropped first and rebuilt from their own definitions afterwards (minutes instead of hours at
// 2,000,000 tickets), so whatever indexes the migrations define are the ones measured.
import { once } from "node:events";
import { PassThrough } from "node:stream";
import pg from "pg";
import { copyIn, copyLine } from "@/lib/bench/copy";
import { DESKS, END, deskPeople, ticketsPerDesk } from "@/lib/bench/data-model";
import { apiGroups, apiOrganizations, apiTicketFields, apiUser } from "@/lib/bench/entities";
import { generateTicket, iso } from "@/lib/bench/generate-ticket";
import { COMMENT_COLUMNS, FIELD_COLUMNS, GROUP_COLUMNS, ORGANIZATION_COLUMNS, TICKET_COLUMNS, USER_COLUMNS, commentRow, fieldRow, groupRow, organizationRow, ticketRow, userRow } from "@/lib/bench/rows";

const SYNCED_AT = iso(END);
const BIG_TABLES = ["zendesk_tickets", "zendesk_ticket_comments"];
/** Tables whose indexes are rebuilt after the load: the big two and the typed field values their triggers fill. */
const REINDEXED = [...BIG_TABLES, "zendesk_ticket_field_values"];

const copySql = (table: string, columns: readonly string[]) => `COPY ${table} (${columns.join(", ")}) FROM STDIN`;

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Bulk load settings for this session only; the server's own settings are what the pages meet.
  await client.query("SET synchronous_commit = off; SET maintenance_work_mem = '1GB'");
  return client;
}

/** Writes to a stream, waiting when it is full, and fails fast when the COPY reading it failed. */
async function write(stream: PassThrough, text: string, failed: Promise<never>): Promise<void> {
  if (!stream.write(text)) await Promise.race([once(stream, "drain"), failed]);
}

async function secondaryIndexes(client: pg.Client): Promise<{ name: string; definition: string }[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     WHERE i.indrelid = ANY($1::regclass[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [REINDEXED],
  );
  return rows;
}

async function insertDesks(client: pg.Client): Promise<{ id: number; domain: string }[]> {
  const { rows } = await client.query<{ id: number; domain: string }>(
    `INSERT INTO desks (domain, base_url, name, email, token_ciphertext, fields_synced_at, last_success_at, newest_change_at)
     SELECT d.domain, 'https://' || d.domain, d.name, 'bench@' || d.domain, 'bench: no token', $2::timestamptz, $2::timestamptz, $2::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS d(domain text, name text)
     RETURNING id, domain`,
    [JSON.stringify(DESKS.map((d) => ({ domain: d.domain, name: d.name }))), SYNCED_AT],
  );
  return DESKS.map((d) => rows.find((r) => r.domain === d.domain)!);
}

async function fillPeople(client: pg.Client, desks: { id: number; domain: string }[]): Promise<void> {
  const lines = { users: [] as string[], groups: [] as string[], organizations: [] as string[], fields: [] as string[] };
  DESKS.forEach((spec, i) => {
    const desk = desks[i]!;
    const people = deskPeople(spec);
    for (const person of [...people.agents, ...people.endUsers]) lines.users.push(copyLine(userRow(desk, apiUser(people, person), SYNCED_AT)));
    for (const group of apiGroups(people)) lines.groups.push(copyLine(groupRow(desk, group, SYNCED_AT)));
    for (const organization of apiOrganizations(people)) lines.organizations.push(copyLine(organizationRow(desk, organization, SYNCED_AT)));
    for (const field of apiTicketFields(spec.number)) lines.fields.push(copyLine(fieldRow(desk, field, SYNCED_AT)));
  });
  await copyIn(client, copySql("zendesk_users", USER_COLUMNS), [lines.users.join("")]);
  await copyIn(client, copySql("zendesk_groups", GROUP_COLUMNS), [lines.groups.join("")]);
  await copyIn(client, copySql("zendesk_organizations", ORGANIZATION_COLUMNS), [lines.organizations.join("")]);
  await copyIn(client, copySql("zendesk_ticket_fields", FIELD_COLUMNS), [lines.fields.join("")]);
}

/** Tickets and comments stream into two COPYs at once, generated in batches. */
async function fillTickets(url: string, desks: { id: number; domain: string }[], total: number, log: (line: string) => void): Promise<void> {
  const [ticketClient, commentClient] = await Promise.all([connect(url), connect(url)]);
  try {
    const tickets = new PassThrough();
    const comments = new PassThrough();
    // FREEZE (the table emptied in the same transaction): rows arrive frozen and all-visible, as a
    // vacuumed table's are, and the VACUUM afterwards need not rewrite gigabytes.
    const frozenCopy = async (client: pg.Client, table: string, columns: readonly string[], source: PassThrough) => {
      // CASCADE: the typed field values refer to the tickets (and are empty here too).
      await client.query(`BEGIN; TRUNCATE ${table} CASCADE`);
      await copyIn(client, `${copySql(table, columns)} WITH (FREEZE)`, source);
      await client.query("COMMIT");
    };
    const copies = Promise.all([
      frozenCopy(ticketClient, "zendesk_tickets", TICKET_COLUMNS, tickets),
      frozenCopy(commentClient, "zendesk_ticket_comments", COMMENT_COLUMNS, comments),
    ]);
    const failed = copies.then(() => new Promise<never>(() => {}));
    failed.catch(() => {}); // `copies` is awaited below and reports the error
    const counts = ticketsPerDesk(total);
    const started = Date.now();
    let done = 0;
    for (const [i, spec] of DESKS.entries()) {
      const desk = desks[i]!;
      const people = deskPeople(spec);
      const count = counts[i]!;
      for (let from = 0; from < count; from += 1000) {
        let ticketText = "";
        let commentText = "";
        for (let index = from; index < Math.min(count, from + 1000); index++) {
          const generated = generateTicket(people, index, count);
          ticketText += copyLine(ticketRow(desk, generated, SYNCED_AT));
          for (const comment of generated.comments) commentText += copyLine(commentRow(desk, generated.ticket.id, comment, SYNCED_AT));
        }
        await write(tickets, ticketText, failed);
        await write(comments, commentText, failed);
        done += Math.min(1000, count - from);
        if (done % 100_000 < 1000) log(`  ${done.toLocaleString("en-US")} tickets (${Math.round(done / ((Date.now() - started) / 1000))}/s)`);
      }
    }
    tickets.end();
    comments.end();
    await copies;
  } finally {
    await Promise.all([ticketClient.end(), commentClient.end()]);
  }
}

export async function fillDatabase(url: string, total: number, log: (line: string) => void): Promise<void> {
  const client = await connect(url);
  try {
    const desks = await insertDesks(client);
    await fillPeople(client, desks);
    const indexes = await secondaryIndexes(client);
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    log(`Generating ${total.toLocaleString("en-US")} tickets with their comments (indexes dropped, rebuilt after)`);
    await fillTickets(url, desks, total, log);
    for (const index of indexes) {
      const started = Date.now();
      await client.query(index.definition);
      log(`  index ${index.name} rebuilt in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    // As autovacuum leaves a settled table: statistics, and the visibility map index-only scans need.
    await client.query(`VACUUM (ANALYZE) ${["desks", "zendesk_users", "zendesk_groups", "zendesk_organizations", "zendesk_ticket_fields", ...REINDEXED].join(", ")}`);
  } finally {
    await client.end();
  }
}
