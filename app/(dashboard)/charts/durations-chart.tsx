import { ChartCard } from "@/components/charts/chart-card";
import { DurationView } from "@/components/charts/duration-view";
import { getDurations, type ChartFilter } from "@/lib/data/charts";

export async function DurationsChart({ filter }: { filter: ChartFilter }) {
  const stats = await getDurations(filter);
  return (
    <ChartCard
      title="First reply and resolution time"
      empty={stats.every((s) => s.tickets === 0)}
      links={stats.map((s) => ({ label: `${s.metric}: avg ${s.averageHours ?? "—"} h, median ${s.medianHours ?? "—"} h over`, value: `${s.tickets} tickets`, href: null }))}
    >
      <DurationView data={stats} />
    </ChartCard>
  );
}
