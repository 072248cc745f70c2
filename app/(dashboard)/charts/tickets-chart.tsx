// Created and solved per bucket, and unsolved at the end of each: two charts from one series.
import { ChartCard } from "@/components/charts/chart-card";
import { bucketLabel } from "@/components/charts/format";
import { SERIES } from "@/components/charts/palette";
import { SeriesView } from "@/components/charts/series-view";
import type { ChartScope, SeriesPoint } from "@/lib/data/charts";
import { createdHref } from "./chart-links";

export async function TicketsChart({ scope, series }: { scope: ChartScope; series: Promise<SeriesPoint[]> }) {
  const points = await series;
  const empty = points.every((p) => p.created === 0 && p.solved === 0);
  return (
    <ChartCard title="Tickets over time" description="Created in each period, and solved in it (status solved or closed now). A point opens the tickets created then." empty={empty}>
      <SeriesView
        data={points.map((p) => ({ label: bucketLabel(p.from, scope.period.grain), values: { created: p.created, solved: p.solved } }))}
        hrefs={points.map((p) => createdHref(scope, p))}
        series={[
          { key: "created", label: "Created", color: SERIES.created },
          { key: "solved", label: "Solved", color: SERIES.solved },
        ]}
      />
    </ChartCard>
  );
}

export async function UnsolvedChart({ scope, series }: { scope: ChartScope; series: Promise<SeriesPoint[]> }) {
  const points = await series;
  const empty = points.every((p) => p.unsolved === 0 && p.created === 0);
  return (
    <ChartCard title="Unsolved over time" description="Unsolved at the end of each period: created by then and not solved by then. Today's value is every ticket new, open, pending or on hold." empty={empty}>
      <SeriesView
        data={points.map((p) => ({ label: bucketLabel(p.from, scope.period.grain), values: { unsolved: p.unsolved } }))}
        series={[{ key: "unsolved", label: "Unsolved", color: SERIES.unsolved }]}
      />
    </ChartCard>
  );
}
