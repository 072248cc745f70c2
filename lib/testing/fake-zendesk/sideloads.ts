// Ticket sideloads (`include=users,groups,organizations,metric_sets`), shared by the ticket export, Show
// Ticket and Show Many Tickets. Other documented ticket sideloads are ignored, as are unknown names.
import type { FakeAccount, FakeTicket, Json } from "@/lib/testing/fake-zendesk/factory";

export function ticketSideloads(account: FakeAccount, tickets: readonly FakeTicket[], include: string | null): Json {
  const wanted = new Set((include ?? "").split(",").map((s) => s.trim()));
  const ids = (keys: string[]) => new Set<unknown>(tickets.flatMap((t) => keys.map((k) => t[k])).filter((v) => v != null));
  const out: Json = {};
  if (wanted.has("users")) {
    const users = ids(["requester_id", "submitter_id", "assignee_id"]);
    out.users = account.users.filter((u) => users.has(u.id));
  }
  if (wanted.has("groups")) {
    const groups = ids(["group_id"]);
    out.groups = account.groups.filter((g) => groups.has(g.id));
  }
  if (wanted.has("organizations")) {
    const organizations = ids(["organization_id"]);
    out.organizations = account.organizations.filter((o) => organizations.has(o.id));
  }
  if (wanted.has("metric_sets")) out.metric_sets = tickets.map((t) => account.metricSets.get(t.id)).filter(Boolean);
  return out;
}
