import "server-only";
// Compiles a TicketSearch into parameterised SQL over zendesk_tickets and runs it with keyset
// pagination, so page 500 costs what page 1 costs. Custom fields are named by their Zendesk title in
// the URL; their ids come from zendesk_ticket_fields, and equality filters compile to
// `custom_fields @> '{"<id>": <value>}'`, which the jsonb_path_ops GIN index answers.
import { db } from "@/lib/db/client";
import type { TicketColumn } from "@/lib/db/columns";
import { isInt8Id, isPgText, pgTimestamp } from "@/lib/validations/pg-safe";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CustomFieldFilter, SortKey, TicketSearch } from "@/lib/validations/ticket-search";

type FieldRef = { deskId: number; zendeskId: string; title: string; type: string; options: { name: string; value: string }[] };

export type TicketListRow = {
  id: string;
  zendeskId: string;
  deskId: number;
  domain: string;
  subject: string | null;
  status: string | null;
  priority: string | null;
  type: string | null;
  assignee: string | null;
  group: string | null;
  organization: string | null;
  requester: string | null;
  via: string | null;
  tags: string[];
  created: string | null;
  updated: string | null;
  solved: string | null;
  deleted: string | null;
};

export type TicketPage = {
  rows: TicketListRow[];
  /** Cursors for the neighbouring pages; null at either end. */
  next: string | null;
  prev: string | null;
  /** Matching tickets, counted up to COUNT_CAP. */
  total: number;
  totalCapped: boolean;
  /** Custom-field titles in the search that no desk has. */
  unknownFields: string[];
};

export const COUNT_CAP = 10_000;

/** Sort keys map to fixed column expressions: user input never becomes an identifier. */
const SORT_COLUMNS: Record<SortKey, { sql: Prisma.Sql; cast: Prisma.Sql; value: (row: RawRow) => string | null }> = {
  id: { sql: Prisma.sql`t.zendesk_id`, cast: Prisma.sql`::bigint`, value: (r) => String(r.zendesk_id) },
  subject: { sql: Prisma.sql`t.subject`, cast: Prisma.sql`::text`, value: (r) => r.subject },
  status: { sql: Prisma.sql`t.status`, cast: Prisma.sql`::text`, value: (r) => r.status },
  priority: { sql: Prisma.sql`t.priority`, cast: Prisma.sql`::text`, value: (r) => r.priority },
  created: { sql: Prisma.sql`t.created_at`, cast: Prisma.sql`::timestamptz`, value: (r) => r.created_at?.toISOString() ?? null },
  updated: { sql: Prisma.sql`t.updated_at`, cast: Prisma.sql`::timestamptz`, value: (r) => r.updated_at?.toISOString() ?? null },
  solved: { sql: Prisma.sql`t.solved_at`, cast: Prisma.sql`::timestamptz`, value: (r) => r.solved_at?.toISOString() ?? null },
};

/** The columns the list reads, by their names in the column registry (lib/db/columns.ts). */
const LIST_COLUMNS = [
  "id",
  "zendesk_id",
  "desk_id",
  "domain",
  "subject",
  "status",
  "priority",
  "ticket_type",
  "assignee_name",
  "group_name",
  "organization_name",
  "req_name",
  "via",
  "tags",
  "created_at",
  "updated_at",
  "solved_at",
  "deleted_at",
] as const satisfies readonly TicketColumn[];

const SELECT_LIST = Prisma.raw(LIST_COLUMNS.map((c) => `t.${c}`).join(", "));

type RawRow = Record<(typeof LIST_COLUMNS)[number], unknown> & {
  id: bigint;
  zendesk_id: bigint;
  desk_id: number;
  domain: string;
  subject: string | null;
  status: string | null;
  priority: string | null;
  ticket_type: string | null;
  assignee_name: string | null;
  group_name: string | null;
  organization_name: string | null;
  req_name: string | null;
  via: string | null;
  tags: string[];
  created_at: Date | null;
  updated_at: Date | null;
  solved_at: Date | null;
  deleted_at: Date | null;
};

type Cursor = { v: string | null; id: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(text: string | undefined): Cursor | null {
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, "base64url").toString());
    if (typeof parsed !== "object" || parsed === null) return null;
    const { v, id } = parsed as Record<string, unknown>;
    if ((typeof v !== "string" && v !== null) || typeof id !== "string" || !isInt8Id(id)) return null;
    if (v !== null && !isPgText(v)) return null;
    return { v, id };
  } catch {
    return null;
  }
}

async function resolveFields(filters: CustomFieldFilter[]): Promise<FieldRef[]> {
  if (filters.length === 0) return [];
  const titles = [...new Set(filters.map((f) => f.title.toLowerCase()))];
  const rows = await db().$queryRaw<{ desk_id: number; zendesk_id: bigint; title: string; type: string; options: unknown }[]>`
    SELECT desk_id, zendesk_id, title, type, options FROM zendesk_ticket_fields WHERE lower(title) = ANY(${titles}::text[])`;
  return rows.map((r) => ({
    deskId: r.desk_id,
    zendeskId: String(r.zendesk_id),
    title: r.title,
    type: r.type,
    options: Array.isArray(r.options) ? (r.options as { name: string; value: string }[]) : [],
  }));
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** One field's condition; the field id is from the database, values are parameters. */
function fieldCondition(field: FieldRef, filter: CustomFieldFilter): Prisma.Sql {
  const contains = (value: unknown) => Prisma.sql`t.custom_fields @> ${JSON.stringify({ [field.zendeskId]: value })}::jsonb`;
  const text = Prisma.sql`(t.custom_fields ->> ${field.zendeskId}::text)`;
  switch (filter.op) {
    case "checked":
      return filter.value === "false" ? Prisma.sql`NOT ${contains(true)}` : contains(true);
    case "contains": {
      const escaped = filter.value.replace(/[\\%_]/g, (c) => `\\${c}`);
      return Prisma.sql`${text} ILIKE ${`%${escaped}%`}`;
    }
    case "range": {
      // One jsonpath test per row: .double() reads numbers and numeric strings alike, and in silent
      // mode a non-numeric value is simply no match. Bounds travel as jsonpath variables; the key is
      // the field id from zendesk_ticket_fields (digits only), never text from the URL.
      if (!/^\d+$/.test(field.zendeskId)) return Prisma.sql`FALSE`;
      const [min, max] = filter.value.split("..").map((part) => part.trim());
      const bounds: string[] = [];
      const vars: Record<string, number> = {};
      if (min && NUMBER.test(min)) {
        bounds.push("@.double() >= $min");
        vars.min = Number(min);
      }
      if (max && NUMBER.test(max)) {
        bounds.push("@.double() <= $max");
        vars.max = Number(max);
      }
      const path = `$."${field.zendeskId}" ? (${bounds.length ? bounds.join(" && ") : "@.double() == @.double()"})`;
      return Prisma.sql`jsonb_path_exists(t.custom_fields, ${path}::jsonpath, ${JSON.stringify(vars)}::jsonb, true)`;
    }
    case "is": {
      // A dropdown may be filtered by the option's label or its tag value.
      const option = field.options.find((o) => o.name.toLowerCase() === filter.value.toLowerCase());
      const value = option?.value ?? filter.value;
      if (field.type === "multiselect") return contains([value]);
      if (field.type === "checkbox") return contains(value === "true");
      if ((field.type === "integer" || field.type === "decimal") && NUMBER.test(value)) {
        // Zendesk sends numbers as strings; some proxies and exports as numbers.
        return Prisma.sql`(${contains(Number(value))} OR ${contains(value)})`;
      }
      return contains(value);
    }
  }
}

function customFieldConditions(filters: CustomFieldFilter[], fields: FieldRef[]): { conditions: Prisma.Sql[]; unknown: string[] } {
  const conditions: Prisma.Sql[] = [];
  const unknown: string[] = [];
  for (const filter of filters) {
    const matching = fields.filter((f) => f.title.toLowerCase() === filter.title.toLowerCase());
    if (matching.length === 0) {
      unknown.push(filter.title);
      conditions.push(Prisma.sql`FALSE`);
      continue;
    }
    // Each desk numbers its fields itself: the same title is a different id per desk.
    const perDesk = matching.map((field) => Prisma.sql`(t.desk_id = ${field.deskId} AND ${fieldCondition(field, filter)})`);
    conditions.push(Prisma.sql`(${Prisma.join(perDesk, " OR ")})`);
  }
  return { conditions, unknown };
}

const dayStart = (day: string) => Prisma.sql`${day}::date::timestamptz`;
const dayEnd = (day: string) => Prisma.sql`(${day}::date + 1)::timestamptz`;

/** The WHERE clause of a search (without pagination). */
export async function ticketWhere(search: TicketSearch): Promise<{ where: Prisma.Sql; unknownFields: string[] }> {
  const c: Prisma.Sql[] = [];
  if (!search.deleted) c.push(Prisma.sql`t.deleted_at IS NULL`);
  if (search.desk.length) c.push(Prisma.sql`t.desk_id = ANY(${search.desk}::int[])`);
  if (search.status.length) c.push(Prisma.sql`t.status = ANY(${search.status}::text[])`);
  if (search.priority.length) c.push(Prisma.sql`t.priority = ANY(${search.priority}::text[])`);
  if (search.type.length) c.push(Prisma.sql`t.ticket_type = ANY(${search.type}::text[])`);
  if (search.assignee.length) c.push(Prisma.sql`t.assignee_id = ANY(${search.assignee}::bigint[])`);
  if (search.group.length) c.push(Prisma.sql`t.group_id = ANY(${search.group}::bigint[])`);
  if (search.organization.length) c.push(Prisma.sql`t.organization_id = ANY(${search.organization}::bigint[])`);
  if (search.via.length) c.push(Prisma.sql`t.via = ANY(${search.via}::text[])`);
  if (search.satisfaction.length) c.push(Prisma.sql`t.satisfaction_score = ANY(${search.satisfaction}::text[])`);
  if (search.tags.length) c.push(Prisma.sql`t.tags @> ${search.tags}::text[]`);
  const ranges = [
    [Prisma.sql`t.created_at`, search.createdFrom, search.createdTo],
    [Prisma.sql`t.updated_at`, search.updatedFrom, search.updatedTo],
    [Prisma.sql`t.solved_at`, search.solvedFrom, search.solvedTo],
  ] as const;
  for (const [column, from, to] of ranges) {
    if (from) c.push(Prisma.sql`${column} >= ${dayStart(from)}`);
    if (to) c.push(Prisma.sql`${column} < ${dayEnd(to)}`);
  }
  if (search.q) {
    // Two index lookups (ticket text, comment text) joined by id, rather than an OR the planner
    // can only answer with a scan.
    const query = Prisma.sql`websearch_to_tsquery('simple', ${search.q})`;
    c.push(Prisma.sql`t.id IN (
      SELECT s.id FROM zendesk_tickets s WHERE s.search_vector @@ ${query}
      UNION
      SELECT s.id FROM zendesk_ticket_comments m
        JOIN zendesk_tickets s ON s.domain = m.domain AND s.zendesk_id = m.ticket_id
        WHERE m.search_vector @@ ${query})`);
  }
  const fields = await resolveFields(search.cf);
  const custom = customFieldConditions(search.cf, fields);
  c.push(...custom.conditions);
  const where = c.length ? Prisma.sql`WHERE ${Prisma.join(c, " AND ")}` : Prisma.empty;
  return { where, unknownFields: custom.unknown };
}

/**
 * Rows strictly after the cursor in (sort column, id) order. PostgreSQL's default null placement
 * (last when ascending, first when descending) keeps this order the plain index order.
 */
function keysetCondition(sort: SortKey, dir: "asc" | "desc", cursor: Cursor): Prisma.Sql {
  const { sql: col, cast } = SORT_COLUMNS[sort];
  const id = Prisma.sql`${cursor.id}::bigint`;
  if (dir === "asc") {
    if (cursor.v === null) return Prisma.sql`(${col} IS NULL AND t.id > ${id})`;
    const v = Prisma.sql`${cursor.v}${cast}`;
    return Prisma.sql`(${col} > ${v} OR (${col} = ${v} AND t.id > ${id}) OR ${col} IS NULL)`;
  }
  if (cursor.v === null) return Prisma.sql`((${col} IS NULL AND t.id < ${id}) OR ${col} IS NOT NULL)`;
  const v = Prisma.sql`${cursor.v}${cast}`;
  return Prisma.sql`(${col} < ${v} OR (${col} = ${v} AND t.id < ${id}))`;
}

function toListRow(r: RawRow): TicketListRow {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: String(r.id),
    zendeskId: String(r.zendesk_id),
    deskId: r.desk_id,
    domain: r.domain,
    subject: r.subject,
    status: r.status,
    priority: r.priority,
    type: r.ticket_type,
    assignee: r.assignee_name,
    group: r.group_name,
    organization: r.organization_name,
    requester: r.req_name,
    via: r.via,
    tags: r.tags,
    created: iso(r.created_at),
    updated: iso(r.updated_at),
    solved: iso(r.solved_at),
    deleted: iso(r.deleted_at),
  };
}

const TIMESTAMP_SORTS = new Set<SortKey>(["created", "updated", "solved"]);

/** A cursor made for another sort (an edited or stale link) starts from the first page instead of failing. */
function cursorFor(sort: SortKey, text: string | undefined): Cursor | null {
  const cursor = decodeCursor(text);
  if (!cursor || cursor.v === null) return cursor;
  if (sort === "id" && !isInt8Id(cursor.v)) return null;
  if (TIMESTAMP_SORTS.has(sort)) {
    // Date.parse takes more than PostgreSQL does (year 0, +275760): the cursor carries the ISO form.
    const v = pgTimestamp(cursor.v);
    return v ? { ...cursor, v } : null;
  }
  return cursor;
}

async function fetchPage(search: TicketSearch, where: Prisma.Sql, limit: number): Promise<{ rows: RawRow[]; hasMore: boolean; backwards: boolean }> {
  const after = cursorFor(search.sort, search.after);
  const before = after ? null : cursorFor(search.sort, search.before);
  // A previous page is the next page in the opposite order, reversed.
  const backwards = before !== null;
  const dir = backwards ? (search.dir === "asc" ? "desc" : "asc") : search.dir;
  const cursor = after ?? before;
  const col = SORT_COLUMNS[search.sort].sql;
  const order = dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const keyset = cursor ? keysetCondition(search.sort, dir, cursor) : null;
  const fullWhere = keyset ? (where === Prisma.empty ? Prisma.sql`WHERE ${keyset}` : Prisma.sql`${where} AND ${keyset}`) : where;
  const rows = await db().$queryRaw<RawRow[]>`
    SELECT ${SELECT_LIST}
    FROM zendesk_tickets t
    ${fullWhere}
    ORDER BY ${col} ${order}, t.id ${order}
    LIMIT ${limit + 1}`;
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  return { rows: backwards ? page.reverse() : page, hasMore, backwards };
}

function cursorOf(sort: SortKey, row: RawRow | undefined): string | null {
  return row ? encodeCursor({ v: SORT_COLUMNS[sort].value(row), id: String(row.id) }) : null;
}

export async function searchTickets(search: TicketSearch): Promise<TicketPage> {
  const { where, unknownFields } = await ticketWhere(search);
  const [{ rows, hasMore, backwards }, counted] = await Promise.all([
    fetchPage(search, where, search.size),
    db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (SELECT 1 FROM zendesk_tickets t ${where} LIMIT ${COUNT_CAP + 1}) s`,
  ]);
  const total = Number(counted[0]?.n ?? 0);
  const hasCursor = Boolean(cursorFor(search.sort, search.after) ?? cursorFor(search.sort, search.before));
  const hasNext = backwards ? true : hasMore;
  const hasPrev = backwards ? hasMore : hasCursor;
  return {
    rows: rows.map(toListRow),
    next: hasNext ? cursorOf(search.sort, rows.at(-1)) : null,
    prev: hasPrev ? cursorOf(search.sort, rows[0]) : null,
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
    unknownFields,
  };
}

/** Every matching ticket in the search's order, a batch at a time (the CSV export). */
export async function* ticketBatches(search: TicketSearch, batchSize = 1000): AsyncGenerator<TicketListRow[]> {
  const { where } = await ticketWhere(search);
  let cursor: string | undefined;
  for (;;) {
    const { rows, hasMore } = await fetchPage({ ...search, after: cursor, before: undefined }, where, batchSize);
    if (rows.length > 0) yield rows.map(toListRow);
    if (!hasMore) return;
    cursor = cursorOf(search.sort, rows.at(-1)) ?? undefined;
  }
}
