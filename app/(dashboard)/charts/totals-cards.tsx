import { StatCards } from "@/components/layout/stat-cards";
import { countActiveDesks, type ChartFilter, type Counts } from "@/lib/data/charts";
import { OPEN_STATUSES, ticketSearchHref } from "@/lib/validations/ticket-search";
import { ticketLinkBase } from "./chart-filter";

export async function TotalsCards({ filter, counts }: { filter: ChartFilter; counts: Promise<Counts> }) {
  const [{ total, open }, activeDesks] = await Promise.all([counts, countActiveDesks(filter)]);
  const totals = { total, open, activeDesks };
  const base = ticketLinkBase(filter);
  const cards = [
    { title: "Total tickets", value: totals.total, href: ticketSearchHref(base) },
    { title: "Open tickets", value: totals.open, href: ticketSearchHref({ ...base, status: [...OPEN_STATUSES] }) },
    { title: "Active desks", value: totals.activeDesks, href: "/desks" },
  ];
  return <StatCards cards={cards} />;
}
