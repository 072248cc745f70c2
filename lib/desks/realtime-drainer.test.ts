// Fetching in this process: one drain per desk at a time, deliveries during a drain coalesce into it,
// and a burst too large for the API share becomes one export sync recorded as started by real time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainChangedTickets } from "@/lib/desks/realtime-drainer";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { pendingTickets, queueTicket } from "@/lib/sync/ticket-queue";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

let database: TestDatabase;
let fake: FakeZendesk;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({ seed: 61, tickets: 600 });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

describe("the in-process drain", () => {
  it("runs once per desk at a time and takes in what is queued while it runs", async () => {
    const desk = await addFakeDesk(fake);
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning: { exportLimitPerWindow: 10_000 } });
    fake.state.updateTicket(1, { subject: "First" });
    fake.state.updateTicket(2, { subject: "Second" });
    await queueTicket(desk.id, 1, false);
    const first = drainChangedTickets(desk.id);
    await queueTicket(desk.id, 2, false);
    const second = drainChangedTickets(desk.id);
    expect(second).toBe(first);
    expect(await first).toMatch(/: 2 changed tickets fetched in [12] requests?$/);
    const subjects = await database.prisma.zendeskTicket.findMany({ where: { deskId: desk.id, zendeskId: { in: [1, 2] } }, orderBy: { zendeskId: "asc" } });
    expect(subjects.map((t) => t.subject)).toEqual(["First", "Second"]);
    await database.prisma.desk.delete({ where: { id: desk.id } });
  });

  it("leaves a burst to one export sync, recorded as started by real time", async () => {
    const desk = await addFakeDesk(fake, { rateLimitPerMinute: 200, rateLimitShare: 50 });
    await database.prisma.desk.update({ where: { id: desk.id }, data: { exportLimitPerMinute: 30 } });
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli" });
    for (let id = 1; id <= 600; id++) fake.state.updateTicket(id, { status: "solved", subject: `Macro ${id}` });
    for (let id = 1; id <= 600; id++) await queueTicket(desk.id, id, true);
    const exportsBefore = fake.count(/\/incremental\//);
    const showBefore = fake.count(/\/tickets\/(show_many|\d+)$/);
    const line = await drainChangedTickets(desk.id);
    expect(line).toMatch(/0 changed tickets fetched in 0 requests; a burst of 600 left to one export sync \(desk \d+: 600 tickets/);
    expect(fake.count(/\/tickets\/(show_many|\d+)$/)).toBe(showBefore);
    // Tickets, comment events, users, organizations: one page each (600 tickets and their events fit).
    expect(fake.count(/\/incremental\//) - exportsBefore).toBeLessThanOrEqual(6);
    expect(await pendingTickets(desk.id, { debounceMs: 0, maxDelayMs: 0 })).toMatchObject({ total: 0 });
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id, status: "solved", subject: { startsWith: "Macro " } } })).toBe(600);
    const runs = await database.prisma.syncRun.findMany({ where: { deskId: desk.id }, orderBy: { id: "asc" } });
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([
      ["cli", "succeeded"],
      ["realtime", "succeeded"],
    ]);
  });
});
