// What e2e/seed.ts puts in the fake Zendesk the seeded desk syncs from, and the expected answers the
// specs check the UI against (computed from the same factory, not from the app).
import { createAccount } from "@/lib/testing/fake-zendesk/factory";

export const SEEDED = {
  /** The first desk created after the TRUNCATE … RESTART IDENTITY in e2e/serve.ts. */
  deskId: 1,
  tickets: 300,
  seed: 11,
  startTime: Date.parse("2026-01-05T08:00:00Z") / 1000,
  htmlTicket: 7,
  htmlText: "Bold words from an agent",
  internalNote: "Internal: customer is on the enterprise plan",
};

export function seededTickets() {
  return createAccount({ tickets: SEEDED.tickets, seed: SEEDED.seed, startTime: SEEDED.startTime }).tickets;
}

export function customValue(ticket: Record<string, unknown>, fieldId: number): unknown {
  return (ticket.custom_fields as { id: number; value: unknown }[]).find((f) => f.id === fieldId)?.value;
}
