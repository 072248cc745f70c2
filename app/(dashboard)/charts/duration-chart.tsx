// One duration (first reply, or full resolution) as its median per period, on its own axis and in
// its own unit, with the overall median, average and how many tickets they cover.
import { ChartCard } from "@/components/charts/chart-card";
import { bucketLabel, formatCount, formatMinutes } from "@/components/charts/format";
import { SERIES } from "@/components/charts/palette";
import { SeriesView } from "@/components/charts/series-view";
import type { ChartScope, DurationMetric, DurationSeries } from "@/lib/data/charts";
import { solvedIn, ticketsHref } from "@/lib/validations/dashboard-filter";
import { createdHref } from "./chart-links";

const TEXT: Record<DurationMetric, { title: string; description: string }> = {
  reply: { title: "First reply time", description: "Median time to the first public reply, of tickets created in each period (calendar time)." },
  resolution: { title: "Full resolution time", description: "Median time from creation to the final solve, of tickets solved in each period (calendar time)." },
};

export async function DurationChart({ scope, durations, metric }: { scope: ChartScope; durations: Promise<DurationSeries[]>; metric: DurationMetric }) {
  const stats = (await durations).find((d) => d.metric === metric)!;
  const hrefs = stats.points.map((p) => (metric === "reply" ? createdHref(scope, p) : ticketsHref(scope.desk, solvedIn(p))));
  return (
    <ChartCard
      title={TEXT[metric].title}
      description={TEXT[metric].description}
      empty={stats.tickets === 0}
      note={`Median ${formatMinutes(stats.medianMinutes)} (within 5 %), average ${formatMinutes(stats.averageMinutes)}, over ${formatCount(stats.tickets)} tickets.`}
    >
      <SeriesView
        kind="minutes"
        data={stats.points.map((p) => ({ label: bucketLabel(p.from, scope.period.grain), values: { median: p.medianMinutes } }))}
        hrefs={hrefs}
        series={[{ key: "median", label: "Median", color: SERIES[metric] }]}
      />
    </ChartCard>
  );
}
