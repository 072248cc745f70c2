// Tickets created in the period per value of one dimension, in the value's fixed colour, the top
// values with "top N of M" said, every bar (Unassigned and "none" too) a link to its tickets.
import Link from "next/link";
import { BarChartView, type BarDatum } from "@/components/charts/bar-chart-view";
import { ChartCard } from "@/components/charts/chart-card";
import { formatCount } from "@/components/charts/format";
import { colorOf } from "@/components/charts/palette";
import { PieChartView } from "@/components/charts/pie-chart-view";
import type { ChartScope, Counts, Dimension } from "@/lib/data/charts";
import { dashboardHref, type DashboardFilter } from "@/lib/validations/dashboard-filter";
import { sliceHref } from "./chart-links";

const TOP = 12;
const NOUN: Record<Dimension, [string, string]> = {
  status: ["status", "statuses"],
  priority: ["priority", "priorities"],
  via: ["channel", "channels"],
  assignee: ["assignee", "assignees"],
  group: ["group", "groups"],
  desk: ["desk", "desks"],
  satisfaction: ["rating", "ratings"],
};

export async function CountsChart({
  scope,
  filter,
  counts,
  dimension,
  title,
  kind = "bar",
}: {
  scope: ChartScope;
  filter: DashboardFilter;
  /** Shared by all count charts: one query, started by the page. */
  counts: Promise<Counts>;
  dimension: Dimension;
  title: string;
  kind?: "bar" | "hbar" | "pie";
}) {
  const all = (await counts).by[dimension];
  const shown = all.slice(0, TOP);
  const data: BarDatum[] = shown.map((s) => ({ label: s.label, count: s.count, href: sliceHref(scope, dimension, s.key), color: colorOf(dimension, s.key) }));
  const rest = all.slice(TOP).reduce((n, s) => n + s.count, 0);
  const note =
    all.length > TOP ? (
      <>
        Top {TOP} of {all.length} {NOUN[dimension][1]}; the other {all.length - TOP} have {formatCount(rest)} tickets.
        {dimension === "assignee" && (
          <>
            {" "}
            <Link href={dashboardHref("/agents", filter)} className="text-primary hover:underline">
              All agents
            </Link>
          </>
        )}
      </>
    ) : all.length === 1 ? (
      `1 ${NOUN[dimension][0]}.`
    ) : (
      `All ${all.length} ${NOUN[dimension][1]}.`
    );
  return (
    <ChartCard
      title={title}
      description={`Tickets created in the period, by ${dimension === "via" ? "channel" : dimension === "satisfaction" ? "satisfaction rating" : dimension}${dimension === "status" ? " now" : ""}`}
      note={data.length > 0 ? note : undefined}
      empty={data.length === 0}
      links={data.map((d) => ({ label: d.label, value: formatCount(d.count), href: d.href, color: d.color }))}
    >
      {kind === "pie" ? <PieChartView data={data} /> : <BarChartView data={data} horizontal={kind === "hbar"} />}
    </ChartCard>
  );
}
