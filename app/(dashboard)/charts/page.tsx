import type { Metadata } from "next";
import { Suspense } from "react";
import { ChartFilters } from "@/components/charts/chart-filters";
import { requireUser } from "@/lib/auth";
import { getCounts } from "@/lib/data/charts";
import { getTicketFilterOptions } from "@/lib/data/tickets";
import { parseTicketSearch } from "@/lib/validations/ticket-search";
import { BacklogChart } from "./backlog-chart";
import { chartFilterOf } from "./chart-filter";
import { ChartSkeleton } from "./chart-skeleton";
import { CountsChart } from "./counts-chart";
import { CreatedSolvedChart } from "./created-solved-chart";
import { DurationsChart } from "./durations-chart";
import { TotalsCards } from "./totals-cards";

export const metadata: Metadata = { title: "Charts" };

export default async function ChartsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const search = parseTicketSearch(await searchParams);
  const filter = chartFilterOf(search);
  // Started here, awaited inside each count chart: one scan feeds seven cards.
  const counts = getCounts(filter);
  const { desks } = await getTicketFilterOptions();
  // Each chart streams in on its own: a slow aggregate holds back only its own card.
  const key = JSON.stringify(filter);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Charts</h1>
      <ChartFilters key={key} desks={desks} desk={filter.desk} from={filter.from} to={filter.to} />
      <Suspense key={`totals-${key}`} fallback={<div className="h-28 animate-pulse rounded-lg bg-muted" />}>
        <TotalsCards filter={filter} counts={counts} />
      </Suspense>
      <div className="grid gap-4 lg:grid-cols-2">
        <Suspense key={`created-${key}`} fallback={<ChartSkeleton />}>
          <CreatedSolvedChart filter={filter} />
        </Suspense>
        <Suspense key={`backlog-${key}`} fallback={<ChartSkeleton />}>
          <BacklogChart filter={filter} />
        </Suspense>
        <Suspense key={`status-${key}`} fallback={<ChartSkeleton />}>
          <CountsChart filter={filter} counts={counts} dimension="status" title="By status" />
        </Suspense>
        <Suspense key={`priority-${key}`} fallback={<ChartSkeleton />}>
          <CountsChart filter={filter} counts={counts} dimension="priority" title="By priority" />
        </Suspense>
        <Suspense key={`via-${key}`} fallback={<ChartSkeleton />}>
          <CountsChart filter={filter} counts={counts} dimension="via" title="By channel" kind="pie" />
        </Suspense>
        <Suspense key={`assignee-${key}`} fallback={<ChartSkeleton />}>
          <CountsChart filter={filter} counts={counts} dimension="assignee" title="By assignee" kind="hbar" />
        </Suspense>
        <Suspense key={`desk-${key}`} fallback={<ChartSkeleton />}>
          <CountsChart filter={filter} counts={counts} dimension="desk" title="By desk" kind="hbar" />
        </Suspense>
        <Suspense key={`durations-${key}`} fallback={<ChartSkeleton />}>
          <DurationsChart filter={filter} />
        </Suspense>
        <Suspense key={`satisfaction-${key}`} fallback={<ChartSkeleton />}>
          <CountsChart filter={filter} counts={counts} dimension="satisfaction" title="Satisfaction scores" kind="pie" />
        </Suspense>
      </div>
    </div>
  );
}
