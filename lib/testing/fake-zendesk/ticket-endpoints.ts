// The ticket endpoints the sync reads (cursor ticket export, ticket event export, ticket fields, a
// ticket's comments) in the pagination styles the variants choose, and the few ticket writes. The
// event export is time-based: its pages hold whole seconds (time-pages.ts).
import type { Json } from "@/lib/testing/fake-zendesk/factory";
import { invalidEndpoint, recordNotFound, type Reply } from "@/lib/testing/fake-zendesk/reply";
import type { FakeVariant } from "@/lib/testing/fake-zendesk/server";
import { ticketSideloads } from "@/lib/testing/fake-zendesk/sideloads";
import type { FakeState } from "@/lib/testing/fake-zendesk/state";
import { wholeSecondsEnd } from "@/lib/testing/fake-zendesk/time-pages";

const MAX_PER_PAGE = 1000;

export class TicketEndpoints {
  private emptyPages = 0;

  constructor(private readonly state: FakeState, private readonly variant: () => FakeVariant, private readonly link: (pathAndQuery: string) => string) {}

  /**
   * The few writes of the Tickets API, so a standalone fake can be edited between syncs with curl:
   * POST /api/v2/tickets {ticket}, PUT /api/v2/tickets/{id} {ticket: {…, comment: {body, public}}},
   * DELETE /api/v2/tickets/{id}.
   */
  write(method: string, path: string, body: Json | undefined): Reply {
    const one = /^\/api\/v2\/tickets\/(\d+)$/.exec(path);
    const id = one ? Number(one[1]) : null;
    if (id !== null && !this.state.byId.has(id)) return recordNotFound();
    const { comment, ...fields } = ((body?.ticket ?? {}) as Json & { comment?: { body?: string; public?: boolean } });
    if (method === "POST" && path === "/api/v2/tickets") return { status: 201, body: { ticket: this.state.createTicket(fields) } };
    if (method === "PUT" && id !== null) {
      if (Object.keys(fields).length > 0) this.state.updateTicket(id, fields);
      if (comment?.body) this.state.addComment(id, comment.body, comment.public ?? true);
      return { status: 200, body: { ticket: this.state.ticket(id) } };
    }
    if (method === "DELETE" && id !== null) {
      this.state.deleteTicket(id);
      return { status: 204, body: {} };
    }
    return invalidEndpoint();
  }

  read(path: string, query: URLSearchParams): Reply {
    if (path === "/api/v2/incremental/tickets/cursor") return this.ticketExport(query);
    if (path === "/api/v2/incremental/ticket_events") return this.ticketEvents(query);
    if (path === "/api/v2/ticket_fields") return { status: 200, body: this.list("ticket_fields", this.state.account.ticketFields, path, query) };
    const comments = /^\/api\/v2\/tickets\/(\d+)\/comments$/.exec(path);
    if (comments) return this.ticketComments(Number(comments[1]), query);
    return invalidEndpoint();
  }

  /** A list endpoint's page: cursor pagination (page[size], page[after]) or, in that variant, offset pagination. */
  private list(key: string, items: readonly unknown[], path: string, query: URLSearchParams): Json {
    const max = this.variant().maxPageSize ?? 100;
    if (this.variant().offsetPagination) {
      const size = Math.min(max, Math.max(1, Number(query.get("per_page") ?? 100)));
      const page = Math.max(1, Number(query.get("page") ?? 1));
      const from = (page - 1) * size;
      const at = (n: number) => this.link(`${path}.json?page=${n}&per_page=${size}`);
      return {
        [key]: items.slice(from, from + size),
        next_page: from + size < items.length ? at(page + 1) : null,
        previous_page: page > 1 ? at(page - 1) : null,
        count: items.length,
      };
    }
    const size = Math.min(max, Math.max(1, Number(query.get("page[size]") ?? 100)));
    const after = query.get("page[after]");
    const from = after ? Number(Buffer.from(after, "base64url").toString()) : 0;
    const hasMore = from + size < items.length;
    const next = hasMore ? Buffer.from(String(from + size)).toString("base64url") : null;
    return {
      [key]: items.slice(from, from + size),
      meta: { has_more: hasMore, after_cursor: next, before_cursor: null },
      links: { next: next ? this.link(`${path}.json?page%5Bsize%5D=${size}&page%5Bafter%5D=${next}`) : null, prev: null },
    };
  }

  private perPage(query: URLSearchParams): number {
    return Math.min(MAX_PER_PAGE, Math.max(1, Number(query.get("per_page") ?? MAX_PER_PAGE)));
  }

  private ticketExport(query: URLSearchParams): Reply {
    this.state.seal();
    const order = this.state.order;
    let position: [number, number];
    const cursor = query.get("cursor");
    if (cursor) {
      const [ts, id] = Buffer.from(cursor, "base64url").toString().split(".").map(Number);
      if (!Number.isFinite(ts) || !Number.isFinite(id)) return { status: 400, body: { error: "InvalidCursor" } };
      position = [ts!, id!];
    } else {
      const start = Number(query.get("start_time"));
      if (!Number.isFinite(start) || !query.has("start_time")) return { status: 400, body: { error: "InvalidValue", description: "start_time is required" } };
      if (start > Date.now() / 1000 - 60) return { status: 400, body: { error: "InvalidValue", description: "start_time is too recent" } };
      position = [start - 1, Number.MAX_SAFE_INTEGER];
    }
    let low = 0;
    let high = order.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const t = order[mid]!;
      if (t.generated_timestamp < position[0] || (t.generated_timestamp === position[0] && t.id <= position[1])) low = mid + 1;
      else high = mid;
    }
    const slice = order.slice(low, low + this.perPage(query));
    const tickets = this.variant().minimalDeleted
      ? slice.map((t) =>
          t.status === "deleted"
            ? { id: t.id, url: t.url, status: t.status, created_at: t.created_at, updated_at: t.updated_at, generated_timestamp: t.generated_timestamp }
            : t,
        )
      : slice;
    const last = tickets.at(-1);
    const after = last ? Buffer.from(`${last.generated_timestamp}.${last.id}`).toString("base64url") : Buffer.from(position.join(".")).toString("base64url");
    const body: Json = {
      tickets,
      after_url: this.link(`/api/v2/incremental/tickets/cursor.json?cursor=${after}`),
      after_cursor: this.variant().afterUrlOnly ? null : after,
      before_url: null,
      before_cursor: null,
      end_of_stream: low + tickets.length >= order.length,
      ...ticketSideloads(this.state.account, tickets, query.get("include")),
    };
    if (this.variant().omitEndOfStream) delete body.end_of_stream;
    return { status: 200, body };
  }

  emptyExportPage(query: URLSearchParams, kind: "new-cursor" | "same-cursor"): Reply {
    const given = query.get("cursor");
    const start = Number(query.get("start_time") ?? 0);
    const [ts, id] = given ? Buffer.from(given, "base64url").toString().split(".") : [String(start - 1), String(Number.MAX_SAFE_INTEGER)];
    const after = kind === "same-cursor" ? given : Buffer.from(`${ts}.${id}.${++this.emptyPages}`).toString("base64url");
    return {
      status: 200,
      body: { tickets: [], after_cursor: after, after_url: after ? this.link(`/api/v2/incremental/tickets/cursor.json?cursor=${after}`) : null, before_cursor: null, before_url: null, end_of_stream: false },
    };
  }

  private ticketEvents(query: URLSearchParams): Reply {
    const start = Number(query.get("start_time"));
    if (!query.has("start_time") || !Number.isFinite(start)) return { status: 400, body: { error: "InvalidValue", description: "start_time is required" } };
    const events = this.state.events;
    let low = 0;
    let high = events.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (events[mid]!.timestamp < start) low = mid + 1;
      else high = mid;
    }
    this.state.seal();
    const end = wholeSecondsEnd(events, low, this.perPage(query), start, (e) => e.timestamp);
    const withComments = (query.get("include") ?? "").split(",").includes("comment_events");
    const page = events.slice(low, end).map((e) => ({
      ...e,
      child_events: withComments ? e.child_events : e.child_events.filter((c) => c.event_type !== "Comment"),
    }));
    const endTime = page.at(-1)?.timestamp ?? start;
    const endOfStream = end >= events.length;
    return {
      status: 200,
      body: {
        ticket_events: page,
        count: page.length,
        end_time: endTime,
        ...(this.variant().omitEndOfStream ? {} : { end_of_stream: endOfStream }),
        // As in Zendesk's docs: there is a next page even at the end of the stream, to poll later.
        next_page: this.link(`/api/v2/incremental/ticket_events.json?start_time=${endTime}&include=comment_events`),
      },
    };
  }

  private ticketComments(ticketId: number, query: URLSearchParams): Reply {
    if (!this.state.byId.has(ticketId)) return recordNotFound();
    const comments = this.state.account.comments.get(ticketId) ?? [];
    return { status: 200, body: this.list("comments", comments, `/api/v2/tickets/${ticketId}/comments`, query) };
  }
}
