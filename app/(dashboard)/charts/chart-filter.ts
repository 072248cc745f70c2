// The charts' filter is the ticket search's desk and created-date fields, so a click-through link
// carries exactly the filter the chart was drawn with.
import type { ChartFilter } from "@/lib/data/charts";
import type { TicketSearch } from "@/lib/validations/ticket-search";

export function chartFilterOf(search: TicketSearch): ChartFilter {
  return { desk: search.desk, from: search.createdFrom, to: search.createdTo };
}

export function ticketLinkBase(filter: ChartFilter): Partial<TicketSearch> {
  return { desk: filter.desk, createdFrom: filter.from, createdTo: filter.to };
}
