import { formatCount } from "@/components/charts/format";
import { KpiCards } from "@/components/charts/kpi-cards";
import type { ChartScope, SeriesPoint } from "@/lib/data/charts";
import { createdIn, solvedIn, ticketsHref } from "@/lib/validations/dashboard-filter";
import { OPEN_STATUSES } from "@/lib/validations/ticket-search";

/** Created, solved and unsolved for the period, each named and defined as on every page. */
export async function TotalsCards({ scope, series, today }: { scope: ChartScope; series: Promise<SeriesPoint[]>; today: string }) {
  const points = await series;
  const { period, desk } = scope;
  const created = points.reduce((n, p) => n + p.created, 0);
  const solved = points.reduce((n, p) => n + p.solved, 0);
  const unsolved = points.at(-1)?.unsolved ?? 0;
  return (
    <KpiCards
      kpis={[
        { title: "Created", value: formatCount(created), hint: "Tickets created in the period.", href: ticketsHref(desk, createdIn(period)) },
        { title: "Solved", value: formatCount(solved), hint: "Tickets solved in the period (status solved or closed).", href: ticketsHref(desk, solvedIn(period)) },
        {
          title: "Unsolved",
          value: formatCount(unsolved),
          hint: period.to === today ? "Every ticket new, open, pending or on hold now." : `Created and not yet solved at the end of ${period.to}.`,
          // The list shows tickets as they are now: only today's unsolved tickets are a list.
          href: period.to === today ? ticketsHref(desk, { status: [...OPEN_STATUSES] }) : null,
        },
      ]}
    />
  );
}
