import "server-only";
// One ticket with everything the ticket page shows, its comment thread, and the choices the search
// filters offer. Comment HTML is sanitised here, on the server, before it can reach a browser, and a
// desk's personal data is masked here for readers who may not see it (lib/data/ticket-access.ts).
import sanitizeHtml from "sanitize-html";
import { deskFields, displayField } from "@/lib/data/custom-fields";
import { seesPersonalData, type TicketReader } from "@/lib/data/ticket-access";
import { db } from "@/lib/db/client";
import { TICKETS } from "@/lib/db/columns";
import { shared, SHARED_TTL_MS } from "@/lib/data/shared-cache";
import { isInt8Id } from "@/lib/validations/pg-safe";

export type TicketDetail = {
  id: string;
  deskId: number;
  deskName: string;
  zendeskId: string;
  zendeskUrl: string;
  deleted: boolean;
  /** The desk masks personal data from this reader: requester, description and comment bodies are null. */
  masked: boolean;
  subject: string | null;
  status: string | null;
  priority: string | null;
  type: string | null;
  channel: string | null;
  satisfaction: string | null;
  tags: string[];
  requester: { name: string | null; email: string | null; organization: string | null };
  assignee: string | null;
  group: string | null;
  /** ISO 8601 instants; the page shows them in the reader's zone. */
  times: { created: string | null; updated: string | null; solved: string | null; due: string | null };
  description: string | null;
  /** Every column of the row except raw_data, the custom fields and generated ones, in registry order. */
  columns: { name: string; value: string | null; time: boolean; hidden: boolean }[];
  customFields: { id: string; title: string; value: string | null }[];
  sla: { label: string; calendar: number | null; business: number | null }[];
};

export type TicketComment = {
  id: string;
  author: string | null;
  /** Zendesk's role of the author: end-user, agent or admin (null when the user is not synced). */
  authorRole: string | null;
  public: boolean;
  createdAt: string | null;
  html: string | null;
  body: string | null;
  /** The body is hidden from this reader (the desk masks personal data). */
  masked: boolean;
};

/** Which ticket a link names: its Zendesk id, and the desk when two desks have that id. */
export type TicketRef = { zendeskId: string; deskId?: number };

export type TicketLookup =
  | { kind: "found"; ticket: TicketDetail }
  | { kind: "ambiguous"; desks: { id: number; name: string }[] }
  | { kind: "missing" };

/** Not shown as raw columns: too big (raw_data), shown on their own (custom fields), or derived. */
const HIDDEN_COLUMNS = new Set(["raw_data", "custom_fields", "search_vector", "priority_rank", "status_rank"]);
/** What a desk that masks personal data hides from viewers among the raw columns. */
const PERSONAL_COLUMNS = new Set(["req_name", "req_email", "req_external_id", "submitter_name", "description"]);

function display(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const SLA_METRICS = [
  ["First reply", "first_reply_time_in_minutes"],
  ["First resolution", "first_resolution_time_in_minutes"],
  ["Full resolution", "full_resolution_time_in_minutes"],
  ["Agent wait", "agent_wait_time_in_minutes"],
  ["Requester wait", "requester_wait_time_in_minutes"],
  ["On hold", "on_hold_time_in_minutes"],
] as const;

/** A ticket by its Zendesk id; when several desks have that id and no desk is named, which desks. */
export async function getTicket(ref: TicketRef, reader: TicketReader): Promise<TicketLookup> {
  if (!isInt8Id(ref.zendeskId)) return { kind: "missing" };
  const masks = !seesPersonalData(reader);
  // to_jsonb keeps every column (the tsvector and raw_data are dropped here, not shipped and ignored).
  const rows = await db().$queryRaw<{ row: Record<string, unknown>; desk_base_url: string; desk_name: string; masked: boolean }[]>`
    SELECT to_jsonb(t) - 'raw_data' - 'search_vector' AS row, d.base_url AS desk_base_url,
      coalesce(d.name, d.domain) AS desk_name, (d.mask_pii AND ${masks}) AS masked
    FROM zendesk_tickets t JOIN desks d ON d.id = t.desk_id
    WHERE t.zendesk_id = ${ref.zendeskId}::bigint AND (${ref.deskId ?? null}::int IS NULL OR t.desk_id = ${ref.deskId ?? null}::int)
    ORDER BY desk_name`;
  if (rows.length === 0) return { kind: "missing" };
  if (rows.length > 1) return { kind: "ambiguous", desks: rows.map((r) => ({ id: r.row.desk_id as number, name: r.desk_name })) };
  const found = rows[0]!;
  const row = found.row;
  if (found.masked) for (const name of PERSONAL_COLUMNS) row[name] = null;
  const fields = await deskFields(row.desk_id as number);
  const values = (row.custom_fields ?? {}) as Record<string, unknown>;
  const known = new Set(fields.map((f) => f.zendeskId));
  const customFields = [
    ...fields.filter((f) => f.zendeskId in values).map((f) => ({ id: f.zendeskId, title: f.title, value: displayField(values[f.zendeskId], f.options) })),
    // A value for a field the desk no longer lists still deserves a line, under its id.
    ...Object.keys(values)
      .filter((key) => !known.has(key))
      .map((key) => ({ id: key, title: `Field ${key}`, value: displayField(values[key], []) })),
  ];
  const columns = Object.entries(TICKETS)
    .filter(([name]) => !HIDDEN_COLUMNS.has(name))
    .map(([name, column]) => ({ name, value: display(row[name]), time: column.sql === "timestamptz", hidden: found.masked && PERSONAL_COLUMNS.has(name) }));
  const text = (name: string) => (row[name] as string | null | undefined) ?? null;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    kind: "found",
    ticket: {
      id: String(row.id),
      deskId: row.desk_id as number,
      deskName: found.desk_name,
      zendeskId: String(row.zendesk_id),
      zendeskUrl: `${found.desk_base_url}/agent/tickets/${String(row.zendesk_id)}`,
      deleted: row.deleted_at !== null && row.deleted_at !== undefined,
      masked: found.masked,
      subject: text("subject"),
      status: text("status"),
      priority: text("priority"),
      type: text("ticket_type"),
      channel: text("via"),
      satisfaction: text("satisfaction_score"),
      tags: (row.tags as string[] | null) ?? [],
      requester: { name: text("req_name"), email: text("req_email"), organization: text("organization_name") },
      assignee: text("assignee_name"),
      group: text("group_name"),
      times: { created: text("created_at"), updated: text("updated_at"), solved: text("solved_at"), due: text("due_date") },
      description: text("description"),
      columns,
      customFields,
      sla: SLA_METRICS.map(([label, column]) => ({
        label,
        calendar: num(row[column]),
        business: num(row[`${column}_within_business_hours`]),
      })),
    },
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

/**
 * The ticket's conversation, oldest first (the first comment is the description). On a desk that
 * masks personal data, a viewer gets no bodies and no names of end users: masked in SQL, so they never
 * leave the database for that reader.
 */
export async function getTicketComments(ref: TicketRef, reader: TicketReader): Promise<TicketComment[]> {
  if (!isInt8Id(ref.zendeskId)) return [];
  const masks = !seesPersonalData(reader);
  const rows = await db().$queryRaw<
    { comment_id: bigint; author: string | null; author_role: string | null; public: boolean; created_at: Date | null; html_body: string | null; body: string | null; masked: boolean }[]
  >`
    SELECT c.comment_id, c.public, c.created_at, x.masked, u.role AS author_role,
      CASE WHEN x.masked AND coalesce(u.role, 'end-user') NOT IN ('agent', 'admin') THEN NULL ELSE u.name END AS author,
      CASE WHEN x.masked THEN NULL ELSE c.html_body END AS html_body,
      CASE WHEN x.masked THEN NULL ELSE c.body END AS body
    FROM zendesk_tickets t
    JOIN desks d ON d.id = t.desk_id
    CROSS JOIN LATERAL (SELECT d.mask_pii AND ${masks} AS masked) x
    JOIN zendesk_ticket_comments c ON c.domain = t.domain AND c.ticket_id = t.zendesk_id
    LEFT JOIN zendesk_users u ON u.domain = c.domain AND u.zendesk_id = c.author_id
    WHERE t.zendesk_id = ${ref.zendeskId}::bigint AND (${ref.deskId ?? null}::int IS NULL OR t.desk_id = ${ref.deskId ?? null}::int)
    ORDER BY c.created_at, c.comment_id`;
  return rows.map((r) => ({
    id: String(r.comment_id),
    author: r.author,
    authorRole: r.author_role,
    public: r.public,
    createdAt: r.created_at?.toISOString() ?? null,
    html: r.html_body ? sanitizeCommentHtml(r.html_body) : null,
    body: r.body,
    masked: r.masked,
  }));
}

type FilterOption = { value: string; label: string };
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

/** The choices as the ticket list offers them: the same for every reader, so shared, at most a few seconds old. */
export function recentTicketFilterOptions(): Promise<TicketFilterOptions> {
  return shared("ticket-filter-options", SHARED_TTL_MS, getTicketFilterOptions);
}

/** Which desk a ticket belongs to and its Zendesk id, for the comment repair. */
export async function getTicketRef(id: string): Promise<{ deskId: number; zendeskId: number } | null> {
  if (!isInt8Id(id)) return null;
  const rows = await db().$queryRaw<{ desk_id: number; zendesk_id: bigint }[]>`SELECT desk_id, zendesk_id FROM zendesk_tickets WHERE id = ${id}::bigint`;
  const row = rows[0];
  return row ? { deskId: row.desk_id, zendeskId: Number(row.zendesk_id) } : null;
}
