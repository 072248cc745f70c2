// The one schema for a ticket search, as it travels in the URL: the tickets page, the CSV export and
// the charts' click-through links all parse and build it here, so a filtered view is a shareable link.
import { z } from "zod";
import { isInt4Id, isInt8Id, isPgDay, isPgText } from "@/lib/validations/pg-safe";

export const TICKET_STATUSES = ["new", "open", "pending", "hold", "solved", "closed"] as const;
export const OPEN_STATUSES = ["new", "open", "pending", "hold"] as const;
export const TICKET_PRIORITIES = ["urgent", "high", "normal", "low"] as const;
export const TICKET_TYPES = ["question", "incident", "problem", "task"] as const;

/** Table columns, in display order; `subject` and `id` cannot be hidden. */
export const TICKET_COLUMNS = [
  "id",
  "subject",
  "status",
  "priority",
  "type",
  "assignee",
  "group",
  "organization",
  "requester",
  "desk",
  "via",
  "tags",
  "created",
  "updated",
  "solved",
] as const;
export type TicketColumn = (typeof TICKET_COLUMNS)[number];
export const DEFAULT_COLUMNS: TicketColumn[] = ["id", "subject", "status", "priority", "assignee", "group", "created", "updated"];

export const SORT_KEYS = ["id", "subject", "status", "priority", "created", "updated", "solved"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const PAGE_SIZES = [25, 50, 100] as const;

/**
 * Custom-field operators: `is` (text equals, dropdown value, number equals), `contains` (text),
 * `checked` (value true/false), `range` (value `min..max`, either side may be empty).
 */
export const CUSTOM_FIELD_OPS = ["is", "contains", "checked", "range"] as const;
export type CustomFieldOp = (typeof CUSTOM_FIELD_OPS)[number];
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
  q: z.preprocess(single, text(200).trim().optional()).catch(undefined),
  desk: list(z.coerce.number().int().positive().refine(isInt4Id, "is not a desk id")).catch([]),
  status: list(z.enum(TICKET_STATUSES)).catch([]),
  priority: list(z.enum(TICKET_PRIORITIES)).catch([]),
  type: list(z.enum(TICKET_TYPES)).catch([]),
  assignee: list(digits).catch([]),
  group: list(digits).catch([]),
  organization: list(digits).catch([]),
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
  cols: z.preprocess(values, z.array(z.enum(TICKET_COLUMNS)).min(1).optional()).catch(undefined),
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

export function visibleColumns(search: TicketSearch): TicketColumn[] {
  const chosen = new Set(search.cols ?? DEFAULT_COLUMNS);
  chosen.add("id").add("subject");
  return TICKET_COLUMNS.filter((column) => chosen.has(column));
}

/** The URL query for a search; defaults are left out so links stay short. */
export function ticketSearchParams(search: Partial<TicketSearch>): URLSearchParams {
  const params = new URLSearchParams();
  const put = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== "") params.set(key, String(value));
  };
  put("q", search.q);
  for (const key of ["desk", "status", "priority", "type", "assignee", "group", "organization", "via", "satisfaction", "tags"] as const) {
    const items = search[key];
    if (items && items.length > 0) params.set(key, items.join(","));
  }
  for (const key of ["createdFrom", "createdTo", "updatedFrom", "updatedTo", "solvedFrom", "solvedTo", "deleted", "after", "before"] as const) {
    put(key, search[key]);
  }
  for (const filter of search.cf ?? []) params.append("cf", formatCustomFieldFilter(filter));
  if (search.sort && search.sort !== "updated") put("sort", search.sort);
  if (search.dir && search.dir !== "desc") put("dir", search.dir);
  if (search.size && search.size !== 50) put("size", search.size);
  if (search.cols) params.set("cols", search.cols.join(","));
  return params;
}

export function ticketSearchHref(search: Partial<TicketSearch>, path = "/tickets"): string {
  const query = ticketSearchParams(search).toString();
  return query ? `${path}?${query}` : path;
}
