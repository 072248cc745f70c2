// Bulk upserts: one INSERT … SELECT FROM jsonb_to_recordset(<one JSON parameter>) per table and page.
// Column names are constants of this module; every value travels in the JSON parameter.
import { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * PostgreSQL text and jsonb hold neither NUL nor an unpaired surrogate, both of which Zendesk text can
 * carry; one such character would otherwise fail the whole page, again on every retry.
 */
const storable = (_key: string, value: unknown) => (typeof value === "string" ? value.replaceAll("\u0000", "").toWellFormed() : value);
export const json = (rows: unknown[]) => JSON.stringify(rows, storable);
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

async function upsert(tx: Tx, target: Target, deskId: number, domain: string, rows: unknown[]): Promise<number> {
  if (rows.length === 0) return 0;
  const names = target.columns.map(([name]) => name);
  // Unchanged rows are left alone, so the count is what changed (exports overlap at their edges).
  const guard = target.newerWins
    ? Prisma.sql`WHERE t.updated_at IS NULL OR EXCLUDED.updated_at IS NULL OR EXCLUDED.updated_at >= t.updated_at`
    : Prisma.sql`WHERE t.raw_data IS DISTINCT FROM EXCLUDED.raw_data`;
  return tx.$executeRaw`
    INSERT INTO ${Prisma.raw(target.table)} AS t (desk_id, domain, ${list(names.map(ident))}, synced_at)
    SELECT ${deskId}, ${domain}, ${list(names.map((n) => Prisma.sql`r.${ident(n)}`))}, now()
    FROM jsonb_to_recordset(${json(rows)}::jsonb) AS r(${recordset(target.columns)})
    ON CONFLICT (domain, ${ident(target.key)}) DO UPDATE SET
      ${list(names.filter((n) => n !== target.key).map((n) => Prisma.sql`${ident(n)} = EXCLUDED.${ident(n)}`))},
      desk_id = EXCLUDED.desk_id, synced_at = EXCLUDED.synced_at
    ${guard}`;
}

const USERS: Target = {
  table: "zendesk_users",
  key: "zendesk_id",
  newerWins: true,
  columns: [
    ["zendesk_id", "bigint"],
    ["name", "text"],
    ["email", "text"],
    ["role", "text"],
    ["external_id", "text"],
    ["organization_id", "bigint"],
    ["active", "boolean"],
    ["updated_at", "timestamptz"],
    ["raw_data", "jsonb"],
  ],
};

const GROUPS: Target = {
  table: "zendesk_groups",
  key: "zendesk_id",
  newerWins: true,
  columns: [
    ["zendesk_id", "bigint"],
    ["name", "text"],
    ["deleted", "boolean"],
    ["updated_at", "timestamptz"],
    ["raw_data", "jsonb"],
  ],
};

const ORGANIZATIONS: Target = {
  table: "zendesk_organizations",
  key: "zendesk_id",
  newerWins: true,
  columns: [
    ["zendesk_id", "bigint"],
    ["name", "text"],
    ["external_id", "text"],
    ["updated_at", "timestamptz"],
    ["raw_data", "jsonb"],
  ],
};

const COMMENTS: Target = {
  table: "zendesk_ticket_comments",
  key: "comment_id",
  // Comments have no updated_at; a later read (e.g. after a redaction) replaces the stored one.
  newerWins: false,
  columns: [
    ["comment_id", "bigint"],
    ["ticket_id", "bigint"],
    ["author_id", "bigint"],
    ["public", "boolean"],
    ["body", "text"],
    ["html_body", "text"],
    ["created_at", "timestamptz"],
    ["raw_data", "jsonb"],
  ],
};

const TICKET_FIELDS: Target = {
  table: "zendesk_ticket_fields",
  key: "zendesk_id",
  newerWins: false,
  columns: [
    ["zendesk_id", "bigint"],
    ["title", "text"],
    ["type", "text"],
    ["options", "jsonb"],
    ["active", "boolean"],
    ["position", "integer"],
    ["raw_data", "jsonb"],
  ],
};

export const upsertUsers = (tx: Tx, deskId: number, domain: string, rows: unknown[]) => upsert(tx, USERS, deskId, domain, rows);
export const upsertGroups = (tx: Tx, deskId: number, domain: string, rows: unknown[]) => upsert(tx, GROUPS, deskId, domain, rows);
export const upsertOrganizations = (tx: Tx, deskId: number, domain: string, rows: unknown[]) =>
  upsert(tx, ORGANIZATIONS, deskId, domain, rows);
export const upsertComments = (tx: Tx, deskId: number, domain: string, rows: unknown[]) => upsert(tx, COMMENTS, deskId, domain, rows);
export const upsertTicketFields = (tx: Tx, deskId: number, domain: string, rows: unknown[]) =>
  upsert(tx, TICKET_FIELDS, deskId, domain, rows);

/** Ticket columns taken as they come; the names of people, groups and organizations are joined. */
const TICKET_COLUMNS: readonly Column[] = [
  ["zendesk_id", "bigint"],
  ["subject", "text"],
  ["description", "text"],
  ["status", "text"],
  ["priority", "text"],
  ["ticket_type", "text"],
  ["url", "text"],
  ["via", "text"],
  ["current_tags", "text"],
  ["req_id", "bigint"],
  ["assignee_id", "bigint"],
  ["group_id", "bigint"],
  ["organization_id", "bigint"],
  ["created_at", "timestamptz"],
  ["updated_at", "timestamptz"],
  ["generated_timestamp", "bigint"],
  ["assigned_at", "timestamptz"],
  ["initially_assigned_at", "timestamptz"],
  ["solved_at", "timestamptz"],
  ["due_date", "timestamptz"],
  ["first_reply_time_in_minutes", "integer"],
  ["first_reply_time_in_minutes_within_business_hours", "integer"],
  ["first_resolution_time_in_minutes", "integer"],
  ["first_resolution_time_in_minutes_within_business_hours", "integer"],
  ["full_resolution_time_in_minutes", "integer"],
  ["full_resolution_time_in_minutes_within_business_hours", "integer"],
  ["agent_wait_time_in_minutes", "integer"],
  ["agent_wait_time_in_minutes_within_business_hours", "integer"],
  ["requester_wait_time_in_minutes", "integer"],
  ["requester_wait_time_in_minutes_within_business_hours", "integer"],
  ["on_hold_time_in_minutes", "integer"],
  ["on_hold_time_in_minutes_within_business_hours", "integer"],
  ["reopens", "integer"],
  ["replies", "integer"],
  ["group_stations", "integer"],
  ["assignee_stations", "integer"],
  ["satisfaction_score", "text"],
  ["custom_fields", "jsonb"],
  ["raw_data", "jsonb"],
];

const JOINED: readonly [column: string, value: string][] = [
  ["tags", "ARRAY(SELECT jsonb_array_elements_text(r.tags))"],
  ["req_name", "req.name"],
  ["req_email", "req.email"],
  ["req_external_id", "req.external_id"],
  ["submitter_name", "sub.name"],
  ["assignee_name", "asg.name"],
  ["assignee_external_id", "asg.external_id"],
  ["group_name", "g.name"],
  ["organization_name", "o.name"],
  ["deleted_at", "CASE WHEN r.status = 'deleted' THEN coalesce(r.updated_at, now()) END"],
];

/** How a column reads when the ticket left it out (mapping gives {} / "" / [] rather than null). */
const LEFT_OUT: Record<string, string> = {
  custom_fields: `NULLIF(EXCLUDED.custom_fields, '{}'::jsonb)`,
  current_tags: `NULLIF(EXCLUDED.current_tags, '')`,
  tags: `NULLIF(EXCLUDED.tags, '{}'::text[])`,
};

/** Deleted tickets keep their first deleted_at; a ticket restored in Zendesk loses it. */
export function upsertTickets(tx: Tx, deskId: number, domain: string, rows: unknown[]): Promise<number> {
  if (rows.length === 0) return Promise.resolve(0);
  const names = TICKET_COLUMNS.map(([name]) => name);
  const all = [...names, ...JOINED.map(([name]) => name)];
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
    SELECT ${deskId}, ${domain}, ${list(names.map((n) => Prisma.sql`r.${ident(n)}`))}, ${list(JOINED.map(([, value]) => Prisma.raw(value)))}, now()
    FROM jsonb_to_recordset(${json(rows)}::jsonb)
      AS r(${recordset(TICKET_COLUMNS)}, "tags" jsonb, "submitter_id" bigint)
    LEFT JOIN zendesk_users req ON req.domain = ${domain} AND req.zendesk_id = r.req_id
    LEFT JOIN zendesk_users sub ON sub.domain = ${domain} AND sub.zendesk_id = r.submitter_id
    LEFT JOIN zendesk_users asg ON asg.domain = ${domain} AND asg.zendesk_id = r.assignee_id
    LEFT JOIN zendesk_groups g ON g.domain = ${domain} AND g.zendesk_id = r.group_id
    LEFT JOIN zendesk_organizations o ON o.domain = ${domain} AND o.zendesk_id = r.organization_id
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
