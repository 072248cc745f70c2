import "server-only";
// One ticket with everything the ticket page shows, its comment thread, and the choices the search
// filters offer. Comment HTML is sanitised here, on the server, before it can reach a browser.
import sanitizeHtml from "sanitize-html";
import { db } from "@/lib/db/client";
import { isInt8Id } from "@/lib/validations/pg-safe";

export type TicketDetail = {
  id: string;
  deskId: number;
  deskName: string;
  zendeskId: string;
  zendeskUrl: string;
  deleted: boolean;
  subject: string | null;
  /** Every column of the row except raw_data and the custom fields, in table order. */
  columns: { name: string; value: string | null }[];
  customFields: { id: string; title: string; value: string | null }[];
  sla: { label: string; calendar: number | null; business: number | null }[];
};

export type TicketComment = {
  id: string;
  author: string | null;
  public: boolean;
  createdAt: string | null;
  html: string | null;
  body: string | null;
};

const HIDDEN_COLUMNS = new Set(["raw_data", "custom_fields", "search_vector"]);

function display(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function displayField(value: unknown, options: { name: string; value: string }[]): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  // Dropdowns store the option's tag; people know it by its label.
  const label = (v: unknown) => options.find((o) => o.value === v)?.name ?? String(v);
  if (Array.isArray(value)) return value.length ? value.map(label).join(", ") : null;
  return label(value);
}

const SLA_METRICS = [
  ["First reply", "first_reply_time_in_minutes"],
  ["First resolution", "first_resolution_time_in_minutes"],
  ["Full resolution", "full_resolution_time_in_minutes"],
  ["Agent wait", "agent_wait_time_in_minutes"],
  ["Requester wait", "requester_wait_time_in_minutes"],
  ["On hold", "on_hold_time_in_minutes"],
] as const;

export async function getTicket(id: string): Promise<TicketDetail | null> {
  if (!isInt8Id(id)) return null;
  // row_to_json keeps the table's column order and turns the tsvector into text Prisma can read.
  const rows = await db().$queryRaw<{ row: Record<string, unknown>; desk_base_url: string; desk_name: string }[]>`
    SELECT row_to_json(t) AS row, d.base_url AS desk_base_url, coalesce(d.name, d.domain) AS desk_name
    FROM zendesk_tickets t JOIN desks d ON d.id = t.desk_id WHERE t.id = ${id}::bigint`;
  const found = rows[0];
  if (!found) return null;
  const row = found.row;
  const fields = await db().$queryRaw<{ zendesk_id: bigint; title: string; options: unknown; position: number | null }[]>`
    SELECT zendesk_id, title, options, position FROM zendesk_ticket_fields
    WHERE desk_id = ${row.desk_id as number} ORDER BY position NULLS LAST, zendesk_id`;
  const values = (row.custom_fields ?? {}) as Record<string, unknown>;
  const known = new Set(fields.map((f) => String(f.zendesk_id)));
  const customFields = [
    ...fields
      .filter((f) => String(f.zendesk_id) in values)
      .map((f) => ({
        id: String(f.zendesk_id),
        title: f.title,
        value: displayField(values[String(f.zendesk_id)], Array.isArray(f.options) ? (f.options as { name: string; value: string }[]) : []),
      })),
    // A value for a field the desk no longer lists still deserves a line, under its id.
    ...Object.keys(values)
      .filter((key) => !known.has(key))
      .map((key) => ({ id: key, title: `Field ${key}`, value: displayField(values[key], []) })),
  ];
  const columns = Object.entries(row)
    .filter(([name]) => !HIDDEN_COLUMNS.has(name))
    .map(([name, value]) => ({ name, value: display(value) }));
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: String(row.id),
    deskId: row.desk_id as number,
    deskName: found.desk_name,
    zendeskId: String(row.zendesk_id),
    zendeskUrl: `${found.desk_base_url}/agent/tickets/${String(row.zendesk_id)}`,
    deleted: row.deleted_at !== null && row.deleted_at !== undefined,
    subject: (row.subject as string | null) ?? null,
    columns,
    customFields,
    sla: SLA_METRICS.map(([label, column]) => ({
      label,
      calendar: num(row[column]),
      business: num(row[`${column}_within_business_hours`]),
    })),
  };
}

/**
 * Zendesk's own markup minus anything that runs or restyles: no scripts, handlers or inline styles.
 * Images become links the viewer may open: loaded inline, a remote image would tell its sender who
 * read the ticket and when (a tracking pixel). The page's CSP blocks any that slipped through.
 */
export function sanitizeCommentHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, "img"],
    allowedAttributes: { a: ["href", "title", "rel", "target", "data-remote-image"], td: ["colspan", "rowspan"], th: ["colspan", "rowspan"] },
    allowedSchemes: ["http", "https", "mailto"],
    transformTags: {
      a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow", target: "_blank" }),
      img: (_tag, attribs) => ({
        tagName: "a",
        attribs: { href: attribs.src ?? "", rel: "noopener noreferrer nofollow", target: "_blank", title: "Image from the ticket: opens in a new tab", "data-remote-image": "" },
        text: `[image${attribs.alt ? `: ${attribs.alt}` : ""}]`,
      }),
    },
  });
}

export async function getTicketComments(ticketId: string): Promise<TicketComment[]> {
  if (!isInt8Id(ticketId)) return [];
  const rows = await db().$queryRaw<{ comment_id: bigint; author: string | null; public: boolean; created_at: Date | null; html_body: string | null; body: string | null }[]>`
    SELECT c.comment_id, u.name AS author, c.public, c.created_at, c.html_body, c.body
    FROM zendesk_tickets t
    JOIN zendesk_ticket_comments c ON c.domain = t.domain AND c.ticket_id = t.zendesk_id
    LEFT JOIN zendesk_users u ON u.domain = c.domain AND u.zendesk_id = c.author_id
    WHERE t.id = ${ticketId}::bigint
    ORDER BY c.created_at, c.comment_id`;
  return rows.map((r) => ({
    id: String(r.comment_id),
    author: r.author,
    public: r.public,
    createdAt: r.created_at?.toISOString() ?? null,
    html: r.html_body ? sanitizeCommentHtml(r.html_body) : null,
    body: r.body,
  }));
}

export type FilterOption = { value: string; label: string };
export type CustomFieldChoice = { title: string; type: string; options: FilterOption[] };
export type TicketFilterOptions = {
  desks: FilterOption[];
  assignees: FilterOption[];
  groups: FilterOption[];
  organizations: FilterOption[];
  customFields: CustomFieldChoice[];
};

/** Bounded lists: a select with thousands of entries helps nobody; the URL still takes any id. */
const OPTION_LIMIT = 500;

export async function getTicketFilterOptions(): Promise<TicketFilterOptions> {
  const [desks, assignees, groups, organizations, fields] = await Promise.all([
    db().$queryRaw<{ id: number; label: string }[]>`SELECT id, coalesce(name, domain) AS label FROM desks ORDER BY label`,
    db().$queryRaw<{ id: bigint; label: string }[]>`
      SELECT DISTINCT ON (zendesk_id) zendesk_id AS id, coalesce(name, email, zendesk_id::text) AS label
      FROM zendesk_users WHERE role IN ('agent', 'admin') ORDER BY zendesk_id LIMIT ${OPTION_LIMIT}`,
    db().$queryRaw<{ id: bigint; label: string }[]>`
      SELECT DISTINCT ON (zendesk_id) zendesk_id AS id, coalesce(name, zendesk_id::text) AS label
      FROM zendesk_groups WHERE NOT deleted ORDER BY zendesk_id LIMIT ${OPTION_LIMIT}`,
    db().$queryRaw<{ id: bigint; label: string }[]>`
      SELECT DISTINCT ON (zendesk_id) zendesk_id AS id, coalesce(name, zendesk_id::text) AS label
      FROM zendesk_organizations ORDER BY zendesk_id LIMIT ${OPTION_LIMIT}`,
    db().$queryRaw<{ title: string; type: string; options: unknown }[]>`
      SELECT DISTINCT ON (lower(title)) title, type, options FROM zendesk_ticket_fields
      WHERE active AND type NOT IN ('subject', 'description', 'status', 'priority', 'tickettype', 'group', 'assignee')
      ORDER BY lower(title), position NULLS LAST`,
  ]);
  const byLabel = (a: FilterOption, b: FilterOption) => a.label.localeCompare(b.label);
  const toOptions = (rows: { id: bigint | number; label: string }[]) => rows.map((r) => ({ value: String(r.id), label: r.label })).sort(byLabel);
  return {
    desks: toOptions(desks),
    assignees: toOptions(assignees),
    groups: toOptions(groups),
    organizations: toOptions(organizations),
    customFields: fields.map((f) => ({
      title: f.title,
      type: f.type,
      options: (Array.isArray(f.options) ? (f.options as { name: string; value: string }[]) : []).map((o) => ({ value: o.value, label: o.name })),
    })),
  };
}

/** Which desk a ticket belongs to and its Zendesk id, for the comment repair. */
export async function getTicketRef(id: string): Promise<{ deskId: number; zendeskId: number } | null> {
  if (!isInt8Id(id)) return null;
  const rows = await db().$queryRaw<{ desk_id: number; zendesk_id: bigint }[]>`SELECT desk_id, zendesk_id FROM zendesk_tickets WHERE id = ${id}::bigint`;
  const row = rows[0];
  return row ? { deskId: row.desk_id, zendeskId: Number(row.zendesk_id) } : null;
}
