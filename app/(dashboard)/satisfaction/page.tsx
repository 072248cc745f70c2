import type { Metadata } from "next";
import Link from "next/link";
import { ByGroupCard } from "@/components/charts/by-group-card";
import { ChartCard } from "@/components/charts/chart-card";
import { DashboardFilters } from "@/components/charts/dashboard-filters";
import { bucketLabel, formatCount, formatPercent } from "@/components/charts/format";
import { KpiCards } from "@/components/charts/kpi-cards";
import { TONE } from "@/components/charts/palette";
import { PeriodSummary } from "@/components/charts/period-summary";
import { SeriesView } from "@/components/charts/series-view";
import { TableCell, TableRow } from "@/components/ui/table";
import { requireUser } from "@/lib/auth";
import { dashboardScope } from "@/lib/data/dashboard-scope";
import { getSatisfactionReport } from "@/lib/data/satisfaction";
import { createdIn, ticketsHref } from "@/lib/validations/dashboard-filter";
import type { Period } from "@/lib/validations/period";
import { BAD_SCORES, GOOD_SCORES } from "@/lib/validations/satisfaction";
import { NONE } from "@/lib/validations/ticket-search";

export const metadata: Metadata = { title: "Satisfaction" };

export default async function SatisfactionPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const { filter, result, desks } = await dashboardScope(await searchParams, "30d");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Satisfaction</h1>
        <p className="text-sm text-muted-foreground">
          CSAT = good ÷ (good + bad), of the tickets created in the period that were rated. Surveys offered but not answered, and tickets never
          offered one, are counted apart and left out of the percentage.
        </p>
      </div>
      <DashboardFilters key={JSON.stringify(filter)} path="/satisfaction" filter={filter} desks={desks} shown={result.ok ? result.period : undefined} />
      <PeriodSummary result={result} />
      {result.ok && <SatisfactionReportView desk={filter.desk} period={result.period} multiDesk={filter.desk.length !== 1 && desks.length > 1} desks={desks} />}
    </div>
  );
}

async function SatisfactionReportView({ desk, period, multiDesk, desks }: { desk: number[]; period: Period; multiDesk: boolean; desks: { value: string; label: string }[] }) {
  const report = await getSatisfactionReport({ desk, period });
  const { totals } = report;
  const deskName = new Map(desks.map((d) => [Number(d.value), d.label]));
  const created = createdIn(period);
  return (
    <>
      <KpiCards
        kpis={[
          { title: "CSAT", value: formatPercent(totals.csat), hint: `${formatCount(totals.good + totals.bad)} rated tickets created in the period.` },
          { title: "Good", value: formatCount(totals.good), hint: "Rated good (with or without a comment).", href: ticketsHref(desk, { ...created, satisfaction: [...GOOD_SCORES] }) },
          { title: "Bad", value: formatCount(totals.bad), hint: "Rated bad (with or without a comment).", href: ticketsHref(desk, { ...created, satisfaction: [...BAD_SCORES] }) },
          {
            title: "Not answered",
            value: formatCount(totals.offered),
            hint: `Surveys offered, no answer yet; ${formatCount(totals.other)} tickets were never offered one.`,
            href: ticketsHref(desk, { ...created, satisfaction: ["offered"] }),
          },
        ]}
      />
      <ChartCard
        title="CSAT over time"
        description="Good ÷ (good + bad) of the tickets created in each period; no point where nobody rated."
        empty={totals.good + totals.bad === 0}
        note={`${formatCount(totals.good)} good and ${formatCount(totals.bad)} bad in the period.`}
      >
        <SeriesView
          kind="share"
          data={report.overTime.map((p) => ({ label: bucketLabel(p.from, period.grain), values: { csat: p.csat } }))}
          hrefs={report.overTime.map((p) => ticketsHref(desk, { ...createdIn(p), satisfaction: [...GOOD_SCORES, ...BAD_SCORES] }))}
          series={[{ key: "csat", label: "CSAT", color: TONE.success }]}
        />
      </ChartCard>
      <ByGroupCard
        description="Most ratings first. Counts open the group's rated tickets."
        tableLabel="Satisfaction by group"
        columns={[
          { label: "Group" },
          { label: "CSAT", numeric: true },
          { label: "Good", numeric: true },
          { label: "Bad", numeric: true },
          { label: "Not answered", numeric: true },
          { label: "Tickets", numeric: true },
        ]}
        empty={report.byGroup.length === 0}
      >
        {report.byGroup.map((g) => {
          const base = { ...created, group: [g.groupId ?? NONE] };
          return (
            <TableRow key={`${g.deskId}-${g.groupId}`} data-testid="satisfaction-group">
              <TableCell>
                <span className="font-medium">{g.label}</span>
                {multiDesk && <div className="text-xs text-muted-foreground">{deskName.get(g.deskId)}</div>}
              </TableCell>
              <TableCell className="text-right font-medium tabular-nums">{formatPercent(g.csat)}</TableCell>
              <TableCell className="text-right tabular-nums">
                <Link href={ticketsHref([g.deskId], { ...base, satisfaction: [...GOOD_SCORES] })} className="text-success hover:underline">
                  {formatCount(g.good)}
                </Link>
              </TableCell>
              <TableCell className="text-right tabular-nums">
                <Link href={ticketsHref([g.deskId], { ...base, satisfaction: [...BAD_SCORES] })} className="text-destructive hover:underline">
                  {formatCount(g.bad)}
                </Link>
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatCount(g.offered)}</TableCell>
              <TableCell className="text-right tabular-nums">
                <Link href={ticketsHref([g.deskId], base)} className="hover:underline">
                  {formatCount(g.tickets)}
                </Link>
              </TableCell>
            </TableRow>
          );
        })}
      </ByGroupCard>
    </>
  );
}
