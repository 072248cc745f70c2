import type { Metadata } from "next";
import { DeskFreshness } from "@/app/(dashboard)/realtime-sections";
import { TicketFilters } from "@/components/tickets/ticket-filters";
import { TicketTable } from "@/components/tickets/ticket-table";
import { Alert } from "@/components/ui/alert";
import { requireUser } from "@/lib/auth";
import { searchTickets } from "@/lib/data/ticket-search";
import { getTicketFilterOptions } from "@/lib/data/tickets";
import { parseTicketSearch, ticketSearchNotices } from "@/lib/validations/ticket-search";
import { limitExpensive } from "@/lib/work-limit";

export const metadata: Metadata = { title: "Tickets" };

export default async function TicketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const params = await searchParams;
  const search = parseTicketSearch(params);
  const ignored = ticketSearchNotices(params);
  const [page, options] = await Promise.all([limitExpensive(() => searchTickets(search)), getTicketFilterOptions()]);
  const deskNames = Object.fromEntries(options.desks.map((d) => [Number(d.value), d.label]));
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Tickets</h1>
        <p className="text-sm text-muted-foreground" data-testid="ticket-total" aria-live="polite">
          {page.total.toLocaleString("en-US")}
          {page.totalCapped ? "+" : ""} {page.total === 1 ? "ticket" : "tickets"}
        </p>
      </div>
      <DeskFreshness />
      <TicketFilters key={JSON.stringify(search)} search={search} options={options} />
      {ignored.length > 0 && <Alert tone="info">Ignored in the address: {ignored.join("; ")}.</Alert>}
      {page.unknownFields.length > 0 && (
        <Alert tone="info">No desk has a custom field titled {page.unknownFields.map((t) => `“${t}”`).join(", ")}, so nothing matches.</Alert>
      )}
      <TicketTable rows={page.rows} search={search} next={page.next} prev={page.prev} deskNames={deskNames} />
    </div>
  );
}
