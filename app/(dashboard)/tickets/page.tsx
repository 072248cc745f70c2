import type { Metadata } from "next";
import { DeskFreshness } from "@/app/(dashboard)/realtime-sections";
import { BrowserTimeZone } from "@/components/tickets/browser-time-zone";
import { localizeRows } from "@/components/tickets/format";
import { SavedViews } from "@/components/tickets/saved-views";
import { TicketFilters } from "@/components/tickets/ticket-filters";
import { TicketTable } from "@/components/tickets/ticket-table";
import { TimeZonePicker } from "@/components/tickets/time-zone-picker";
import { Alert } from "@/components/ui/alert";
import { requireUser } from "@/lib/auth";
import { listSavedViews } from "@/lib/data/saved-views";
import { JUMP_ROWS_MAX, searchTickets, type TicketPage } from "@/lib/data/ticket-search";
import { recentTicketFilterOptions } from "@/lib/data/tickets";
import { ticketReader } from "@/lib/ticket-reader";
import { viewQuery } from "@/lib/validations/saved-view";
import { parseTicketSearch, searchProblems, ticketSearchNotices, ticketSearchParams } from "@/lib/validations/ticket-search";
import { todayInZone, zoneOffset } from "@/lib/validations/time-zone";
import { limitExpensive } from "@/lib/work-limit";
import { deleteViewAction, saveViewAction, setTimeZoneAction } from "./actions";

export const metadata: Metadata = { title: "Tickets" };

const NOTHING: TicketPage = { rows: [], next: null, prev: null, page: 1, total: 0, totalCapped: false, unknownFields: [], emptyQuery: false };

export default async function TicketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const raw = await searchParams;
  const search = parseTicketSearch(raw);
  const reader = await ticketReader(user);
  const problems = searchProblems(search, raw, todayInZone(reader.timeZone));
  // Dates and the search text are explained by searchProblems; any other parameter that was not understood is listed.
  const ignored = ticketSearchNotices(raw).filter((notice) => !/^(q|(created|updated|solved)(From|To)):/.test(notice));
  // A search that cannot match (From after To, a query too long) is explained instead of run.
  const blocked = problems.some((p) => p.blocking);
  const [page, options, views] = await Promise.all([
    blocked ? NOTHING : limitExpensive(() => searchTickets(search, reader)),
    recentTicketFilterOptions(),
    listSavedViews(user.id),
  ]);
  const deskNames = Object.fromEntries(options.desks.map((d) => [Number(d.value), d.label]));
  const total = `${page.total.toLocaleString("en-US")}${page.totalCapped ? "+" : ""} ${page.total === 1 && !page.totalCapped ? "ticket" : "tickets"}`;
  return (
    <div className="flex flex-col gap-4">
      <BrowserTimeZone known={reader.browserZone} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Tickets</h1>
        <div className="flex flex-wrap items-baseline gap-3">
          <p className="text-sm text-muted-foreground" data-testid="ticket-total" aria-live="polite">
            {total}
          </p>
        </div>
      </div>
      <DeskFreshness />
      <SavedViews
        views={views}
        current={viewQuery(ticketSearchParams(search).toString())}
        save={saveViewAction}
        remove={deleteViewAction}
      />
      <TicketFilters key={JSON.stringify(search)} search={search} options={options} />
      {search.tz && search.tz !== reader.timeZone && (search.createdFrom || search.createdTo || search.updatedFrom || search.updatedTo || search.solvedFrom || search.solvedTo) && (
        <Alert tone="info">The dates of this link are days in {search.tz} (as the dashboards count them), not in your time zone, {reader.timeZone}.</Alert>
      )}
      {problems.map((problem) => (
        <Alert key={problem.message} tone={problem.blocking ? "error" : "info"}>
          {problem.message}
        </Alert>
      ))}
      {ignored.length > 0 && <Alert tone="info">Ignored in the address: {ignored.join("; ")}.</Alert>}
      {page.unknownFields.length > 0 && (
        <Alert tone="info">No desk has a custom field titled {page.unknownFields.map((t) => `“${t}”`).join(", ")}, so nothing matches.</Alert>
      )}
      {page.emptyQuery && <Alert tone="info">The search “{search.q}” holds only very common words, which are not searched for. Add a more specific word.</Alert>}
      <TicketTable
        rows={localizeRows(page.rows, reader.timeZone)}
        search={search}
        paging={{ page: page.page, total: page.total, totalCapped: page.totalCapped, next: page.next, prev: page.prev, maxJumpPage: Math.floor(JUMP_ROWS_MAX / search.size) + 1 }}
        deskNames={deskNames}
        customFieldTitles={options.customFields.map((f) => f.title)}
        zoneNote={
          <TimeZonePicker
            info={{ timeZone: reader.timeZone, offset: zoneOffset(reader.timeZone), source: reader.zoneSource, browserZone: reader.browserZone }}
            save={setTimeZoneAction}
          />
        }
      />
    </div>
  );
}
