import { InngestTestEngine } from "@inngest/test";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { syncDeskFunction } from "@/inngest/functions/sync-desk";
import { scheduleSyncsFunction } from "@/inngest/functions/schedule-syncs";
import { repairTicketCommentsFunction } from "@/inngest/functions/repair-ticket-comments";
import { fetchChangedTicketsFunction } from "@/inngest/functions/fetch-changed-tickets";
import { queueTicket } from "@/lib/sync/ticket-queue";
import { functions } from "@/inngest/functions";

let database: TestDatabase;
let fake: FakeZendesk;

beforeAll(async () => {
  database = await createTestDatabase();
});
beforeEach(async () => {
  fake = await FakeZendesk.start({ seed: 5, tickets: 25 });
});
afterEach(async () => {
  await fake.close();
});
afterAll(async () => {
  await database.drop();
});

describe("Inngest functions", () => {
  it("serves one function per file", () => {
    expect(functions.map((f) => f.id())).toEqual(["schedule-syncs", "sync-desk", "repair-ticket-comments", "fetch-changed-tickets"]);
  });

  it("sync-desk runs every page as a real step against the database and the fake Zendesk", async () => {
    const desk = await addFakeDesk(fake);
    const t = new InngestTestEngine({ function: syncDeskFunction });
    const { result, ctx } = await t.execute({ events: [{ name: "desk/sync.requested", data: { deskId: desk.id } }] });
    expect(result).toMatchObject({ deskId: desk.id, tickets: 25, caughtUp: true });
    expect(result).not.toHaveProperty("error");
    expect(ctx.step.run).toHaveBeenCalledWith("tickets-page-0", expect.any(Function));
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id } })).toBe(25);
    const run = await database.prisma.syncRun.findFirstOrThrow({ where: { deskId: desk.id } });
    expect(run).toMatchObject({ trigger: "inngest", status: "succeeded", rows: 25 });

    const since = new Date(Date.parse(fake.state.order[10]!.updated_at)).toISOString();
    const backfill = await new InngestTestEngine({ function: syncDeskFunction }).execute({ events: [{ name: "desk/backfill.requested", data: { deskId: desk.id, since } }] });
    expect(backfill.result).toMatchObject({ tickets: 15, caughtUp: true });
  });

  it("sync-desk records bad credentials once, without retrying, and skips inactive desks", async () => {
    const desk = await addFakeDesk(fake, { token: "revoked-token-000" });
    const t = new InngestTestEngine({ function: syncDeskFunction });
    const { result } = await t.execute({ events: [{ name: "desk/sync.requested", data: { deskId: desk.id } }] });
    expect((result as { error?: string }).error).toMatch(/rejected the credentials/);
    const run = await database.prisma.syncRun.findFirstOrThrow({ where: { deskId: desk.id } });
    expect(run).toMatchObject({ status: "failed", requests: 1 });
    expect(fake.count()).toBe(1);

    await database.prisma.desk.update({ where: { id: desk.id }, data: { active: false } });
    const skipped = await new InngestTestEngine({ function: syncDeskFunction }).execute({ events: [{ name: "desk/sync.requested", data: { deskId: desk.id } }] });
    expect(skipped.result).toMatchObject({ skipped: "desk is inactive or removed" });
  });

  it("repair-ticket-comments re-reads one ticket's comments", async () => {
    const desk = await addFakeDesk(fake);
    const t = new InngestTestEngine({ function: repairTicketCommentsFunction });
    const { result } = await t.execute({ events: [{ name: "desk/ticket-comments.repair-requested", data: { deskId: desk.id, ticketId: 4 } }] });
    expect(result).toMatchObject({ ticketId: 4, notFound: false, comments: fake.state.account.comments.get(4)!.length });
    expect(await database.prisma.zendeskTicketComment.count({ where: { deskId: desk.id, ticketId: 4 } })).toBe(
      fake.state.account.comments.get(4)!.length,
    );
  });

  it("fetch-changed-tickets fetches queued tickets one batch per step, and asks for one sync for a burst", async () => {
    const desk = await addFakeDesk(fake);
    fake.state.updateTicket(4, { subject: "Changed for Inngest" });
    await queueTicket(desk.id, 4, true);
    // Due once the debounce has passed (a run finding it not yet due would sleep a step first).
    await new Promise((resolve) => setTimeout(resolve, 250));
    const t = new InngestTestEngine({ function: fetchChangedTicketsFunction });
    const { result, ctx } = await t.execute({ events: [{ name: "desk/tickets.changed", data: { deskId: desk.id } }] });
    expect(result).toEqual({ deskId: desk.id, tickets: 1 });
    expect(ctx.step.run).toHaveBeenCalledWith("fetch-0", expect.any(Function));
    expect((await database.prisma.zendeskTicket.findFirstOrThrow({ where: { deskId: desk.id, zendeskId: 4 } })).subject).toBe("Changed for Inngest");

    await database.prisma.desk.update({ where: { id: desk.id }, data: { rateLimitPerMinute: 200, rateLimitShare: 10 } });
    for (let id = 1; id <= 25; id++) await queueTicket(desk.id, id, true);
    const burst = await new InngestTestEngine({ function: fetchChangedTicketsFunction }).execute({
      events: [{ name: "desk/tickets.changed", data: { deskId: desk.id } }],
      steps: [{ id: "overflow-sync", handler: () => ({ ids: [] }) }],
    });
    expect(burst.result).toEqual({ deskId: desk.id, tickets: 0, overflow: 25 });
    const sent = (burst.ctx.step.sendEvent as unknown as { mock: { calls: [string, { name: string; data: unknown; id: string }][] } }).mock.calls;
    expect(sent.map(([id, event]) => [id, event.name, event.data])).toEqual([["overflow-sync", "desk/sync.requested", { deskId: desk.id }]]);
    expect(sent[0]![1].id).toMatch(new RegExp(`^desk-${desk.id}-realtime-overflow-\\d+$`));
  });

  it("schedule-syncs requests one sync per due desk with a stable event id", async () => {
    await database.prisma.desk.updateMany({ data: { active: false } });
    const due = await addFakeDesk(fake);
    // The first tick queries the database for real; later ticks, sleeps and sends are mocked.
    const sleeps = Array.from({ length: 60 }, (_, i) => ({ id: `tick-${i}`, handler: () => undefined }));
    const laterTicks = Array.from({ length: 59 }, (_, i) => ({ id: `find-due-desks-${i + 1}`, handler: () => [] }));
    const t = new InngestTestEngine({ function: scheduleSyncsFunction });
    const { ctx, result } = await t.execute({
      steps: [{ id: "deadline", handler: () => Date.now() + 3_000 }, { id: "request-syncs-0", handler: () => ({ ids: [] }) }, ...sleeps, ...laterTicks],
    });
    const calls = (ctx.step.sendEvent as unknown as { mock: { calls: [string, { name: string; data: unknown; id: string }[]][] } }).mock.calls;
    expect(calls).toHaveLength(1);
    const [id, events] = calls[0]!;
    expect(id).toBe("request-syncs-0");
    expect(events.map((e) => ({ name: e.name, data: e.data }))).toEqual([{ name: "desk/sync.requested", data: { deskId: due.id } }]);
    expect(events[0]!.id).toMatch(new RegExp(`^desk-${due.id}-sync-after-never-h\\d+$`));
    expect(result).toEqual({ requested: 1 });
  });
});
