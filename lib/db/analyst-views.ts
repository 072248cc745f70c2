// Views for analysts, so SQL reads like Zendesk does: one `tickets_<desk>` view per desk whose custom
// fields are real, typed columns named after their titles; views that join comments, users and
// organizations to tickets; and the original collector's shape (comments inside raw_data). Every view
// column carries a comment. Views are rebuilt only when their definition changes (a field added,
// renamed or deleted), in the transaction that stored the new field definitions, and granted to the
// read-only role group that `db reader` creates.
import { createHash } from "node:crypto";
import { COMMENTS, SYNCED_TABLES, TICKETS } from "@/lib/db/columns";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A query runner: a pg.Client or a Prisma transaction, adapted. */
export type Exec = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** The group every reader role belongs to; views and tables for analysts are granted to it. */
export const READERS_GROUP = "zdc_readers";

/** What the readers' group may read besides the views: every synced table (not desks, users, runs). */
const READER_TABLES = Object.keys(SYNCED_TABLES);

/** Zendesk's own fields, which are ticket columns already; the others are custom fields. */
const SYSTEM_FIELD_TYPES = ["subject", "description", "status", "custom_status", "tickettype", "priority", "group", "assignee", "brand"];

type Field = { zendesk_id: string; title: string; type: string };
/** `source`: the table whose column comments the view's same-named columns take. */
type View = { name: string; sql: string; comments: Record<string, string>; comment: string; source: "zendesk_tickets" | "zendesk_ticket_comments" };

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Lower-case ASCII words joined by underscores: "Product 📦 (EU)" → "product_eu". */
function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 48)
    .replace(/_+$/, "");
}

/** `acme.zendesk.com` → tickets_acme; any other host → its whole name made safe. */
export function deskViewName(domain: string): string {
  const subdomain = /^([a-z0-9-]+)\.zendesk\.com$/.exec(domain)?.[1];
  return `tickets_${slug(subdomain ?? domain) || "desk"}`;
}

/** The typed value of one custom field, from custom_fields (Zendesk's values; bad ones become NULL). */
function fieldValue(field: Field): { sql: string; type: string } {
  const value = `t.custom_fields -> ${literal(field.zendesk_id)}`;
  switch (field.type) {
    case "checkbox":
      return { sql: `zdc_jsonb_boolean(${value})`, type: "boolean" };
    case "integer":
    case "decimal":
      return { sql: `zdc_jsonb_numeric(${value})`, type: "numeric" };
    case "date":
      return { sql: `zdc_jsonb_date(${value})`, type: "date" };
    case "multiselect":
      return { sql: `CASE WHEN jsonb_typeof(${value}) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(${value})) END`, type: "text[]" };
    default:
      return { sql: `t.custom_fields ->> ${literal(field.zendesk_id)}`, type: "text" };
  }
}

/** Ticket columns every per-desk view starts with; custom fields follow. */
const DESK_VIEW_BASE = Object.keys(TICKETS).filter((c) => !["raw_data", "custom_fields", "search_vector"].includes(c));

function deskView(desk: { id: number; domain: string }, fields: Field[]): View {
  const taken = new Set(DESK_VIEW_BASE);
  const columns: { name: string; sql: string; comment: string }[] = [];
  for (const field of fields) {
    let name = slug(field.title) || `field_${field.zendesk_id}`;
    if (/^[0-9]/.test(name)) name = `field_${name}`;
    if (taken.has(name)) name = `${name}_${field.zendesk_id}`.slice(0, 63);
    taken.add(name);
    const value = fieldValue(field);
    columns.push({
      name,
      sql: value.sql,
      comment: `Custom field "${field.title}" (id ${field.zendesk_id}, ${field.type}${field.type === "tagger" ? ": the option's tag; labels in zendesk_ticket_fields.options" : ""}).`,
    });
  }
  const name = deskViewName(desk.domain);
  return {
    name,
    source: "zendesk_tickets",
    comment: `Tickets of ${desk.domain}, one row per ticket (deleted ones too, see deleted_at), custom fields as typed columns.`,
    sql: `SELECT ${[...DESK_VIEW_BASE.map((c) => `t.${quote(c)}`), ...columns.map((c) => `${c.sql} AS ${quote(c.name)}`)].join(", ")}
      FROM zendesk_tickets t WHERE t.desk_id = ${desk.id}`,
    comments: Object.fromEntries(columns.map((c) => [c.name, c.comment])),
  };
}

/** Views over every desk; their plain columns take the comments of the table columns they show. */
function sharedViews(): View[] {
  const ticketColumns = Object.keys(TICKETS).filter((c) => c !== "search_vector");
  return [
    {
      name: "zendesk_tickets_with_comments",
      source: "zendesk_tickets",
      comment: "zendesk_tickets in the original collector's shape: raw_data also holds the ticket's comments, oldest first, under \"comments\".",
      sql: `SELECT ${ticketColumns
        .map((c) =>
          c === "raw_data"
            ? `t.raw_data || jsonb_build_object('comments', coalesce((SELECT jsonb_agg(c.raw_data ORDER BY c.created_at, c.comment_id) FROM zendesk_ticket_comments c WHERE c.domain = t.domain AND c.ticket_id = t.zendesk_id), '[]'::jsonb)) AS raw_data`
            : `t.${quote(c)}`,
        )
        .join(", ")} FROM zendesk_tickets t`,
      comments: { raw_data: 'The whole ticket as Zendesk\'s API returned it, plus "comments": the ticket\'s comments as the API returned them.' },
    },
    {
      name: "ticket_comments_with_authors",
      source: "zendesk_ticket_comments",
      comment: "Every comment with its ticket's subject and status and its author's name, email and role.",
      sql: `SELECT ${Object.keys(COMMENTS)
        .filter((c) => c !== "search_vector")
        .map((c) => `c.${quote(c)}`)
        .join(", ")}, t.subject AS ticket_subject, t.status AS ticket_status, u.name AS author_name, u.email AS author_email, u.role AS author_role
        FROM zendesk_ticket_comments c
        LEFT JOIN zendesk_tickets t ON t.domain = c.domain AND t.zendesk_id = c.ticket_id
        LEFT JOIN zendesk_users u ON u.domain = c.domain AND u.zendesk_id = c.author_id`,
      comments: {
        ticket_subject: "Subject of the comment's ticket.",
        ticket_status: "Status of the comment's ticket.",
        author_name: "Author's name.",
        author_email: "Author's email.",
        author_role: "Author's role: end-user, agent or admin.",
      },
    },
    {
      name: "tickets_with_people",
      source: "zendesk_tickets",
      comment: "Every ticket with its requester, assignee, group and organization as stored in their own tables.",
      sql: `SELECT t.id, t.desk_id, t.domain, t.zendesk_id, t.subject, t.status, t.priority, t.created_at, t.updated_at, t.solved_at, t.deleted_at,
          t.req_id AS requester_id, req.name AS requester_name, req.email AS requester_email, req.role AS requester_role, req.external_id AS requester_external_id,
          t.assignee_id, asg.name AS assignee_name, asg.email AS assignee_email,
          t.group_id, g.name AS group_name,
          t.organization_id, o.name AS organization_name, o.external_id AS organization_external_id
        FROM zendesk_tickets t
        LEFT JOIN zendesk_users req ON req.domain = t.domain AND req.zendesk_id = t.req_id
        LEFT JOIN zendesk_users asg ON asg.domain = t.domain AND asg.zendesk_id = t.assignee_id
        LEFT JOIN zendesk_groups g ON g.domain = t.domain AND g.zendesk_id = t.group_id
        LEFT JOIN zendesk_organizations o ON o.domain = t.domain AND o.zendesk_id = t.organization_id`,
      comments: {
        requester_id: "Requester's Zendesk user id.",
        requester_name: "Requester's name, from zendesk_users.",
        requester_email: "Requester's email, from zendesk_users.",
        requester_role: "Requester's role, from zendesk_users.",
        requester_external_id: "Requester's external id, from zendesk_users.",
        assignee_name: "Assigned agent's name, from zendesk_users.",
        assignee_email: "Assigned agent's email, from zendesk_users.",
        group_name: "Assigned group's name, from zendesk_groups.",
        organization_name: "Organization's name, from zendesk_organizations.",
        organization_external_id: "Organization's external id, from zendesk_organizations.",
      },
    },
  ];
}

const hashOf = (view: View) => createHash("sha256").update(JSON.stringify(view)).digest("hex").slice(0, 16);

/**
 * (Re)creates the views whose definition changed, drops the per-desk views of desks that are gone,
 * and grants them to the readers' group. Runs inside the caller's transaction; `deskId` limits the
 * work to that desk's view (a field sync), otherwise every view is checked.
 */
export async function refreshAnalystViews(exec: Exec, options: { deskId?: number } = {}): Promise<string[]> {
  const desks = await exec<{ id: number; domain: string }>(
    `SELECT id, domain FROM desks ${options.deskId === undefined ? "" : "WHERE id = $1"} ORDER BY id`,
    options.deskId === undefined ? [] : [options.deskId],
  );
  const fields = await exec<Field & { desk_id: number }>(
    `SELECT desk_id, zendesk_id::text AS zendesk_id, title, type FROM zendesk_ticket_fields
     WHERE desk_id = ANY($1::int[]) AND NOT (type = ANY($2::text[])) ORDER BY position NULLS LAST, zendesk_id`,
    [desks.map((d) => d.id), SYSTEM_FIELD_TYPES],
  );
  const wanted = [
    ...(options.deskId === undefined ? sharedViews().map((view) => ({ view, deskId: null as number | null })) : []),
    ...desks.map((desk) => ({ view: deskView(desk, fields.filter((f) => f.desk_id === desk.id)), deskId: desk.id as number | null })),
  ];
  const stored = new Map(
    (await exec<{ name: string; definition_hash: string; desk_id: number | null }>(`SELECT name, definition_hash, desk_id FROM analyst_views`)).map((r) => [r.name, r]),
  );
  const changed: string[] = [];
  for (const { view, deskId } of wanted) {
    const hash = hashOf(view);
    if (stored.get(view.name)?.definition_hash === hash) continue;
    await exec(`DROP VIEW IF EXISTS ${quote(view.name)}`);
    await exec(`CREATE VIEW ${quote(view.name)} AS ${view.sql}`);
    await exec(`COMMENT ON VIEW ${quote(view.name)} IS ${literal(view.comment)}`);
    await copyColumnComments(exec, view);
    await exec(
      `INSERT INTO analyst_views (name, desk_id, definition_hash, refreshed_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (name) DO UPDATE SET desk_id = EXCLUDED.desk_id, definition_hash = EXCLUDED.definition_hash, refreshed_at = now()`,
      [view.name, deskId, hash],
    );
    changed.push(view.name);
  }
  // A desk's view outlives neither the desk nor a rename of its view.
  const current = new Set(wanted.map((w) => w.view.name));
  for (const [name, row] of stored) {
    const mine = options.deskId === undefined ? row.desk_id !== null : row.desk_id === options.deskId;
    if (!mine || current.has(name)) continue;
    await exec(`DROP VIEW IF EXISTS ${quote(name)}`);
    await exec(`DELETE FROM analyst_views WHERE name = $1`, [name]);
    changed.push(name);
  }
  await grantToReaders(exec);
  return changed;
}

/** Once `db reader` has made the readers' group: every synced table and analyst view it may not read yet. */
async function grantToReaders(exec: Exec): Promise<void> {
  const missing = await exec<{ name: string }>(
    `SELECT r.name FROM (SELECT unnest($1::text[]) AS name UNION SELECT name FROM analyst_views) r
     WHERE EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $2) AND to_regclass(quote_ident(r.name)) IS NOT NULL
       AND NOT has_table_privilege($2, quote_ident(r.name), 'SELECT')`,
    [READER_TABLES, READERS_GROUP],
  );
  if (missing.length > 0) await exec(`GRANT SELECT ON ${missing.map((m) => quote(m.name)).join(", ")} TO ${quote(READERS_GROUP)}`);
}

/** Each view column's comment: its own, or that of the table column it shows under the same name. */
async function copyColumnComments(exec: Exec, view: View): Promise<void> {
  const rows = await exec<{ column: string; comment: string | null }>(
    `SELECT a.attname AS column,
       (SELECT col_description(src.attrelid, src.attnum) FROM pg_attribute src
        WHERE src.attrelid = $2::regclass AND src.attname = a.attname AND src.attnum > 0) AS comment
     FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
    [quote(view.name), view.source],
  );
  for (const row of rows) {
    const comment = view.comments[row.column] ?? row.comment;
    if (comment) await exec(`COMMENT ON COLUMN ${quote(view.name)}.${quote(row.column)} IS ${literal(comment)}`);
  }
}

/**
 * Inside a writer's transaction (field definitions stored, desk removed): the desk's view follows in
 * the same commit. An analyst's long query holding the view makes this give up after a few seconds
 * rather than hold the writer; false then, and the caller tries again later.
 */
export async function refreshDeskViewIn(tx: Prisma.TransactionClient, deskId: number): Promise<boolean> {
  await tx.$executeRawUnsafe("SAVEPOINT analyst_views");
  try {
    await tx.$executeRawUnsafe("SET LOCAL lock_timeout = '3s'");
    await refreshAnalystViews((text, params = []) => tx.$queryRawUnsafe(text, ...params), { deskId });
    await tx.$executeRawUnsafe("RELEASE SAVEPOINT analyst_views");
    return true;
  } catch {
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT analyst_views");
    return false;
  } finally {
    await tx.$executeRawUnsafe("SET LOCAL lock_timeout = DEFAULT");
  }
}
