import { ChartCard } from "@/components/charts/chart-card";
import { DaySeriesView } from "@/components/charts/day-series-view";
import { getBacklogPerDay, type ChartFilter } from "@/lib/data/charts";

export async function BacklogChart({ filter }: { filter: ChartFilter }) {
  const days = await getBacklogPerDay(filter);
  return (
    <ChartCard title="Backlog over time" empty={days.length === 0}>
      <DaySeriesView data={days} series={[{ key: "backlog", label: "Unsolved at end of day" }]} />
    </ChartCard>
  );
}
