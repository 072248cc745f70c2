import type { Metadata } from "next";
import Link from "next/link";
import { ByGroupCard } from "@/components/charts/by-group-card";
import { ChartCard } from "@/components/charts/chart-card";
import { DashboardFilters } from "@/components/charts/dashboard-filters";
import { bucketLabel, formatCount, formatMinutes, formatPercent } from "@/components/charts/format";
import { KpiCards } from "@/components/charts/kpi-cards";
import { SERIES } from "@/components/charts/palette";
import { PeriodSummary } from "@/components/charts/period-summary";
import { SeriesView } from "@/components/charts/series-view";
import { SlaTargetsForm } from "@/components/sla/sla-targets-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { TableCell, TableRow } from "@/components/ui/table";
import { requireUser } from "@/lib/auth";
import { dashboardScope } from "@/lib/data/dashboard-scope";
import { getSlaReport, type SlaCounts } from "@/lib/data/sla";
import { createdIn, ticketsHref } from "@/lib/validations/dashboard-filter";
import type { Period } from "@/lib/validations/period";
import { NONE } from "@/lib/validations/ticket-search";
import { setSlaTargetsAction } from "./actions";

export const metadata: Metadata = { title: "SLA" };

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export default async function SlaPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const { filter, result, desks } = await dashboardScope(await searchParams, "30d");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">SLA</h1>
        <p className="text-sm text-muted-foreground">
          Of the tickets created in the period, those over their desk&apos;s targets (calendar time): first reply later than the target, or still
          unanswered and older than it; full resolution longer than the target, or still unsolved and older than it.
        </p>
      </div>
      <DashboardFilters key={JSON.stringify(filter)} path="/sla" filter={filter} desks={desks} shown={result.ok ? result.period : undefined} />
      <PeriodSummary result={result} />
      {result.ok && <SlaReport desk={filter.desk} period={result.period} canEdit={user.role === "admin"} multiDesk={filter.desk.length !== 1 && desks.length > 1} />}
    </div>
  );
}

async function SlaReport({ desk, period, canEdit, multiDesk }: { desk: number[]; period: Period; canEdit: boolean; multiDesk: boolean }) {
  const report = await getSlaReport({ desk, period });
  const { totals } = report;
  const deskName = new Map(report.targets.map((t) => [t.deskId, t.name]));
  const pct = (counts: SlaCounts, key: "replyOver" | "resolutionOver") => formatPercent(share(counts[key], counts.tickets));
  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle className="text-base text-foreground">Targets</CardTitle>
          <p className="text-xs text-muted-foreground">Set per desk{canEdit ? "" : " by an admin"}.</p>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {report.targets.map((t) => (
            <div key={t.deskId} className="flex flex-col gap-2" data-testid={`sla-targets-${t.deskId}`}>
              <p className="text-sm">
                <span className="font-medium">{t.name}</span>: first reply within <span data-testid="sla-first-reply">{formatMinutes(t.firstReplyMinutes)}</span>, full
                resolution within <span data-testid="sla-resolution">{formatMinutes(t.resolutionMinutes)}</span>.
              </p>
              {canEdit && (
                <SlaTargetsForm
                  deskId={t.deskId}
                  deskName={t.name}
                  firstReplyMinutes={t.firstReplyMinutes}
                  resolutionMinutes={t.resolutionMinutes}
                  action={setSlaTargetsAction}
                />
              )}
            </div>
          ))}
        </CardContent>
      </Card>
      <KpiCards
        kpis={[
          { title: "Created", value: formatCount(totals.tickets), hint: "Tickets created in the period.", href: ticketsHref(desk, createdIn(period)) },
          { title: "Over first-reply target", value: formatCount(totals.replyOver), hint: `${pct(totals, "replyOver")} of the tickets created in the period.` },
          { title: "Over resolution target", value: formatCount(totals.resolutionOver), hint: `${pct(totals, "resolutionOver")} of the tickets created in the period.` },
        ]}
      />
      <ChartCard title="Over target, over time" description="Share of the tickets created in each period that went over each target." empty={totals.tickets === 0}>
        <SeriesView
          kind="share"
          data={report.overTime.map((p) => ({ label: bucketLabel(p.from, period.grain), values: { reply: share(p.replyOver, p.tickets), resolution: share(p.resolutionOver, p.tickets) } }))}
          hrefs={report.overTime.map((p) => ticketsHref(desk, createdIn(p)))}
          series={[
            { key: "reply", label: "Over first-reply target", color: SERIES.reply },
            { key: "resolution", label: "Over resolution target", color: SERIES.resolution },
          ]}
        />
      </ChartCard>
      <ByGroupCard
        description="Most tickets over target first. A group opens its tickets created in the period."
        tableLabel="SLA by group"
        columns={[{ label: "Group" }, { label: "Tickets", numeric: true }, { label: "Over first reply", numeric: true }, { label: "Over resolution", numeric: true }]}
        empty={report.byGroup.length === 0}
      >
        {report.byGroup.map((g) => (
          <TableRow key={`${g.deskId}-${g.groupId}`} data-testid="sla-group">
            <TableCell>
              <Link href={ticketsHref([g.deskId], { ...createdIn(period), group: [g.groupId ?? NONE] })} className="font-medium hover:underline">
                {g.label}
              </Link>
              {multiDesk && <div className="text-xs text-muted-foreground">{deskName.get(g.deskId)}</div>}
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatCount(g.tickets)}</TableCell>
            <TableCell className="text-right tabular-nums">
              {formatCount(g.replyOver)} <span className="text-xs text-muted-foreground">({pct(g, "replyOver")})</span>
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {formatCount(g.resolutionOver)} <span className="text-xs text-muted-foreground">({pct(g, "resolutionOver")})</span>
            </TableCell>
          </TableRow>
        ))}
      </ByGroupCard>
    </>
  );
}
