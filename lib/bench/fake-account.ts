// The fake Zendesk's account for the ingest and request benchmarks: one desk of the data model with
// `tickets` tickets over the same three years, as the incremental exports would return them.
import { DESKS, deskPeople } from "@/lib/bench/data-model";
import { apiGroups, apiOrganizations, apiTicketFields, apiUser } from "@/lib/bench/entities";
import { generateTicket } from "@/lib/bench/generate-ticket";
import type { FakeAccount } from "@/lib/bench/targets";

export function benchAccount(tickets: number, deskNumber = 1): FakeAccount {
  const people = deskPeople(DESKS[deskNumber - 1]!);
  const account: FakeAccount = {
    users: [...people.agents, ...people.endUsers].map((p) => apiUser(people, p)),
    groups: apiGroups(people),
    organizations: apiOrganizations(people),
    ticketFields: apiTicketFields(deskNumber),
    tickets: [],
    metricSets: new Map(),
    comments: new Map(),
  };
  for (let i = 0; i < tickets; i++) {
    const { ticket, metricSet, comments } = generateTicket(people, i, tickets);
    account.tickets.push(ticket);
    account.metricSets.set(ticket.id, metricSet);
    account.comments.set(ticket.id, comments);
  }
  return account;
}
