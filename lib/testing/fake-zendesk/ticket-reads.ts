// Show Ticket (GET /api/v2/tickets/{id}) and Show Multiple Tickets (GET /api/v2/tickets/show_many?ids=),
// with sideloads. Unknown and deleted tickets are 404 for Show Ticket and left out of show_many, which
// looks up at most 100 ids (the docs: "will return up to 100 tickets records").
import type { FakeTicket } from "@/lib/testing/fake-zendesk/factory";
import { recordNotFound, type FakeRequest, type Reply } from "@/lib/testing/fake-zendesk/reply";
import { ticketSideloads } from "@/lib/testing/fake-zendesk/sideloads";
import type { FakeState } from "@/lib/testing/fake-zendesk/state";

const SHOW_MANY_MAX = 100;

export function ticketReads(state: FakeState, req: FakeRequest): Reply | undefined {
  if (req.method !== "GET") return undefined;
  const visible = (id: number): FakeTicket | undefined => {
    const ticket = state.byId.get(id);
    return ticket && ticket.status !== "deleted" ? ticket : undefined;
  };
  const include = req.query.get("include");
  if (req.path === "/api/v2/tickets/show_many") {
    const raw = req.query.get("ids");
    if (!raw) return { status: 400, body: { error: "InvalidValue", description: "ids is required" } };
    const ids = raw.split(",").map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0).slice(0, SHOW_MANY_MAX);
    const tickets = ids.map(visible).filter((t): t is FakeTicket => t !== undefined);
    return { status: 200, body: { tickets, ...ticketSideloads(state.account, tickets, include), next_page: null, previous_page: null, count: tickets.length } };
  }
  const one = /^\/api\/v2\/tickets\/(\d+)$/.exec(req.path);
  if (!one) return undefined;
  const ticket = visible(Number(one[1]));
  if (!ticket) return recordNotFound();
  return { status: 200, body: { ticket, ...ticketSideloads(state.account, [ticket], include) } };
}
