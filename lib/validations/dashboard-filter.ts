// The one URL schema of the dashboards (overview, charts, agents, SLA, satisfaction): desk, a period
// preset or custom dates. Like the ticket search it never throws: a mangled parameter falls back to
// its default. Drill-down links to the ticket list are built here from the ticket search's own schema.
import { z } from "zod";
import { isInt4Id } from "@/lib/validations/pg-safe";
import { RANGE_PRESETS, type DayRange, type PeriodChoice, type RangePreset } from "@/lib/validations/period";
import { NONE, parseTicketSearch, ticketSearchHref, type RawSearchParams, type TicketSearch } from "@/lib/validations/ticket-search";

const single = (input: unknown) => (Array.isArray(input) ? input[0] : input) || undefined;
const list = (input: unknown) =>
  (Array.isArray(input) ? input : input === undefined || input === null ? [] : [input])
    .flatMap((item) => String(item).split(","))
    .map((item) => item.trim())
    .filter(Boolean);
const date = z.preprocess(single, z.iso.date().optional()).catch(undefined);

const dashboardFilterSchema = z.object({
  desk: z.preprocess(list, z.array(z.coerce.number().int().positive().refine(isInt4Id)).max(100)).catch([]),
  range: z.preprocess(single, z.enum([...RANGE_PRESETS, "custom"]).optional()).catch(undefined),
  from: date,
  to: date,
  // The charts page once took the ticket search's names; old links keep working.
  createdFrom: date,
  createdTo: date,
});

export type DashboardFilter = { desk: number[] } & PeriodChoice;

function toRecord(params: RawSearchParams): Record<string, string | string[] | undefined> {
  if (!(params instanceof URLSearchParams)) return params;
  const record: Record<string, string[]> = {};
  for (const [key, value] of params) (record[key] ??= []).push(value);
  return record;
}

/** Never fails. Dates without a preset mean a custom period; neither means the page's default. */
export function parseDashboardFilter(params: RawSearchParams, defaultRange: RangePreset): DashboardFilter {
  const raw = dashboardFilterSchema.parse(toRecord(params));
  const from = raw.from ?? raw.createdFrom;
  const to = raw.to ?? raw.createdTo;
  const range = raw.range === "custom" || (!raw.range && (from || to)) ? "custom" : (raw.range ?? defaultRange);
  return range === "custom" ? { desk: raw.desk, range, from, to } : { desk: raw.desk, range };
}

export function dashboardParams(filter: DashboardFilter, extra: Record<string, string | undefined> = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.desk.length) params.set("desk", filter.desk.join(","));
  params.set("range", filter.range);
  if (filter.range === "custom") {
    if (filter.from) params.set("from", filter.from);
    if (filter.to) params.set("to", filter.to);
  }
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== "") params.set(key, value);
  return params;
}

export function dashboardHref(path: string, filter: DashboardFilter, extra?: Record<string, string | undefined>): string {
  return `${path}?${dashboardParams(filter, extra).toString()}`;
}

/** The ticket list, for the desks filtered, narrowed to `search`. */
export function ticketsHref(desk: number[], search: Partial<TicketSearch> = {}): string {
  return ticketSearchHref({ desk, ...search });
}

// The dashboards count UTC days, so their links say their days are UTC days, whatever the reader's zone.
export const createdIn = (range: DayRange): Partial<TicketSearch> => ({ createdFrom: range.from, createdTo: range.to, tz: "UTC" });
export const solvedIn = (range: DayRange): Partial<TicketSearch> => ({ solvedFrom: range.from, solvedTo: range.to, status: ["solved", "closed"], tz: "UTC" });

/** What the charts break tickets down by. */
export const DIMENSIONS = ["status", "priority", "via", "assignee", "group", "desk", "satisfaction"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * The ticket list behind one bar or slice: the tickets created in `range` with this value (`key`
 * null: without one, "none"). Null when the list cannot show exactly those tickets.
 */
export function breakdownHref(desk: number[], range: DayRange, dimension: Dimension, key: string | null): string | null {
  if (dimension === "desk") return key ? ticketsHref([Number(key)], createdIn(range)) : null;
  // Parsing the link's own value guards against one the schema would drop (and so link too wide).
  const values = parseTicketSearch(new URLSearchParams({ [dimension]: key ?? NONE }))[dimension] as string[];
  if (values.length === 0) return null;
  return ticketsHref(desk, { ...createdIn(range), [dimension]: values });
}
