// CSV of the ticket list as filtered in the URL, streamed batch by batch from a keyset cursor so a
// million-row export never sits in memory.
import { currentUser } from "@/lib/auth";
import { csvHeader, csvRows } from "@/lib/data/ticket-export";
import { ticketBatches } from "@/lib/data/ticket-search";
import { parseTicketSearch, ticketSearchNotices } from "@/lib/validations/ticket-search";
import { limitExpensive } from "@/lib/work-limit";

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("Sign in to export tickets.", { status: 401 });
  const params = new URL(request.url).searchParams;
  // An export must not quietly widen to everything because a filter was mangled: say which, with 400.
  const problems = ticketSearchNotices(params);
  if (problems.length > 0) return new Response(`Bad filter: ${problems.join("; ")}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const search = parseTicketSearch(params);
  const batches = ticketBatches({ ...search, after: undefined, before: undefined });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvHeader()));
    },
    // Pull-based: the next batch is read only when the client has taken the previous one.
    async pull(controller) {
      const { value, done } = await limitExpensive(() => batches.next());
      if (done) controller.close();
      else controller.enqueue(encoder.encode(csvRows(value)));
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
