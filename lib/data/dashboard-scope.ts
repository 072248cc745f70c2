import "server-only";
// What every dashboard page starts from: the filter in its URL, the period it resolves to (checked
// and bounded against today and the first ticket) and the desks to choose from.
import { deskOptions, type Option } from "@/lib/data/labels";
import { firstTicketDay } from "@/lib/data/rollups";
import { parseDashboardFilter, type DashboardFilter } from "@/lib/validations/dashboard-filter";
import { dayOf, resolvePeriod, type Period, type PeriodResult, type RangePreset } from "@/lib/validations/period";
import type { RawSearchParams } from "@/lib/validations/ticket-search";

export type DashboardScope = { filter: DashboardFilter; result: PeriodResult; today: string; desks: Option[] };

export async function dashboardScope(params: RawSearchParams, defaultRange: RangePreset, now = new Date()): Promise<DashboardScope> {
  const filter = parseDashboardFilter(params, defaultRange);
  const today = dayOf(now);
  const [first, desks] = await Promise.all([firstTicketDay(filter.desk), deskOptions()]);
  return { filter, result: resolvePeriod(filter, today, first), today, desks };
}

/** A chart filter as the benchmark and the CLI write it: dates mean a custom period, none all time. */
export type ChartFilter = { desk: number[]; from?: string; to?: string };

/** The scope the charts page resolves for this filter (the same reads the page makes first). */
export async function chartScopeOf(filter: ChartFilter, now = new Date()): Promise<{ desk: number[]; period: Period }> {
  const choice = filter.from || filter.to ? { range: "custom" as const, from: filter.from, to: filter.to } : { range: "all" as const };
  const result = resolvePeriod(choice, dayOf(now), await firstTicketDay(filter.desk));
  if (!result.ok) throw new Error(result.error);
  return { desk: filter.desk, period: result.period };
}
