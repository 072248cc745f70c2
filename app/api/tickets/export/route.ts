// CSV of the ticket list as filtered in the URL, with the view's columns, streamed batch by batch from
// a keyset cursor so a million-row export never sits in memory. Masked for viewers like the pages.
import { currentUser } from "@/lib/auth";
import { csvHeader, csvRows, type CsvShape } from "@/lib/data/ticket-export";
import { ticketBatches } from "@/lib/data/ticket-search";
import { ticketReader } from "@/lib/ticket-reader";
import { parseTicketSearch, Q_MAX, ticketSearchNotices, visibleColumns } from "@/lib/validations/ticket-search";
import { limitExpensive } from "@/lib/work-limit";

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("Sign in to export tickets.", { status: 401 });
  const params = new URL(request.url).searchParams;
  // An export must not quietly widen to everything because a filter was mangled: say which, with 400.
  const problems = ticketSearchNotices(params);
  if (problems.length > 0) return new Response(`Bad filter: ${problems.join("; ")}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const search = parseTicketSearch(params);
  if (search.q && search.q.length > Q_MAX) return new Response(`The search text is limited to ${Q_MAX} characters.`, { status: 400 });
  const reader = await ticketReader(user);
  const shape: CsvShape = { columns: visibleColumns(search), customTitles: search.cfcol, timeZone: reader.timeZone };
  const batches = ticketBatches({ ...search, after: undefined, before: undefined, page: 1 }, reader);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvHeader(shape)));
    },
    // Pull-based: the next batch is read only when the client has taken the previous one.
    async pull(controller) {
      const { value, done } = await limitExpensive(() => batches.next());
      if (done) controller.close();
      else controller.enqueue(encoder.encode(csvRows(value, shape)));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, "");
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tickets-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
