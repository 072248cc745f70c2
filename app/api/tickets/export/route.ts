// CSV of the ticket list as filtered in the URL, streamed batch by batch from a keyset cursor so a
// million-row export never sits in memory.
import { currentUser } from "@/lib/auth";
import { ticketBatches, type TicketListRow } from "@/lib/data/ticket-search";
import { parseTicketSearch } from "@/lib/validations/ticket-search";

const COLUMNS: [string, (row: TicketListRow) => string | null][] = [
  ["desk", (r) => r.domain],
  ["id", (r) => r.zendeskId],
  ["subject", (r) => r.subject],
  ["status", (r) => r.status],
  ["priority", (r) => r.priority],
  ["type", (r) => r.type],
  ["assignee", (r) => r.assignee],
  ["group", (r) => r.group],
  ["organization", (r) => r.organization],
  ["requester", (r) => r.requester],
  ["channel", (r) => r.via],
  ["tags", (r) => r.tags.join(" ")],
  ["created_at", (r) => r.created],
  ["updated_at", (r) => r.updated],
  ["solved_at", (r) => r.solved],
  ["deleted_at", (r) => r.deleted],
];

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula. */
function csvField(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const line = (fields: (string | null)[]) => `${fields.map(csvField).join(",")}\r\n`;

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("Sign in to export tickets.", { status: 401 });
  const search = parseTicketSearch(new URL(request.url).searchParams);
  const batches = ticketBatches({ ...search, after: undefined, before: undefined });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${line(COLUMNS.map(([name]) => name))}`));
    },
    // Pull-based: the next batch is read only when the client has taken the previous one.
    async pull(controller) {
      const { value, done } = await batches.next();
      if (done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(value.map((row) => line(COLUMNS.map(([, get]) => get(row)))).join("")));
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
