import { ChartCard } from "@/components/charts/chart-card";
import { DaySeriesView } from "@/components/charts/day-series-view";
import { getCreatedSolvedPerDay, type ChartFilter } from "@/lib/data/charts";
import { ticketSearchHref } from "@/lib/validations/ticket-search";
import { ticketLinkBase } from "./chart-filter";

export async function CreatedSolvedChart({ filter }: { filter: ChartFilter }) {
  const days = await getCreatedSolvedPerDay(filter);
  const empty = days.every((d) => d.created === 0 && d.solved === 0);
  // A day opens the tickets created that day.
  const hrefs = days.map((d) => ticketSearchHref({ ...ticketLinkBase(filter), createdFrom: d.day, createdTo: d.day }));
  return (
    <ChartCard title="Tickets over time" empty={empty}>
      <DaySeriesView
        data={days}
        hrefs={hrefs}
        series={[
          { key: "created", label: "Created" },
          { key: "solved", label: "Solved" },
        ]}
      />
    </ChartCard>
  );
}
