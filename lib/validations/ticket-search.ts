// The one schema for a ticket search, as it travels in the URL: the tickets page, the CSV export and
// the charts' click-through links all parse and build it here, so a filtered view is a shareable link.
import { z } from "zod";
import { isInt4Id, isInt8Id, isPgDay, isPgText } from "@/lib/validations/pg-safe";
import { DEFAULT_COLUMNS, FIXED_COLUMNS, TICKET_COLUMNS, type ListColumn } from "@/lib/validations/ticket-columns";
import { isTimeZone } from "@/lib/validations/time-zone";

export { TICKET_COLUMNS, type ListColumn } from "@/lib/validations/ticket-columns";

export const TICKET_STATUSES = ["new", "open", "pending", "hold", "solved", "closed"] as const;
export const OPEN_STATUSES = ["new", "open", "pending", "hold"] as const;
export const TICKET_PRIORITIES = ["urgent", "high", "normal", "low"] as const;
export const TICKET_TYPES = ["question", "incident", "problem", "task"] as const;
/** In a priority, assignee, group, organization, channel or satisfaction filter: tickets without one. */
export const NONE = "none";

export const SORT_KEYS = ["id", "subject", "status", "priority", "created", "updated", "solved"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const PAGE_SIZES = [25, 50, 100] as const;

/** Longest full-text query searched; a longer one is explained, not cut or dropped in silence. */
export const Q_MAX = 200;
/** Custom-field columns one view may show. */
const CUSTOM_COLUMNS_MAX = 20;

/**
 * Custom-field operators: `is` (text equals, dropdown value, number equals), `contains` (text),
 * `checked` (value true/false), `range` (value `min..max`, either side may be empty).
 */
const CUSTOM_FIELD_OPS = ["is", "contains", "checked", "range"] as const;
type CustomFieldOp = (typeof CUSTOM_FIELD_OPS)[number];
export type CustomFieldFilter = { title: string; op: CustomFieldOp; value: string };

const CF_SEPARATOR = "::";
const CF_PATTERN = new RegExp(`^(.+?)${CF_SEPARATOR}(${CUSTOM_FIELD_OPS.join("|")})${CF_SEPARATOR}(.*)$`, "s");

export function formatCustomFieldFilter(filter: CustomFieldFilter): string {
  return [filter.title, filter.op, filter.value].join(CF_SEPARATOR);
}

/** Repeated params and comma-separated values both count: `status=open&status=new` = `status=open,new`. */
function values(input: unknown): string[] {
  const raw = Array.isArray(input) ? input : input === undefined || input === null ? [] : [input];
  return raw.flatMap((item) => String(item).split(",")).map((item) => item.trim()).filter(Boolean);
}

const list = <T extends z.ZodType>(item: T) => z.preprocess(values, z.array(item).max(100)).default([]);
const single = (input: unknown) => (Array.isArray(input) ? input[0] : input) || undefined;
// Every value must be something PostgreSQL takes (no NUL, ids within their column types, real days).
const text = (max: number) => z.string().max(max).refine(isPgText, "contains a NUL character");
const date = z.preprocess(single, z.iso.date().refine(isPgDay, "is not a day PostgreSQL knows").optional()).catch(undefined);
const digits = z.string().refine(isInt8Id, "is not an id");

const customFieldFilter = text(1_000).transform((raw, ctx): CustomFieldFilter => {
  const match = CF_PATTERN.exec(raw);
  if (!match) {
    ctx.addIssue({ code: "custom", message: `"${raw}" is not title${CF_SEPARATOR}op${CF_SEPARATOR}value` });
    return z.NEVER;
  }
  return { title: match[1]!.trim(), op: match[2] as CustomFieldOp, value: match[3]!.trim() };
});

export const ticketSearchSchema = z.object({
  // Kept even when too long (up to a bound), so the page can say so and the box keeps the text.
  q: z.preprocess(single, z.string().refine(isPgText, "contains a NUL character").optional()).transform((text) => text?.trim().slice(0, 4 * Q_MAX) || undefined).catch(undefined),
  desk: list(z.coerce.number().int().positive().refine(isInt4Id, "is not a desk id")).catch([]),
  status: list(z.enum(TICKET_STATUSES)).catch([]),
  priority: list(z.enum([...TICKET_PRIORITIES, NONE])).catch([]),
  type: list(z.enum(TICKET_TYPES)).catch([]),
  assignee: list(z.union([digits, z.literal(NONE)])).catch([]),
  group: list(z.union([digits, z.literal(NONE)])).catch([]),
  organization: list(z.union([digits, z.literal(NONE)])).catch([]),
  via: list(text(50)).catch([]),
  satisfaction: list(text(50)).catch([]),
  tags: list(text(100)).catch([]),
  createdFrom: date,
  createdTo: date,
  updatedFrom: date,
  updatedTo: date,
  solvedFrom: date,
  solvedTo: date,
  // Not comma-split: a title may contain commas; one filter per `cf` param.
  cf: z
    .preprocess((input) => (Array.isArray(input) ? input : input ? [input] : []), z.array(customFieldFilter).max(10))
    .catch([]),
  deleted: z.preprocess(single, z.enum(["1"]).optional()).catch(undefined),
  sort: z.preprocess(single, z.enum(SORT_KEYS).default("updated")).catch("updated"),
  dir: z.preprocess(single, z.enum(["asc", "desc"]).default("desc")).catch("desc"),
  size: z.preprocess(single, z.coerce.number().pipe(z.union(PAGE_SIZES.map((n) => z.literal(n)))).default(50)).catch(50),
  after: z.preprocess(single, text(500).optional()).catch(undefined),
  before: z.preprocess(single, text(500).optional()).catch(undefined),
  /** Which page the cursor is on (1-based), for "51–100 of 2,972"; without a cursor, a page to jump to. */
  /** The zone the date filters' days are in, when a link says so (the charts count UTC days); else the reader's. */
  tz: z.preprocess(single, z.string().refine(isTimeZone, "is not a time zone").optional()).catch(undefined),
  page: z.preprocess(single, z.coerce.number().int().min(1).max(1_000_000).default(1)).catch(1),
  cols: z.preprocess(values, z.array(z.enum(TICKET_COLUMNS)).min(1).optional()).catch(undefined),
  // Custom fields shown as columns, by title; one per `cfcol` param, since a title may hold a comma.
  cfcol: z
    .preprocess((input) => (Array.isArray(input) ? input : input ? [input] : []), z.array(z.string().trim().min(1).max(200).refine(isPgText, "contains a NUL character")).max(CUSTOM_COLUMNS_MAX))
    .catch([]),
});

export type TicketSearch = z.infer<typeof ticketSearchSchema>;
export type RawSearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

function toRecord(params: RawSearchParams): Record<string, string | string[] | undefined> {
  if (!(params instanceof URLSearchParams)) return params;
  const record: Record<string, string[]> = {};
  for (const [key, value] of params) (record[key] ??= []).push(value);
  return record;
}

/** Never fails: a mangled parameter falls back to its default rather than breaking a shared link. */
export function parseTicketSearch(params: RawSearchParams): TicketSearch {
  return ticketSearchSchema.parse(toRecord(params));
}

/**
 * The parameters parseTicketSearch ignored, with why ("createdFrom: is not a day PostgreSQL knows"):
 * pages show them as a notice, API routes refuse the request with them (400).
 */
export function ticketSearchNotices(params: RawSearchParams): string[] {
  const record = toRecord(params);
  const notices: string[] = [];
  for (const [key, field] of Object.entries(ticketSearchSchema.shape)) {
    if (record[key] === undefined || !(field instanceof z.ZodCatch)) continue;
    const strict = (field as z.ZodCatch<z.ZodType>).unwrap().safeParse(record[key]);
    if (!strict.success) notices.push(`${key}: ${strict.error.issues[0]?.message ?? "not understood"}`);
  }
  return notices;
}

export function visibleColumns(search: Pick<TicketSearch, "cols">): ListColumn[] {
  const chosen = new Set([...(search.cols ?? DEFAULT_COLUMNS), ...FIXED_COLUMNS]);
  return TICKET_COLUMNS.filter((column) => chosen.has(column));
}

/** The URL query for a search; defaults are left out so links stay short. */
export function ticketSearchParams(search: Partial<TicketSearch>): URLSearchParams {
  const params = new URLSearchParams();
  const put = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== "") params.set(key, String(value));
  };
  put("q", search.q);
  put("tz", search.tz);
  for (const key of ["desk", "status", "priority", "type", "assignee", "group", "organization", "via", "satisfaction", "tags"] as const) {
    const items = search[key];
    if (items && items.length > 0) params.set(key, items.join(","));
  }
  for (const key of ["createdFrom", "createdTo", "updatedFrom", "updatedTo", "solvedFrom", "solvedTo", "deleted", "after", "before"] as const) {
    put(key, search[key]);
  }
  if (search.page && search.page !== 1) put("page", search.page);
  for (const filter of search.cf ?? []) params.append("cf", formatCustomFieldFilter(filter));
  if (search.sort && search.sort !== "updated") put("sort", search.sort);
  if (search.dir && search.dir !== "desc") put("dir", search.dir);
  if (search.size && search.size !== 50) put("size", search.size);
  if (search.cols) params.set("cols", search.cols.join(","));
  for (const title of search.cfcol ?? []) params.append("cfcol", title);
  return params;
}

export function ticketSearchHref(search: Partial<TicketSearch>, path = "/tickets"): string {
  const query = ticketSearchParams(search).toString();
  return query ? `${path}?${query}` : path;
}

export const DATE_RANGES = [
  ["created", "createdFrom", "createdTo"],
  ["updated", "updatedFrom", "updatedTo"],
  ["solved", "solvedFrom", "solvedTo"],
] as const;

/**
 * Why a search cannot give what was asked, in words for the page: `blocking` problems mean no ticket
 * can match (the page says why instead of showing an empty list as if nothing were there); the others
 * explain a part of the URL that was ignored. `today` is the viewer's date (their time zone).
 */
export type SearchProblem = { message: string; blocking: boolean };

export function searchProblems(search: TicketSearch, raw: RawSearchParams, today: string): SearchProblem[] {
  const problems: SearchProblem[] = [];
  const record = toRecord(raw);
  if (search.q && search.q.length > Q_MAX) {
    problems.push({ message: `The search text is limited to ${Q_MAX} characters; yours has ${search.q.length >= 4 * Q_MAX ? "far more" : search.q.length}. Shorten it to search.`, blocking: true });
  }
  for (const [label, fromKey, toKey] of DATE_RANGES) {
    for (const key of [fromKey, toKey]) {
      const given = single(record[key]);
      if (typeof given === "string" && given.trim() !== "" && search[key] === undefined) {
        problems.push({ message: `“${given.slice(0, 40)}” is not a date (${label} ${key === fromKey ? "from" : "to"}), so that limit was ignored.`, blocking: false });
      }
    }
    const from = search[fromKey];
    const to = search[toKey];
    if (from && to && from > to) {
      problems.push({ message: `${capitalize(label)} from ${from} is after ${label} to ${to}: no ticket can match. Swap the dates.`, blocking: true });
    } else if (from && from > today) {
      problems.push({ message: `${capitalize(label)} from ${from} is in the future (today is ${today}): no ticket can match yet.`, blocking: true });
    }
  }
  return problems;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
