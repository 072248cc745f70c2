// Bulk upserts: one INSERT … SELECT FROM jsonb_to_recordset(<one JSON parameter>) per table and page.
// Column names come from the registry (lib/db/columns.ts); every value travels in the JSON parameter.
// Rows are written in key order: an export page and a real-time fetch writing the same users or
// tickets at once then lock them in the same order and wait for each other instead of deadlocking.
import {
  COMMENTS,
  computedColumns,
  GROUPS,
  mappedColumns,
  ORGANIZATIONS,
  TICKET_FIELDS,
  TICKET_INPUTS,
  TICKETS,
  USERS,
  type MappedRow,
} from "@/lib/db/columns";
import { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * PostgreSQL text and jsonb hold neither NUL nor an unpaired surrogate, both of which Zendesk text can
 * carry; one such character would otherwise fail the whole page, again on every retry. JSON.stringify
 * writes NUL as the escape \u0000 and an unpaired surrogate as its \uXXXX escape (paired ones stay
 * literal characters), so one pass over the text drops the first and turns the second into U+FFFD, as
 * String#toWellFormed does: a replacer function called for every value of a page cost several times more.
 * The escape must not itself be escaped (an even run of backslashes before it).
 */
const UNSTORABLE = /(?<!\\)((?:\\\\)*)\\u(0000|d[89a-f][0-9a-f]{2})/gi;
export function json(rows: unknown[]): string {
  const text = JSON.stringify(rows);
  return text.includes("\\u") ? text.replace(UNSTORABLE, (_match, slashes: string, code: string) => (code === "0000" ? slashes : `${slashes}\\ufffd`)) : text;
}

type Column = readonly [name: string, type: string];

const ident = (name: string) => Prisma.raw(`"${name}"`);
const list = (parts: Prisma.Sql[]) => Prisma.join(parts, ", ");
const recordset = (columns: readonly Column[]) => Prisma.raw(columns.map(([name, type]) => `"${name}" ${type}`).join(", "));

type Target = {
  table: string;
  key: string;
  columns: readonly Column[];
  /** Skip the update when the stored row is newer (Zendesk's updated_at). */
  newerWins: boolean;
};

/**
 * `skipStored`: leave out rows stored with the same or a newer updated_at before the upsert, by a read
 * that takes no lock. The real-time fetch sideloads people an export page may be writing at that moment:
 * an upsert would lock them, even unchanged, and wait seconds for the page's transaction.
 */
export type UpsertOptions = { skipStored?: boolean };

async function upsert(tx: Tx, target: Target, deskId: number, domain: string, rows: unknown[], options: UpsertOptions = {}): Promise<number> {
  if (rows.length === 0) return 0;
  const table = Prisma.raw(target.table);
  const key = ident(target.key);
  const fresh =
    options.skipStored && target.newerWins
      ? Prisma.sql`WHERE NOT EXISTS (SELECT 1 FROM ${table} s WHERE s.domain = ${domain} AND s.${key} = r.${key} AND s.updated_at >= r.updated_at)`
      : Prisma.empty;
  const names = target.columns.map(([name]) => name);
  // Unchanged rows are left alone, so the count is what changed (exports overlap at their edges).
  const guard = target.newerWins
    ? Prisma.sql`WHERE t.updated_at IS NULL OR EXCLUDED.updated_at IS NULL OR EXCLUDED.updated_at >= t.updated_at`
    : Prisma.sql`WHERE t.raw_data IS DISTINCT FROM EXCLUDED.raw_data`;
  return tx.$executeRaw`
    INSERT INTO ${Prisma.raw(target.table)} AS t (desk_id, domain, ${list(names.map(ident))}, synced_at)
    SELECT ${deskId}, ${domain}, ${list(names.map((n) => Prisma.sql`r.${ident(n)}`))}, now()
    FROM jsonb_to_recordset(${json(rows)}::jsonb) AS r(${recordset(target.columns)})
    ${fresh}
    ORDER BY r.${ident(target.key)}
    ON CONFLICT (domain, ${ident(target.key)}) DO UPDATE SET
      ${list(names.filter((n) => n !== target.key).map((n) => Prisma.sql`${ident(n)} = EXCLUDED.${ident(n)}`))},
      desk_id = EXCLUDED.desk_id, synced_at = EXCLUDED.synced_at
    ${guard}`;
}

const target = (table: string, columns: Parameters<typeof mappedColumns>[0], key: string, newerWins: boolean): Target => ({
  table,
  key,
  newerWins,
  columns: mappedColumns(columns),
});

const USERS_TARGET = target("zendesk_users", USERS, "zendesk_id", true);
const GROUPS_TARGET = target("zendesk_groups", GROUPS, "zendesk_id", true);
const ORGANIZATIONS_TARGET = target("zendesk_organizations", ORGANIZATIONS, "zendesk_id", true);
// Comments have no updated_at; a later read (e.g. after a redaction) replaces the stored one.
const COMMENTS_TARGET = target("zendesk_ticket_comments", COMMENTS, "comment_id", false);
const TICKET_FIELDS_TARGET = target("zendesk_ticket_fields", TICKET_FIELDS, "zendesk_id", false);

export const upsertUsers = (tx: Tx, deskId: number, domain: string, rows: MappedRow<typeof USERS>[], options?: UpsertOptions) =>
  upsert(tx, USERS_TARGET, deskId, domain, rows, options);
export const upsertGroups = (tx: Tx, deskId: number, domain: string, rows: MappedRow<typeof GROUPS>[], options?: UpsertOptions) =>
  upsert(tx, GROUPS_TARGET, deskId, domain, rows, options);
export const upsertOrganizations = (tx: Tx, deskId: number, domain: string, rows: MappedRow<typeof ORGANIZATIONS>[], options?: UpsertOptions) =>
  upsert(tx, ORGANIZATIONS_TARGET, deskId, domain, rows, options);
export const upsertComments = (tx: Tx, deskId: number, domain: string, rows: MappedRow<typeof COMMENTS>[]) =>
  upsert(tx, COMMENTS_TARGET, deskId, domain, rows);
export const upsertTicketFields = (tx: Tx, deskId: number, domain: string, rows: MappedRow<typeof TICKET_FIELDS>[]) =>
  upsert(tx, TICKET_FIELDS_TARGET, deskId, domain, rows);

/** Field definitions Zendesk no longer lists; the values tickets hold for them stay in custom_fields. */
export function deleteTicketFieldsExcept(tx: Tx, deskId: number, keep: number[]): Promise<number> {
  if (keep.length === 0) return Promise.resolve(0);
  return tx.$executeRaw`DELETE FROM zendesk_ticket_fields WHERE desk_id = ${deskId} AND NOT (zendesk_id = ANY(${keep}::bigint[]))`;
}

/** Ticket columns taken as they come from the recordset, the ones computed in SQL, and the recordset's shape. */
const TICKET_DIRECT = mappedColumns(TICKETS).filter(([name]) => !("value" in TICKETS[name as keyof typeof TICKETS]));
const TICKET_COMPUTED = computedColumns(TICKETS);
const TICKET_RECORDSET: readonly Column[] = [...mappedColumns(TICKETS), ...Object.entries(TICKET_INPUTS)];

/** How a column reads when the ticket left it out (mapping gives {} / "" / [] rather than null). */
const LEFT_OUT: Record<string, string> = {
  custom_fields: `NULLIF(EXCLUDED.custom_fields, '{}'::jsonb)`,
  current_tags: `NULLIF(EXCLUDED.current_tags, '')`,
  tags: `NULLIF(EXCLUDED.tags, '{}'::text[])`,
};

/** Deleted tickets keep their first deleted_at; a ticket restored in Zendesk loses it. */
export function upsertTickets(tx: Tx, deskId: number, domain: string, rows: (MappedRow<typeof TICKETS> & Record<keyof typeof TICKET_INPUTS, unknown>)[]): Promise<number> {
  if (rows.length === 0) return Promise.resolve(0);
  const names = TICKET_DIRECT.map(([name]) => name);
  const all = [...names, ...TICKET_COMPUTED.map(([name]) => name)];
  const updates = all
    .filter((n) => n !== "zendesk_id")
    .map((n) => {
      if (n === "deleted_at") return Prisma.sql`deleted_at = CASE WHEN EXCLUDED.status = 'deleted' THEN coalesce(t.deleted_at, EXCLUDED.deleted_at) END`;
      if (n === "status") return Prisma.sql`status = EXCLUDED.status`;
      // A deleted ticket may come back with little more than its id and status: what it leaves out is kept.
      const sent = n === "raw_data" ? Prisma.sql`coalesce(t.raw_data, '{}'::jsonb) || EXCLUDED.raw_data` : Prisma.raw(LEFT_OUT[n] ?? `EXCLUDED."${n}"`);
      return Prisma.sql`${ident(n)} = CASE WHEN EXCLUDED.status = 'deleted' THEN coalesce(${sent}, t.${ident(n)}) ELSE EXCLUDED.${ident(n)} END`;
    });
  return tx.$executeRaw`
    INSERT INTO zendesk_tickets AS t (desk_id, domain, ${list(all.map(ident))}, synced_at)
    SELECT ${deskId}, ${domain}, ${list(names.map((n) => Prisma.sql`r.${ident(n)}`))}, ${list(TICKET_COMPUTED.map(([, value]) => Prisma.raw(value)))}, now()
    FROM jsonb_to_recordset(${json(rows)}::jsonb) AS r(${recordset(TICKET_RECORDSET)})
    LEFT JOIN zendesk_users req ON req.domain = ${domain} AND req.zendesk_id = r.req_id
    LEFT JOIN zendesk_users sub ON sub.domain = ${domain} AND sub.zendesk_id = r.submitter_id
    LEFT JOIN zendesk_users asg ON asg.domain = ${domain} AND asg.zendesk_id = r.assignee_id
    LEFT JOIN zendesk_groups g ON g.domain = ${domain} AND g.zendesk_id = r.group_id
    LEFT JOIN zendesk_organizations o ON o.domain = ${domain} AND o.zendesk_id = r.organization_id
    ORDER BY r.zendesk_id
    ON CONFLICT (domain, zendesk_id) DO UPDATE SET ${list(updates)}, desk_id = EXCLUDED.desk_id, synced_at = EXCLUDED.synced_at
    WHERE t.updated_at IS NULL OR EXCLUDED.updated_at IS NULL OR EXCLUDED.updated_at >= t.updated_at`;
}

/** Comments made internal or public after they were stored; a comment not stored yet is left to its own event. */
export function updateCommentPrivacy(tx: Tx, domain: string, changes: { comment_id: number; public: boolean }[]): Promise<number> {
  if (changes.length === 0) return Promise.resolve(0);
  return tx.$executeRaw`
    UPDATE zendesk_ticket_comments AS c
    SET public = r.public, raw_data = jsonb_set(c.raw_data, '{public}', to_jsonb(r.public)), synced_at = now()
    FROM jsonb_to_recordset(${json(changes)}::jsonb) AS r(comment_id bigint, public boolean)
    WHERE c.domain = ${domain} AND c.comment_id = r.comment_id AND c.public IS DISTINCT FROM r.public`;
}
