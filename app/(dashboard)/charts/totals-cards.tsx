import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
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
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      {cards.map((card) => (
        <Link key={card.title} href={card.href}>
          <Card className="transition-colors hover:border-primary/50">
            <CardHeader>
              <CardTitle>{card.title}</CardTitle>
            </CardHeader>
            <CardContent>
              <p className="text-3xl font-semibold tabular-nums">{card.value.toLocaleString("en-US")}</p>
            </CardContent>
          </Card>
        </Link>
      ))}
    </div>
  );
}
