import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { DashboardFilters } from "@/components/charts/dashboard-filters";
import { change, csat, formatCount, formatMinutes, formatPercent } from "@/components/charts/format";
import { KpiCards, type Kpi } from "@/components/charts/kpi-cards";
import { PeriodSummary } from "@/components/charts/period-summary";
import { DeskHealthStrip } from "@/components/sync/desk-health-strip";
import { Card, CardContent } from "@/components/ui/card";
import { requireUser } from "@/lib/auth";
import { getTicketSeries, type ChartScope } from "@/lib/data/charts";
import { dashboardScope } from "@/lib/data/dashboard-scope";
import { listDeskSyncStates } from "@/lib/data/desk-status";
import { getOverview } from "@/lib/data/overview";
import { createdIn, dashboardHref, solvedIn, ticketsHref } from "@/lib/validations/dashboard-filter";
import { describeRange } from "@/lib/validations/period";
import { GOOD_SCORES } from "@/lib/validations/satisfaction";
import { OPEN_STATUSES } from "@/lib/validations/ticket-search";
import { ChartSkeleton } from "./charts/chart-skeleton";
import { TicketsChart } from "./charts/tickets-chart";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const [{ filter, result, today, desks }, states] = await Promise.all([dashboardScope(await searchParams, "30d"), listDeskSyncStates()]);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      {desks.length === 0 && (
        <Card>
          <CardContent className="pt-5 text-sm">
            No Zendesk account is connected yet.{" "}
            {user.role === "admin" ? (
              <Link href="/desks/new" className="text-primary underline">
                Add a desk
              </Link>
            ) : (
              "Ask an admin to add one."
            )}
          </CardContent>
        </Card>
      )}
      <DeskHealthStrip desks={states} />
      <DashboardFilters key={JSON.stringify(filter)} path="/" filter={filter} desks={desks} shown={result.ok ? result.period : undefined} />
      <PeriodSummary result={result} />
      {result.ok && (
        <>
          <Suspense key={`kpis-${JSON.stringify(filter)}`} fallback={<div className="h-40 animate-pulse rounded-lg bg-muted" />}>
            <OverviewKpis scope={{ desk: filter.desk, period: result.period }} today={today} />
          </Suspense>
          <div className="grid gap-4 lg:grid-cols-2">
            <Suspense key={`tickets-${JSON.stringify(filter)}`} fallback={<ChartSkeleton />}>
              <TicketsChart scope={{ desk: filter.desk, period: result.period }} series={getTicketSeries({ desk: filter.desk, period: result.period })} />
            </Suspense>
            <Card>
              <CardContent className="flex flex-col gap-2 pt-5 text-sm">
                <p className="font-medium">More for this period</p>
                {[
                  ["/charts", "Charts: every breakdown, durations and satisfaction"],
                  ["/agents", "Agents: solved, reply and resolution times, load"],
                  ["/sla", "SLA: tickets over their desk's thresholds"],
                  ["/satisfaction", "Satisfaction: CSAT over time and by group"],
                ].map(([path, label]) => (
                  <Link key={path} href={dashboardHref(path!, filter)} className="text-primary hover:underline">
                    {label}
                  </Link>
                ))}
              </CardContent>
            </Card>
          </div>
        </>
      )}
    </div>
  );
}

async function OverviewKpis({ scope, today }: { scope: ChartScope; today: string }) {
  const { current, previous } = await getOverview(scope);
  const { period, desk } = scope;
  const before = period.previous ? describeRange(period.previous) : "";
  const compare = (now: number | null, then: number | null, text: string, higherIsBetter: boolean | null): Kpi["change"] =>
    previous ? { ratio: change(now, then), previous: text, higherIsBetter } : null;
  const nowCsat = csat(current.good, current.bad);
  const thenCsat = previous ? csat(previous.good, previous.bad) : null;
  const kpis: Kpi[] = [
    {
      title: "Created",
      value: formatCount(current.created),
      hint: "Tickets created in the period.",
      href: ticketsHref(desk, createdIn(period)),
      change: compare(current.created, previous?.created ?? null, `${formatCount(previous?.created ?? 0)} in ${before}`, null),
    },
    {
      title: "Solved",
      value: formatCount(current.solved),
      hint: "Tickets solved in the period (status solved or closed).",
      href: ticketsHref(desk, solvedIn(period)),
      change: compare(current.solved, previous?.solved ?? null, `${formatCount(previous?.solved ?? 0)} in ${before}`, true),
    },
    {
      title: "Unsolved",
      value: formatCount(current.unsolved),
      hint: period.to === today ? "Backlog: every ticket new, open, pending or on hold now." : `Backlog at the end of ${period.to}.`,
      href: period.to === today ? ticketsHref(desk, { status: [...OPEN_STATUSES] }) : null,
      change: compare(current.unsolved, previous?.unsolved ?? null, `${formatCount(previous?.unsolved ?? 0)} at the end of ${period.previous?.to}`, false),
    },
    {
      title: "First reply (median)",
      value: formatMinutes(current.replyMedianMinutes),
      hint: `Of the ${formatCount(current.replyTickets)} tickets created in the period with a reply; within 5 %.`,
      change: compare(current.replyMedianMinutes, previous?.replyMedianMinutes ?? null, formatMinutes(previous?.replyMedianMinutes ?? null), false),
    },
    {
      title: "CSAT",
      value: formatPercent(nowCsat),
      hint: `Good ÷ (good + bad): ${formatCount(current.good)} good, ${formatCount(current.bad)} bad, of tickets created in the period.`,
      href: ticketsHref(desk, { ...createdIn(period), satisfaction: [...GOOD_SCORES] }),
      change: previous ? { ratio: nowCsat === null || thenCsat === null ? null : nowCsat - thenCsat, previous: formatPercent(thenCsat), higherIsBetter: true, points: true } : null,
    },
  ];
  return <KpiCards kpis={kpis} />;
}
