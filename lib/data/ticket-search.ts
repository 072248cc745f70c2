import "server-only";
// Compiles a TicketSearch into parameterised SQL over zendesk_tickets and runs it with keyset
// pagination, so page 500 costs what page 1 costs. Custom fields are named by their Zendesk title in
// the URL; their ids come from zendesk_ticket_fields. Equality filters compile to
// `custom_fields @> '{"<id>": <value>}'`, which the jsonb_path_ops GIN index answers (checkboxes are
// tested on the rows read instead); number ranges and "contains" read zendesk_ticket_field_values (a
// B-tree over numbers, trigrams over text). How each form was chosen, with its figures at 2,000,000
// tickets: README, "Performance".
import { customFieldReader, fieldsByTitle, type FieldRef, type SearchField } from "@/lib/data/custom-fields";
import { maskedDeskIds, type TicketReader } from "@/lib/data/ticket-access";
import { db } from "@/lib/db/client";
import type { TicketColumn as TableColumn } from "@/lib/db/columns";
import { isInt8Id, isPgText, pgTimestamp } from "@/lib/validations/pg-safe";
import { Prisma } from "@/lib/generated/prisma/client";
import { LIST_COLUMNS, type ListColumn } from "@/lib/validations/ticket-columns";
import { NONE, visibleColumns, type CustomFieldFilter, type SortKey, type TicketSearch } from "@/lib/validations/ticket-search";

/** A cell as stored: text, a number, a list (tags), a time as ISO 8601, or null. */
export type CellValue = string | number | string[] | null;

export type TicketListRow = {
  /** The row id (zendesk_tickets.id): stable, used for React keys and cursors. */
  id: string;
  zendeskId: string;
  deskId: number;
  domain: string;
  deleted: boolean;
  /** The desk masks personal data from this reader: personal cells are null for that reason. */
  masked: boolean;
  /** Another desk has a ticket with the same Zendesk id: links name the desk. */
  clash: boolean;
  cells: Partial<Record<ListColumn, CellValue>>;
  /** Custom-field columns by title, as shown (dropdown labels, Yes/No). */
  custom: Record<string, string | null>;
};

export type TicketPage = {
  rows: TicketListRow[];
  /** Cursors for the neighbouring pages; null at either end. */
  next: string | null;
  prev: string | null;
  /** 1-based position of this page. */
  page: number;
  /** Matching tickets: exact for the views the rollups count (see rollupCount), else up to COUNT_CAP. */
  total: number;
  totalCapped: boolean;
  /** Custom-field titles in the search that no desk has. */
  unknownFields: string[];
  /** The full-text query held only words too common to search for ("the", "and"). */
  emptyQuery: boolean;
};

/**
 * Counts stop here ("1,000+ tickets"), as Zendesk's own search does: counting further means visiting
 * every matching ticket, which at millions of tickets costs more than the page itself.
 */
const COUNT_CAP = 1_000;
/** Pages beyond this many rows are reached with the cursor links, not by jumping (OFFSET cost). */
export const JUMP_ROWS_MAX = 10_000;

/** Sort keys map to fixed column expressions: user input never becomes an identifier. */
const SORT_COLUMNS: Record<SortKey, { column: TableColumn; cast: Prisma.Sql; nullable: boolean }> = {
  id: { column: "zendesk_id", cast: Prisma.sql`::bigint`, nullable: false },
  subject: { column: "subject", cast: Prisma.sql`::text`, nullable: true },
  // Ranks, not the words: severity and life cycle order (see the migration 20261204091000).
  status: { column: "status_rank", cast: Prisma.sql`::int`, nullable: true },
  priority: { column: "priority_rank", cast: Prisma.sql`::int`, nullable: true },
  created: { column: "created_at", cast: Prisma.sql`::timestamptz`, nullable: true },
  updated: { column: "updated_at", cast: Prisma.sql`::timestamptz`, nullable: true },
  solved: { column: "solved_at", cast: Prisma.sql`::timestamptz`, nullable: true },
};

const col = (name: TableColumn) => Prisma.raw(`t.${name}`);

type RawRow = Record<string, unknown> & {
  id: bigint;
  zendesk_id: bigint;
  desk_id: number;
  domain: string;
  deleted_at: Date | null;
  custom_fields?: Record<string, unknown>;
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

const NUMBER = /^-?\d+(\.\d+)?$/;

/** How a filter with many possible matches finds them: see valuesMatch and textByWalk. */
export type MatchStrategy = "walk" | "ids";

/**
 * Typed rows of one of these fields (each on its own desk) whose value meets `test`. A field id no
 * other desk has needs no desk test, which keeps the search to the index alone.
 */
function valuesOf(fields: SearchField[], test: Prisma.Sql): Prisma.Sql {
  const which = fields.map((f) =>
    f.sharedId ? Prisma.sql`(v.field_id = ${f.zendeskId}::bigint AND v.desk_id = ${f.deskId})` : Prisma.sql`v.field_id = ${f.zendeskId}::bigint`,
  );
  return Prisma.sql`(${Prisma.join(which, " OR ")}) AND ${test}`;
}

/**
 * Tickets with such a value. "ids": the matching ticket ids from the value index, each ticket then
 * read (cheap while matches are few). "walk": a probe of each ticket the list reads in its order, so
 * the page stops after 50 matches (OFFSET 0 keeps PostgreSQL from turning it back into the first form).
 */
function valuesMatch(fields: SearchField[], test: Prisma.Sql, form: MatchStrategy = "ids"): Prisma.Sql {
  if (form === "walk") return Prisma.sql`EXISTS (SELECT 1 FROM zendesk_ticket_field_values v WHERE v.ticket_id = t.id AND ${valuesOf(fields, test)} OFFSET 0)`;
  return Prisma.sql`t.id IN (SELECT v.ticket_id FROM zendesk_ticket_field_values v WHERE ${valuesOf(fields, test)})`;
}

/** A range filter's bounds; an empty or non-numeric side is open. */
function rangeTest(value: string): Prisma.Sql {
  const [min, max] = value.split("..").map((part) => part.trim());
  const bounds = [Prisma.sql`v.value_number IS NOT NULL`];
  if (min && NUMBER.test(min)) bounds.push(Prisma.sql`v.value_number >= ${min}::numeric`);
  if (max && NUMBER.test(max)) bounds.push(Prisma.sql`v.value_number <= ${max}::numeric`);
  return Prisma.join(bounds, " AND ");
}

/**
 * A test of a checkbox on each ticket, of the fields its own desk has: a CASE on the desk, so
 * custom_fields (compressed) is read once per ticket where an OR per desk read it once per desk.
 * Tickets of desks without such a field do not match.
 */
function checkboxTest(fields: SearchField[], test: (value: Prisma.Sql) => Prisma.Sql): Prisma.Sql {
  const byDesk = new Map<number, SearchField[]>();
  for (const field of fields) byDesk.set(field.deskId, [...(byDesk.get(field.deskId) ?? []), field]);
  const whens = [...byDesk].map(([deskId, own]) => {
    const tests = own.map((f) => test(Prisma.sql`(t.custom_fields -> ${f.zendeskId}::text)`));
    return Prisma.sql`WHEN ${deskId}::int THEN (${Prisma.join(tests, " OR ")})`;
  });
  return Prisma.sql`(CASE t.desk_id ${Prisma.join(whens, " ")} ELSE FALSE END)`;
}

/** The filters on one title, over every desk with a field of that title (ids differ per desk). */
function titleCondition(fields: SearchField[], { op, value }: CustomFieldFilter, form: MatchStrategy): Prisma.Sql {
  if (op === "range") return valuesMatch(fields, rangeTest(value), form);
  // A checkbox is tested on each ticket the list reads, not looked up in the GIN index: "checked" is a
  // large share of tickets, and a bitmap of all of them costs more than walking to a page of matches.
  // Unchecked is false or never set.
  if (op === "checked") return checkboxTest(fields, (v) => Prisma.sql`(${v} = 'true'::jsonb) IS ${Prisma.raw(value === "false" ? "NOT TRUE" : "TRUE")}`);
  if (op === "is" && fields.every((f) => f.type === "checkbox")) return checkboxTest(fields, (v) => Prisma.sql`${v} = ${JSON.stringify(value === "true")}::jsonb`);
  if (op === "contains") {
    const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
    return valuesMatch(fields, Prisma.sql`v.value_text ILIKE ${`%${escaped}%`}`);
  }
  // Each desk numbers its fields itself: the same title is a different id per desk. The desk is tested
  // only where another desk has the same id: a desk test beside the GIN lookup tempts the planner into
  // AND-ing a bitmap of every ticket of the desk.
  const perDesk = fields.map((field) =>
    field.sharedId ? Prisma.sql`(t.desk_id = ${field.deskId} AND ${equalityCondition(field, value)})` : equalityCondition(field, value),
  );
  return Prisma.sql`(${Prisma.join(perDesk, " OR ")})`;
}

/** One field's equality condition; the field id is from the database, values are parameters. */
function equalityCondition(field: FieldRef, given: string): Prisma.Sql {
  const contains = (value: unknown) => Prisma.sql`t.custom_fields @> ${JSON.stringify({ [field.zendeskId]: value })}::jsonb`;
  // A dropdown may be filtered by the option's label or its tag value.
  const value = field.options.find((o) => o.name.toLowerCase() === given.toLowerCase())?.value ?? given;
  if (field.type === "multiselect") return contains([value]);
  if (field.type === "checkbox") return contains(value === "true");
  if ((field.type === "integer" || field.type === "decimal") && NUMBER.test(value)) {
    // Zendesk sends numbers as strings; some proxies and exports as numbers.
    return Prisma.sql`(${contains(Number(value))} OR ${contains(value)})`;
  }
  return contains(value);
}

/** A share of tickets above which a number range is walked in the list's order (see valuesMatch). */
const FREQUENT_RANGE_SHARE = 0.004;

/**
 * Whether a range matches many tickets: its matches counted in the value index alone, up to the
 * frequent share (a millisecond or two). The planner's estimate of a range of one field among all
 * fields' numbers is off by an order of magnitude, so it is counted.
 */
async function rangeIsFrequent(fields: SearchField[], value: string, tickets: number): Promise<boolean> {
  const enough = Math.max(1, Math.ceil(FREQUENT_RANGE_SHARE * tickets));
  const [row] = await db().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (SELECT 1 FROM zendesk_ticket_field_values v WHERE ${valuesOf(fields, rangeTest(value))} LIMIT ${enough}) s`;
  return Number(row?.n ?? 0) >= enough;
}

type CustomConditions = { rows: Prisma.Sql[]; exact: Prisma.Sql[]; unknown: string[] };

/** The custom-field filters: for the rows (a frequent range walked) and for the count (by ids). */
async function customFieldConditions(filters: CustomFieldFilter[], fields: SearchField[], strategy: MatchStrategy | undefined): Promise<CustomConditions> {
  const result: CustomConditions = { rows: [], exact: [], unknown: [] };
  let tickets: Promise<number> | undefined;
  for (const filter of filters) {
    const matching = fields.filter((f) => f.title.toLowerCase() === filter.title.toLowerCase());
    if (matching.length === 0) {
      result.unknown.push(filter.title);
      result.rows.push(Prisma.sql`FALSE`);
      result.exact.push(Prisma.sql`FALSE`);
      continue;
    }
    const exact = titleCondition(matching, filter, "ids");
    result.exact.push(exact);
    if (filter.op !== "range") {
      result.rows.push(exact);
      continue;
    }
    tickets ??= ticketCount();
    const form = strategy ?? ((await rangeIsFrequent(matching, filter.value, await tickets)) ? "walk" : "ids");
    result.rows.push(form === "walk" ? titleCondition(matching, filter, "walk") : exact);
  }
  return result;
}

type PgType = "int" | "bigint" | "text";

/**
 * One of the values. A single value is plain equality: an index on (column, updated_at, id) then
 * returns "status open" newest first and the list stops after a page, where `= ANY('{open}')` reads
 * every open ticket and sorts them.
 */
function inList(column: Prisma.Sql, values: (string | number)[], type: PgType): Prisma.Sql {
  const t = Prisma.raw(type);
  return values.length === 1 ? Prisma.sql`${column} = ${values[0]}::${t}` : Prisma.sql`${column} = ANY(${values}::${t}[])`;
}

/** One of the values; NONE stands for no value (Unassigned, no priority…). */
function anyOf(column: Prisma.Sql, values: string[], type: PgType): Prisma.Sql {
  const some = values.filter((v) => v !== NONE);
  const parts = some.length ? [inList(column, some, type)] : [];
  if (values.includes(NONE)) parts.push(Prisma.sql`${column} IS NULL`);
  return parts.length === 1 ? parts[0]! : Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}

/** A day in the reader's zone: "2026-03-01" starts at local midnight there. */
const dayStart = (day: string, zone: string) => Prisma.sql`(${day}::date::timestamp AT TIME ZONE ${zone})`;
const dayEnd = (day: string, zone: string) => Prisma.sql`((${day}::date + 1)::timestamp AT TIME ZONE ${zone})`;

/** Full text held by the ticket itself; on desks masked for this reader, only its subject (weight A). */
function ticketText(alias: "s" | "t", query: Prisma.Sql, masked: number[]): Prisma.Sql {
  const a = Prisma.raw(alias);
  if (masked.length === 0) return Prisma.sql`${a}.search_vector @@ ${query}`;
  return Prisma.sql`(${a}.search_vector @@ ${query} AND (${a}.desk_id <> ALL(${masked}::int[]) OR ts_filter(${a}.search_vector, '{a}') @@ ${query}))`;
}

/** Comments are what a mask hides: a search must not reveal them either. */
const commentsShown = (masked: number[]) => (masked.length ? Prisma.sql`AND m.desk_id <> ALL(${masked}::int[])` : Prisma.empty);

/**
 * Full text, for a rare query: the matching ids from the two GIN indexes (ticket text, comment text),
 * fetched by primary key. Cheap while matches are few; each match costs a heap read.
 */
function textByIds(query: Prisma.Sql, masked: number[]): Prisma.Sql {
  return Prisma.sql`t.id = ANY(ARRAY(
    SELECT s.id FROM zendesk_tickets s WHERE ${ticketText("s", query, masked)}
    UNION
    SELECT s.id FROM zendesk_ticket_comments m
      JOIN zendesk_tickets s ON s.domain = m.domain AND s.zendesk_id = m.ticket_id
      WHERE m.search_vector @@ ${query} ${commentsShown(masked)}))`;
}

/**
 * Full text, for a frequent query: a test of each ticket, so the list walks its sort index and stops
 * after a page of matches (one in twenty tickets matching: a thousand tickets read, not 100,000). The
 * comments are probed per ticket through their (domain, ticket_id) index: OFFSET 0 keeps PostgreSQL
 * from turning the EXISTS into a hash of every matching comment, which is the cost this form avoids.
 */
function textByWalk(query: Prisma.Sql, masked: number[]): Prisma.Sql {
  return Prisma.sql`(${ticketText("t", query, masked)} OR EXISTS (
    SELECT 1 FROM zendesk_ticket_comments m
    WHERE m.domain = t.domain AND m.ticket_id = t.zendesk_id AND m.search_vector @@ ${query} ${commentsShown(masked)} OFFSET 0))`;
}

/** Matches per ticket above which walking the list's order beats fetching every match. */
const FREQUENT_SHARE = 0.01;

/** Tickets stored, as the statistics have it (at least 1). */
async function ticketCount(): Promise<number> {
  const [row] = await db().$queryRaw<{ n: number }[]>`SELECT greatest(reltuples, 1)::float8 AS n FROM pg_class WHERE oid = 'zendesk_tickets'::regclass`;
  return row?.n ?? 1;
}

/** The planner's estimate of a query's matches (from the tsvector statistics), as a share of tickets. */
async function matchShare(query: Prisma.Sql): Promise<number> {
  const estimate = async (sql: Prisma.Sql) => {
    const [row] = await db().$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>`EXPLAIN (FORMAT JSON) ${sql}`;
    return row?.["QUERY PLAN"][0].Plan["Plan Rows"] ?? 0;
  };
  const [tickets, inTickets, inComments] = await Promise.all([
    ticketCount(),
    estimate(Prisma.sql`SELECT 1 FROM zendesk_tickets s WHERE s.search_vector @@ ${query}`),
    estimate(Prisma.sql`SELECT 1 FROM zendesk_ticket_comments m WHERE m.search_vector @@ ${query}`),
  ]);
  return (inTickets + inComments) / tickets;
}

export type TicketWhere = {
  /** The rows' condition. */
  where: Prisma.Sql;
  /** The same set, in the form that counts best (full text and ranges by ids). */
  exact: Prisma.Sql;
  /** A subset (full text in ticket text only) whose capped count, when capped, caps the whole. */
  lowerBound: Prisma.Sql | null;
  unknownFields: string[];
  emptyQuery: boolean;
  masked: number[];
};

/**
 * The WHERE clause of a search (without pagination), for this reader. Full text and number ranges take
 * the form their frequency favours, unless `strategy` says which (tests compare the two).
 */
export async function ticketWhere(search: TicketSearch, reader: TicketReader, options: { strategy?: MatchStrategy } = {}): Promise<TicketWhere> {
  const c: Prisma.Sql[] = [];
  if (!search.deleted) c.push(Prisma.sql`t.deleted_at IS NULL`);
  if (search.desk.length) c.push(inList(Prisma.sql`t.desk_id`, search.desk, "int"));
  if (search.status.length) c.push(inList(Prisma.sql`t.status`, search.status, "text"));
  if (search.priority.length) c.push(anyOf(Prisma.sql`t.priority`, search.priority, "text"));
  if (search.type.length) c.push(inList(Prisma.sql`t.ticket_type`, search.type, "text"));
  if (search.assignee.length) c.push(anyOf(Prisma.sql`t.assignee_id`, search.assignee, "bigint"));
  if (search.group.length) c.push(anyOf(Prisma.sql`t.group_id`, search.group, "bigint"));
  if (search.organization.length) c.push(anyOf(Prisma.sql`t.organization_id`, search.organization, "bigint"));
  if (search.via.length) c.push(anyOf(Prisma.sql`t.via`, search.via, "text"));
  if (search.satisfaction.length) c.push(anyOf(Prisma.sql`t.satisfaction_score`, search.satisfaction, "text"));
  if (search.tags.length) c.push(Prisma.sql`t.tags @> ${search.tags}::text[]`);
  const ranges = [
    [Prisma.sql`t.created_at`, search.createdFrom, search.createdTo],
    [Prisma.sql`t.updated_at`, search.updatedFrom, search.updatedTo],
    [Prisma.sql`t.solved_at`, search.solvedFrom, search.solvedTo],
  ] as const;
  for (const [column, from, to] of ranges) {
    if (from) c.push(Prisma.sql`${column} >= ${dayStart(from, search.tz ?? reader.timeZone)}`);
    if (to) c.push(Prisma.sql`${column} < ${dayEnd(to, search.tz ?? reader.timeZone)}`);
  }
  const [fields, masked] = await Promise.all([fieldsByTitle(search.cf.map((f) => f.title)), maskedDeskIds(reader)]);
  const custom = await customFieldConditions(search.cf, fields, options.strategy);
  const join = (parts: Prisma.Sql[]) => (parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`);
  const all = (more: Prisma.Sql[]) => join([...c, ...custom.exact, ...more]);
  if (!search.q) {
    return { where: join([...c, ...custom.rows]), exact: all([]), lowerBound: null, unknownFields: custom.unknown, emptyQuery: false, masked };
  }
  const query = Prisma.sql`websearch_to_tsquery('zendesk_search', ${search.q})`;
  // A query of stop words only ("the") is empty: it would match nothing, and the page says why.
  const [parsed] = await db().$queryRaw<{ nodes: number }[]>`SELECT numnode(${query}) AS nodes`;
  if (!parsed || parsed.nodes === 0) {
    const where = all([Prisma.sql`FALSE`]);
    return { where, exact: where, lowerBound: null, unknownFields: custom.unknown, emptyQuery: true, masked };
  }
  const strategy = options.strategy ?? ((await matchShare(query)) >= FREQUENT_SHARE ? "walk" : "ids");
  const exact = all([textByIds(query, masked)]);
  return {
    where: join([...c, ...custom.rows, strategy === "walk" ? textByWalk(query, masked) : textByIds(query, masked)]),
    exact,
    lowerBound: strategy === "walk" ? all([ticketText("t", query, masked)]) : null,
    unknownFields: custom.unknown,
    emptyQuery: false,
    masked,
  };
}

/** Table columns a page reads: the visible ones, the sort column, and what every row needs. */
function selectList(columns: ListColumn[], sort: SortKey, masked: number[], withCustomFields: boolean): Prisma.Sql {
  const names = new Set<TableColumn>(["id", "zendesk_id", "desk_id", "domain", "deleted_at", SORT_COLUMNS[sort].column]);
  const personal = new Set<TableColumn>();
  for (const column of columns) {
    const spec = LIST_COLUMNS[column];
    names.add(spec.table);
    if ("personal" in spec && spec.personal) personal.add(spec.table);
  }
  const parts = [...names].map((name) =>
    // Masked in SQL, so a masked value never leaves the database for this reader.
    personal.has(name) && masked.length > 0
      ? Prisma.sql`CASE WHEN t.desk_id = ANY(${masked}::int[]) THEN NULL ELSE ${col(name)} END AS ${Prisma.raw(name)}`
      : col(name),
  );
  if (withCustomFields) parts.push(Prisma.sql`t.custom_fields`);
  return Prisma.join(parts, ", ");
}

/** One stretch of the sort order: the rows with a value, then (nullable sorts) those without. */
type Segment = { nulls: boolean };

function segmentsFor(sort: SortKey, backwards: boolean): Segment[] {
  if (!SORT_COLUMNS[sort].nullable) return [{ nulls: false }];
  // Blanks come last in either direction, so walking backwards meets them first.
  return backwards ? [{ nulls: true }, { nulls: false }] : [{ nulls: false }, { nulls: true }];
}

function segmentOf(cursor: Cursor): Segment {
  return { nulls: cursor.v === null };
}

/**
 * Rows strictly after the cursor within its segment, in (value, id) order in direction `dir`: a row
 * comparison, which the (value, id) index takes as where its walk starts.
 */
function keysetCondition(sort: SortKey, dir: "asc" | "desc", cursor: Cursor): Prisma.Sql {
  const { column, cast } = SORT_COLUMNS[sort];
  const id = Prisma.sql`${cursor.id}::bigint`;
  const cmp = Prisma.raw(dir === "asc" ? ">" : "<");
  if (cursor.v === null) return Prisma.sql`t.id ${cmp} ${id}`;
  return Prisma.sql`(${col(column)}, t.id) ${cmp} (${cursor.v}${cast}, ${id})`;
}

type PageRequest = { search: TicketSearch; where: TicketWhere; select: Prisma.Sql; limit: number; offset: number; cursor: Cursor | null; backwards: boolean };

/**
 * The rows of a page: each segment in turn, with the keyset inside the cursor's segment, until the
 * page is full. Separate queries rather than one UNION keep each an index walk that stops at LIMIT
 * (PostgreSQL may not run a UNION's parts lazily or in order).
 */
async function fetchRows(request: PageRequest): Promise<{ rows: RawRow[]; hasMore: boolean }> {
  const { search, where, select, limit, cursor, backwards } = request;
  const { column, nullable } = SORT_COLUMNS[search.sort];
  const dir = backwards ? (search.dir === "asc" ? "desc" : "asc") : search.dir;
  const order = Prisma.raw(dir === "asc" ? "ASC" : "DESC");
  const rows: RawRow[] = [];
  let skip = request.offset;
  let started = cursor === null;
  for (const segment of segmentsFor(search.sort, backwards)) {
    let keyset: Prisma.Sql = Prisma.sql`TRUE`;
    if (!started) {
      if (segmentOf(cursor!).nulls !== segment.nulls) continue;
      started = true;
      keyset = keysetCondition(search.sort, dir, cursor!);
    }
    const inSegment = !nullable ? Prisma.sql`TRUE` : segment.nulls ? Prisma.sql`${col(column)} IS NULL` : Prisma.sql`${col(column)} IS NOT NULL`;
    const orderBy = segment.nulls ? Prisma.sql`t.id ${order}` : Prisma.sql`${col(column)} ${order}, t.id ${order}`;
    const want = limit + 1 - rows.length;
    const found = await db().$queryRaw<RawRow[]>`
      SELECT ${select} FROM zendesk_tickets t
      WHERE ${where.where} AND ${inSegment} AND ${keyset}
      ORDER BY ${orderBy} OFFSET ${skip} LIMIT ${want}`;
    rows.push(...found);
    if (rows.length > limit) break;
    if (skip > 0 && found.length === 0) {
      // The jump lands beyond this segment: skip what it holds and go on in the next one.
      const [counted] = await db().$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM (SELECT 1 FROM zendesk_tickets t WHERE ${where.exact} AND ${inSegment} LIMIT ${skip}) s`;
      skip -= Number(counted?.n ?? 0);
    } else {
      skip = 0;
    }
  }
  const page = rows.slice(0, limit);
  return { rows: backwards ? page.reverse() : page, hasMore: rows.length > limit };
}

function cellOf(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return String(value);
  if (typeof value === "number" || typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(String);
  return String(value);
}

function rowReader(columns: ListColumn[], customTitles: string[], fields: FieldRef[], masked: number[]) {
  const readCustom = customFieldReader(customTitles, fields);
  const hidden = new Set(masked);
  return (r: RawRow): TicketListRow => ({
    id: String(r.id),
    zendeskId: String(r.zendesk_id),
    deskId: r.desk_id,
    domain: r.domain,
    deleted: r.deleted_at !== null,
    masked: hidden.has(r.desk_id),
    clash: false,
    cells: Object.fromEntries(columns.map((column) => [column, cellOf(r[LIST_COLUMNS[column].table])])),
    custom: customTitles.length ? readCustom(r.desk_id, r.custom_fields ?? {}) : {},
  });
}

const TIMESTAMP_SORTS = new Set<SortKey>(["created", "updated", "solved"]);

/** A cursor made for another sort (an edited or stale link) starts from the first page instead of failing. */
function cursorFor(sort: SortKey, text: string | undefined): Cursor | null {
  const cursor = decodeCursor(text);
  if (!cursor || cursor.v === null) return cursor;
  if (sort === "id" && !isInt8Id(cursor.v)) return null;
  // Status and priority sort by their rank, a small integer.
  if ((sort === "status" || sort === "priority") && !/^-?\d{1,9}$/.test(cursor.v)) return null;
  if (TIMESTAMP_SORTS.has(sort)) {
    // Date.parse takes more than PostgreSQL does (year 0, +275760): the cursor carries the ISO form.
    const v = pgTimestamp(cursor.v);
    return v ? { ...cursor, v } : null;
  }
  return cursor;
}

function cursorOf(sort: SortKey, row: RawRow | undefined): string | null {
  if (!row) return null;
  const value = row[SORT_COLUMNS[sort].column];
  const v = value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value);
  return encodeCursor({ v, id: String(row.id) });
}

/** The columns a search reads: the visible ones in the list, exactly the chosen ones in the export. */
function columnsOf(search: TicketSearch): ListColumn[] {
  return visibleColumns(search);
}

/** Matching tickets up to one past COUNT_CAP: a bounded scan, whatever the filters. */
async function countUpToCap(where: TicketWhere): Promise<number> {
  const count = async (condition: Prisma.Sql) => {
    const [counted] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (SELECT 1 FROM zendesk_tickets t WHERE ${condition} LIMIT ${COUNT_CAP + 1}) s`;
    return Number(counted?.n ?? 0);
  };
  if (where.lowerBound) {
    // A frequent word: its matches in ticket text alone usually pass the cap, without the comments.
    const atLeast = await count(where.lowerBound);
    if (atLeast > COUNT_CAP) return atLeast;
  }
  return count(where.exact);
}

type RollupCount = { measure: "status" | "priority"; keys: string[] | null };

/**
 * The list as it opens (live tickets, perhaps of some desks, perhaps of some statuses or priorities)
 * is counted from ticket_rollups, which triggers keep exact in the same transaction as the tickets:
 * a few dozen month rows instead of a scan of up to COUNT_CAP tickets on every page load. Any other
 * filter is counted on the tickets themselves.
 */
function rollupCount(search: TicketSearch): RollupCount | null {
  const lists = [search.type, search.assignee, search.group, search.organization, search.via, search.satisfaction, search.tags, search.cf];
  const dates = [search.createdFrom, search.createdTo, search.updatedFrom, search.updatedTo, search.solvedFrom, search.solvedTo];
  if (search.deleted || search.q || lists.some((list) => list.length > 0) || dates.some(Boolean)) return null;
  if (search.status.length && search.priority.length) return null;
  // The rollups key "no priority" as ''.
  if (search.priority.length) return { measure: "priority", keys: search.priority.map((p) => (p === NONE ? "" : p)) };
  return { measure: "status", keys: search.status.length ? search.status : null };
}

/** Each live ticket is in exactly one key of a measure, except tickets without created_at: counted apart. */
async function countFromRollups({ measure, keys }: RollupCount, search: TicketSearch, where: TicketWhere): Promise<number> {
  const desk = search.desk.length ? Prisma.sql`AND r.desk_id = ANY(${search.desk}::int[])` : Prisma.empty;
  const key = keys ? Prisma.sql`AND r.key = ANY(${keys}::text[])` : Prisma.empty;
  const [counted] = await db().$queryRaw<{ n: bigint }[]>`
    SELECT (SELECT coalesce(sum(r.tickets), 0) FROM ticket_rollups r WHERE r.grain = 'month' AND r.measure = ${measure} ${key} ${desk})::bigint
      + (SELECT count(*) FROM zendesk_tickets t WHERE ${where.exact} AND t.created_at IS NULL) AS n`;
  return Number(counted?.n ?? 0);
}

/** `options.strategy` picks the form of full text (tests compare the two); the estimate picks it otherwise. */
export async function searchTickets(search: TicketSearch, reader: TicketReader, options: { strategy?: MatchStrategy } = {}): Promise<TicketPage> {
  const columns = columnsOf(search);
  const [where, fields] = await Promise.all([ticketWhere(search, reader, options), fieldsByTitle(search.cfcol)]);
  const after = cursorFor(search.sort, search.after);
  const before = after ? null : cursorFor(search.sort, search.before);
  const cursor = after ?? before;
  // Without a cursor, `page` is a jump: an OFFSET, bounded so it stays cheap.
  const page = cursor ? search.page : Math.min(search.page, Math.max(1, Math.floor(JUMP_ROWS_MAX / search.size) + 1));
  const offset = cursor ? 0 : (page - 1) * search.size;
  const select = selectList(columns, search.sort, where.masked, search.cfcol.length > 0);
  const byRollups = rollupCount(search);
  const [{ rows, hasMore }, total] = await Promise.all([
    fetchRows({ search, where, select, limit: search.size, offset, cursor, backwards: before !== null }),
    byRollups ? countFromRollups(byRollups, search, where) : countUpToCap(where),
  ]);
  const hasNext = before ? true : hasMore;
  const hasPrev = before ? hasMore : after !== null || offset > 0;
  const toRow = rowReader(columns, search.cfcol, fields, where.masked);
  const clashes = await clashingIds(rows);
  return {
    rows: rows.map((r) => ({ ...toRow(r), clash: clashes.has(String(r.zendesk_id)) })),
    next: hasNext ? cursorOf(search.sort, rows.at(-1)) : null,
    prev: hasPrev ? cursorOf(search.sort, rows[0]) : null,
    page: before && !hasMore ? 1 : page,
    total: byRollups ? total : Math.min(total, COUNT_CAP),
    totalCapped: !byRollups && total > COUNT_CAP,
    unknownFields: where.unknownFields,
    emptyQuery: where.emptyQuery,
  };
}

/** The page's Zendesk ids that more than one desk has (their links must name the desk). */
async function clashingIds(rows: RawRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const ids = [...new Set(rows.map((r) => String(r.zendesk_id)))];
  const found = await db().$queryRaw<{ zendesk_id: bigint }[]>`
    SELECT zendesk_id FROM zendesk_tickets WHERE zendesk_id = ANY(${ids}::bigint[]) GROUP BY zendesk_id HAVING count(*) > 1`;
  return new Set(found.map((r) => String(r.zendesk_id)));
}

/** Every matching ticket in the search's order, a batch at a time (the CSV export), for this reader. */
export async function* ticketBatches(search: TicketSearch, reader: TicketReader, batchSize = 1000): AsyncGenerator<TicketListRow[]> {
  const columns = columnsOf(search);
  const [where, fields] = await Promise.all([ticketWhere(search, reader), fieldsByTitle(search.cfcol)]);
  const select = selectList(columns, search.sort, where.masked, search.cfcol.length > 0);
  const toRow = rowReader(columns, search.cfcol, fields, where.masked);
  let cursor: Cursor | null = null;
  for (;;) {
    const { rows, hasMore } = await fetchRows({ search, where, select, limit: batchSize, offset: 0, cursor, backwards: false });
    if (rows.length > 0) yield rows.map(toRow);
    if (!hasMore) return;
    cursor = decodeCursor(cursorOf(search.sort, rows.at(-1)) ?? undefined);
  }
}
