// One chart of ticket counts per value of a dimension (status, priority, channel, assignee, desk,
// satisfaction); each bar or slice links to the ticket list filtered to it.
import { BarChartView, type BarDatum } from "@/components/charts/bar-chart-view";
import { ChartCard } from "@/components/charts/chart-card";
import { PieChartView } from "@/components/charts/pie-chart-view";
import type { ChartFilter, Counts, Dimension, Slice } from "@/lib/data/charts";
import { parseTicketSearch, ticketSearchHref, type TicketSearch } from "@/lib/validations/ticket-search";
import { ticketLinkBase } from "./chart-filter";

/** The ticket-search parameter a dimension's key filters on. */
const PARAM: Record<Dimension, keyof TicketSearch> = {
  status: "status",
  priority: "priority",
  via: "via",
  assignee: "assignee",
  desk: "desk",
  satisfaction: "satisfaction",
};

function hrefOf(filter: ChartFilter, dimension: Dimension, slice: Slice): string | null {
  // "Unassigned" or "no priority" has no filter value; those bars are not links.
  if (slice.key === null) return null;
  // Parsing the link's own query guards against a value the schema would drop (and so link wide).
  const query = new URLSearchParams({ [PARAM[dimension]]: slice.key });
  const parsed = parseTicketSearch(query)[PARAM[dimension]];
  if (!Array.isArray(parsed) || parsed.length === 0) return null;
  return ticketSearchHref({ ...ticketLinkBase(filter), [PARAM[dimension]]: parsed });
}

export async function CountsChart({
  filter,
  counts,
  dimension,
  title,
  kind = "bar",
}: {
  filter: ChartFilter;
  /** Shared by all count charts: one query, started by the page. */
  counts: Promise<Counts>;
  dimension: Dimension;
  title: string;
  kind?: "bar" | "hbar" | "pie";
}) {
  const slices = (await counts).by[dimension];
  const data: BarDatum[] = slices.map((s) => ({ label: s.label, count: s.count, href: hrefOf(filter, dimension, s) }));
  return (
    <ChartCard title={title} empty={data.length === 0} links={data.map((d) => ({ label: d.label, value: d.count.toLocaleString("en-US"), href: d.href }))}>
      {kind === "pie" ? <PieChartView data={data} /> : <BarChartView data={data} horizontal={kind === "hbar"} />}
    </ChartCard>
  );
}
