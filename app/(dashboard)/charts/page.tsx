import type { Metadata } from "next";
import { Suspense } from "react";
import { DashboardFilters } from "@/components/charts/dashboard-filters";
import { PeriodSummary } from "@/components/charts/period-summary";
import { requireUser } from "@/lib/auth";
import { getCounts, getDurations, getTicketSeries, type ChartScope } from "@/lib/data/charts";
import { dashboardScope } from "@/lib/data/dashboard-scope";
import { limitExpensive } from "@/lib/work-limit";
import { ChartSkeleton } from "./chart-skeleton";
import { CountsChart } from "./counts-chart";
import { DurationChart } from "./duration-chart";
import { TicketsChart, UnsolvedChart } from "./tickets-chart";
import { TotalsCards } from "./totals-cards";

export const metadata: Metadata = { title: "Charts" };

export default async function ChartsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const { filter, result, today, desks } = await dashboardScope(await searchParams, "all");
  const header = (
    <>
      <h1 className="text-2xl font-semibold">Charts</h1>
      <DashboardFilters key={JSON.stringify(filter)} path="/charts" filter={filter} desks={desks} shown={result.ok ? result.period : undefined} />
      <PeriodSummary result={result} />
    </>
  );
  if (!result.ok) return <div className="flex flex-col gap-6">{header}</div>;
  const scope: ChartScope = { desk: filter.desk, period: result.period };
  // Started here, awaited inside the charts: one rollup read feeds each group of cards. Each read
  // waits for a slot of the process-wide cap on expensive work, as the ticket list and export do.
  const counts = limitExpensive(() => getCounts(scope));
  const series = limitExpensive(() => getTicketSeries(scope));
  const durations = limitExpensive(() => getDurations(scope));
  // Each chart streams in on its own: a slow read holds back only its own cards.
  const key = JSON.stringify(scope);
  const count = (dimension: Parameters<typeof CountsChart>[0]["dimension"], title: string, kind?: "bar" | "hbar" | "pie") => (
    <Suspense key={`${dimension}-${key}`} fallback={<ChartSkeleton />}>
      <CountsChart scope={scope} filter={filter} counts={counts} dimension={dimension} title={title} kind={kind} />
    </Suspense>
  );
  return (
    <div className="flex flex-col gap-6">
      {header}
      <Suspense key={`totals-${key}`} fallback={<div className="h-36 animate-pulse rounded-lg bg-muted" />}>
        <TotalsCards scope={scope} series={series} today={today} />
      </Suspense>
      <div className="grid gap-4 lg:grid-cols-2">
        <Suspense key={`tickets-${key}`} fallback={<ChartSkeleton />}>
          <TicketsChart scope={scope} series={series} />
        </Suspense>
        <Suspense key={`unsolved-${key}`} fallback={<ChartSkeleton />}>
          <UnsolvedChart scope={scope} series={series} />
        </Suspense>
        {count("status", "By status")}
        {count("priority", "By priority")}
        {count("via", "By channel", "pie")}
        {count("satisfaction", "Satisfaction ratings", "pie")}
        {count("assignee", "By assignee", "hbar")}
        {count("group", "By group", "hbar")}
        {count("desk", "By desk", "hbar")}
        <Suspense key={`reply-${key}`} fallback={<ChartSkeleton />}>
          <DurationChart scope={scope} durations={durations} metric="reply" />
        </Suspense>
        <Suspense key={`resolution-${key}`} fallback={<ChartSkeleton />}>
          <DurationChart scope={scope} durations={durations} metric="resolution" />
        </Suspense>
      </div>
    </div>
  );
}
