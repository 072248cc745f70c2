// The columns of the tables the sync fills, each listed once with its SQL type and where its value
// comes from. The mapping (lib/sync/map.ts) must produce exactly the "mapped" columns (a type error
// otherwise), the bulk upserts (lib/sync/upsert.ts) write them from this list, the ticket search
// selects from it, and lib/db/columns.test.ts fails when a table in the database and its list here
// disagree, so no column can be dropped on the way without an error.

/**
 * - mapped: produced by the mapping from the API object; `input` is its type in the upsert's
 *   jsonb_to_recordset when that differs from the column's, `value` the SQL that turns it into one.
 * - joined: filled in SQL by the upsert from a sideload stored in the same transaction (`value`).
 * - managed: written by the database or the upsert itself (ids, desk, domain, timestamps, generated).
 */
type Column =
  | { sql: string; from: "mapped"; input?: string; value?: string }
  | { sql: string; from: "joined"; value: string }
  | { sql: string; from: "managed" };

type Table = Record<string, Column>;

const mapped = (sql: string) => ({ sql, from: "mapped" as const });
const joined = (sql: string, value: string) => ({ sql, from: "joined" as const, value });
const managed = (sql: string) => ({ sql, from: "managed" as const });

/** Shared by every synced table: row id, owning desk and its domain, time of the last write. */
const OWNED = { id: managed("bigint"), desk_id: managed("integer"), domain: managed("text"), synced_at: managed("timestamptz") };

export const TICKETS = {
  ...OWNED,
  zendesk_id: mapped("bigint"),
  subject: mapped("text"),
  description: mapped("text"),
  status: mapped("text"),
  priority: mapped("text"),
  ticket_type: mapped("text"),
  url: mapped("text"),
  via: mapped("text"),
  current_tags: mapped("text"),
  // Travels as a JSON array, stored as text[].
  tags: { ...mapped("text[]"), input: "jsonb", value: "ARRAY(SELECT jsonb_array_elements_text(r.tags))" },
  req_name: joined("text", "req.name"),
  req_email: joined("text", "req.email"),
  req_id: mapped("bigint"),
  req_external_id: joined("text", "req.external_id"),
  submitter_name: joined("text", "sub.name"),
  assignee_name: joined("text", "asg.name"),
  assignee_id: mapped("bigint"),
  assignee_external_id: joined("text", "asg.external_id"),
  group_name: joined("text", "g.name"),
  group_id: mapped("bigint"),
  organization_name: joined("text", "o.name"),
  organization_id: mapped("bigint"),
  created_at: mapped("timestamptz"),
  updated_at: mapped("timestamptz"),
  generated_timestamp: mapped("bigint"),
  assigned_at: mapped("timestamptz"),
  initially_assigned_at: mapped("timestamptz"),
  solved_at: mapped("timestamptz"),
  due_date: mapped("timestamptz"),
  first_reply_time_in_minutes: mapped("integer"),
  first_reply_time_in_minutes_within_business_hours: mapped("integer"),
  first_resolution_time_in_minutes: mapped("integer"),
  first_resolution_time_in_minutes_within_business_hours: mapped("integer"),
  full_resolution_time_in_minutes: mapped("integer"),
  full_resolution_time_in_minutes_within_business_hours: mapped("integer"),
  agent_wait_time_in_minutes: mapped("integer"),
  agent_wait_time_in_minutes_within_business_hours: mapped("integer"),
  requester_wait_time_in_minutes: mapped("integer"),
  requester_wait_time_in_minutes_within_business_hours: mapped("integer"),
  on_hold_time_in_minutes: mapped("integer"),
  on_hold_time_in_minutes_within_business_hours: mapped("integer"),
  reopens: mapped("integer"),
  replies: mapped("integer"),
  group_stations: mapped("integer"),
  assignee_stations: mapped("integer"),
  satisfaction_score: mapped("text"),
  custom_fields: mapped("jsonb"),
  raw_data: mapped("jsonb"),
  deleted_at: joined("timestamptz", "CASE WHEN r.status = 'deleted' THEN coalesce(r.updated_at, now()) END"),
  search_vector: managed("tsvector"),
} as const satisfies Table;

export const USERS = {
  ...OWNED,
  zendesk_id: mapped("bigint"),
  name: mapped("text"),
  email: mapped("text"),
  role: mapped("text"),
  external_id: mapped("text"),
  organization_id: mapped("bigint"),
  active: mapped("boolean"),
  updated_at: mapped("timestamptz"),
  raw_data: mapped("jsonb"),
} as const satisfies Table;

export const GROUPS = {
  ...OWNED,
  zendesk_id: mapped("bigint"),
  name: mapped("text"),
  deleted: mapped("boolean"),
  updated_at: mapped("timestamptz"),
  raw_data: mapped("jsonb"),
} as const satisfies Table;

export const ORGANIZATIONS = {
  ...OWNED,
  zendesk_id: mapped("bigint"),
  name: mapped("text"),
  external_id: mapped("text"),
  updated_at: mapped("timestamptz"),
  raw_data: mapped("jsonb"),
} as const satisfies Table;

export const COMMENTS = {
  ...OWNED,
  ticket_id: mapped("bigint"),
  comment_id: mapped("bigint"),
  author_id: mapped("bigint"),
  public: mapped("boolean"),
  body: mapped("text"),
  html_body: mapped("text"),
  created_at: mapped("timestamptz"),
  raw_data: mapped("jsonb"),
  search_vector: managed("tsvector"),
} as const satisfies Table;

export const TICKET_FIELDS = {
  ...OWNED,
  zendesk_id: mapped("bigint"),
  title: mapped("text"),
  type: mapped("text"),
  options: mapped("jsonb"),
  active: mapped("boolean"),
  position: mapped("integer"),
  raw_data: mapped("jsonb"),
} as const satisfies Table;

/** What the ticket mapping hands the upsert beyond its columns: the submitter, whose name is joined. */
export const TICKET_INPUTS = { submitter_id: "bigint" } as const;

/** Every synced table by name, for the test that holds them to the database. */
export const SYNCED_TABLES = {
  zendesk_tickets: TICKETS,
  zendesk_users: USERS,
  zendesk_groups: GROUPS,
  zendesk_organizations: ORGANIZATIONS,
  zendesk_ticket_comments: COMMENTS,
  zendesk_ticket_fields: TICKET_FIELDS,
} as const;

type MappedOf<T extends Table> = { [K in keyof T]: T[K] extends { from: "mapped" } ? K : never }[keyof T];

/** The row the mapping produces for a table: exactly its mapped columns, nothing missing, nothing more. */
export type MappedRow<T extends Table, V = unknown> = { [K in MappedOf<T>]: V };

export type TicketColumn = keyof typeof TICKETS;

export const mappedColumns = <T extends Table>(table: T): [name: string, input: string][] =>
  Object.entries(table)
    .filter((entry): entry is [string, Extract<Column, { from: "mapped" }>] => entry[1].from === "mapped")
    .map(([name, column]) => [name, column.input ?? column.sql]);

/** Columns whose value the upsert computes in SQL (joined sideloads, and mapped ones given a `value`). */
export const computedColumns = <T extends Table>(table: T): [name: string, value: string][] =>
  Object.entries(table).flatMap(([name, column]) => ("value" in column ? [[name, (column as { value: string }).value] as [string, string]] : []));
