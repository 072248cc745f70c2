// Real-time fetches of tickets webhooks named: through Show Ticket / Show Many, never the exports,
// stored exactly as the export stores them, coalesced per ticket, and left to one export sync when
// there are more than the desk's API share can fetch in a few seconds.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SyncTuning } from "@/lib/sync/desk-client";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { fetchQueuedTickets, overflows } from "@/lib/sync/ticket-fetch";
import { claimTickets, pendingTickets, queueTicket } from "@/lib/sync/ticket-queue";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { deskCreateSchema } from "@/lib/validations/desk";
import { createDesk } from "@/lib/desks";

const tuning: SyncTuning = { pageSize: 50, backoffBaseMs: 10, timeoutMs: 2_000, exportLimitPerWindow: 10_000 };
const now = { timing: { debounceMs: 0, maxDelayMs: 0 }, tuning };
let database: TestDatabase;
let fake: FakeZendesk | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const sync = (deskId: number) => syncDesk(deskId, { steps: inlineSteps, trigger: "watch", tuning });

/** A second desk on the same fake account (another host name for it), to compare two ways of syncing. */
async function secondDeskOn(server: FakeZendesk) {
  const input = deskCreateSchema.parse({ address: server.url.replace("127.0.0.1", "localhost"), email: server.email, token: server.token, rateLimitShare: 100 });
  return (await createDesk({ actor: { kind: "cli" }, defer: () => {} }, input)).desk;
}

/** A ticket's row and its comments as stored, minus what names the desk or the moment of writing. */
async function stored(deskId: number, ticketId: number) {
  const [ticket] = await database.prisma.$queryRaw<{ row: Record<string, unknown> }[]>`
    SELECT to_jsonb(t) - 'id' - 'desk_id' - 'domain' - 'synced_at' - 'search_vector' AS row
    FROM zendesk_tickets t WHERE desk_id = ${deskId} AND zendesk_id = ${ticketId}`;
  const comments = await database.prisma.$queryRaw<{ row: unknown }[]>`
    SELECT to_jsonb(c) - 'id' - 'desk_id' - 'domain' - 'synced_at' - 'search_vector' AS row
    FROM zendesk_ticket_comments c WHERE desk_id = ${deskId} AND ticket_id = ${ticketId} ORDER BY comment_id`;
  return { ticket: ticket?.row, comments: comments.map((c) => c.row) };
}

const exportRequests = (server: FakeZendesk, since: number) => server.requests.slice(since).filter((r) => r.path.startsWith("/api/v2/incremental/"));

describe("fetching tickets webhooks named", () => {
  it("reads one ticket through Show Ticket with its sideloads and comments, and stores what the export would", async () => {
    fake = await FakeZendesk.start({ seed: 31, tickets: 12 });
    const reference = await addFakeDesk(fake);
    const realtime = await secondDeskOn(fake);
    await sync(reference.id);
    await sync(realtime.id);

    fake.state.updateTicket(4, { status: "pending", subject: "Rückfrage 📞", tags: ["vip", "callback"] });
    fake.state.addComment(4, "Customer called back");
    fake.state.renameUser(Number(fake.state.ticket(4).requester_id), "Requester Renamed");
    const before = fake.requests.length;
    await queueTicket(realtime.id, 4, true);
    expect(await fetchQueuedTickets(realtime.id, now)).toMatchObject({ kind: "fetched", tickets: 1, requests: 2, missing: [] });
    expect(fake.requests.slice(before).map((r) => [r.path, r.query.include ?? null])).toEqual([
      ["/api/v2/tickets/4", "users,groups,organizations,metric_sets"],
      ["/api/v2/tickets/4/comments", null],
    ]);
    expect(exportRequests(fake, before)).toHaveLength(0);
    expect(await pendingTickets(realtime.id, now.timing)).toMatchObject({ total: 0 });

    await sync(reference.id);
    const [viaExport, viaFetch] = [await stored(reference.id, 4), await stored(realtime.id, 4)];
    expect(viaFetch.ticket).toMatchObject({ subject: "Rückfrage 📞", status: "pending", req_name: "Requester Renamed" });
    expect(viaFetch).toEqual(viaExport);
    const desk = await database.prisma.desk.findUniqueOrThrow({ where: { id: realtime.id } });
    expect(desk.realtimeFetchedAt).not.toBeNull();
  });

  it("reads up to 100 tickets a request through Show Many, and comments only for deliveries about comments", async () => {
    fake = await FakeZendesk.start({ seed: 32, tickets: 150 });
    const desk = await addFakeDesk(fake);
    await sync(desk.id);
    for (let id = 1; id <= 150; id++) fake.state.updateTicket(id, { priority: "urgent" });
    for (let id = 1; id <= 150; id++) await queueTicket(desk.id, id, id === 7 || id === 120);
    const before = fake.requests.length;
    expect(await fetchQueuedTickets(desk.id, now)).toMatchObject({ kind: "fetched", tickets: 100 });
    expect(await fetchQueuedTickets(desk.id, now)).toMatchObject({ kind: "fetched", tickets: 50 });
    expect(await fetchQueuedTickets(desk.id, now)).toEqual({ kind: "empty" });
    expect(fake.requests.slice(before).map((r) => r.path)).toEqual([
      "/api/v2/tickets/show_many",
      "/api/v2/tickets/7/comments",
      "/api/v2/tickets/show_many",
      "/api/v2/tickets/120/comments",
    ]);
    expect(fake.requests[before]!.query.ids!.split(",")).toHaveLength(100);
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id, priority: "urgent" } })).toBe(150);
  });

  it("never replaces a stored row with an older version, and leaves deleted tickets to the export", async () => {
    fake = await FakeZendesk.start({ seed: 33, tickets: 6 });
    const desk = await addFakeDesk(fake);
    await sync(desk.id);
    const future = new Date(Date.now() + 86_400_000);
    await database.prisma.zendeskTicket.updateMany({ where: { deskId: desk.id, zendeskId: 2 }, data: { subject: "Newer than Zendesk", updatedAt: future } });
    fake.state.deleteTicket(3);
    await queueTicket(desk.id, 2, false);
    await queueTicket(desk.id, 3, true);
    expect(await fetchQueuedTickets(desk.id, now)).toMatchObject({ kind: "fetched", tickets: 0, missing: [3] });
    expect(await database.prisma.zendeskTicket.findFirstOrThrow({ where: { deskId: desk.id, zendeskId: 2 } })).toMatchObject({ subject: "Newer than Zendesk" });
    expect(await database.prisma.zendeskTicket.findFirstOrThrow({ where: { deskId: desk.id, zendeskId: 3 } })).toMatchObject({ deletedAt: null });
    expect(await pendingTickets(desk.id, now.timing)).toMatchObject({ total: 0 });
    await sync(desk.id);
    expect(await database.prisma.zendeskTicket.findFirstOrThrow({ where: { deskId: desk.id, zendeskId: 3 } })).toMatchObject({ status: "deleted" });
  });

  it("waits out the debounce, fetches a ticket named three times once, and fetches again one named during its fetch", async () => {
    fake = await FakeZendesk.start({ seed: 34, tickets: 6 });
    const desk = await addFakeDesk(fake);
    await sync(desk.id);
    const timing = { debounceMs: 300, maxDelayMs: 2_000 };
    for (let i = 0; i < 3; i++) await queueTicket(desk.id, 5, false);
    const early = await fetchQueuedTickets(desk.id, { tuning, timing });
    expect(early).toMatchObject({ kind: "wait" });
    expect((early as { until: number }).until).toBeGreaterThan(Date.now());
    await new Promise((resolve) => setTimeout(resolve, 350));
    const before = fake.count(/tickets\/5$/);
    fake.inject({ path: /tickets\/5$/, delayMs: 300 });
    const fetching = fetchQueuedTickets(desk.id, { tuning, timing });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await queueTicket(desk.id, 5, false);
    expect(await fetching).toMatchObject({ kind: "fetched", tickets: 1 });
    expect(fake.count(/tickets\/5$/) - before).toBe(1);
    expect(await pendingTickets(desk.id, timing)).toMatchObject({ total: 1 });
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await fetchQueuedTickets(desk.id, { tuning, timing })).toMatchObject({ kind: "fetched" });
    expect(await pendingTickets(desk.id, timing)).toMatchObject({ total: 0 });
  });

  it("leaves rows another fetcher claimed to it, and takes them back once that claim runs out", async () => {
    fake = await FakeZendesk.start({ seed: 35, tickets: 4 });
    const desk = await addFakeDesk(fake);
    await sync(desk.id);
    await queueTicket(desk.id, 1, false);
    expect(await claimTickets(desk.id, 100, now.timing, 300)).toHaveLength(1);
    expect(await fetchQueuedTickets(desk.id, now)).toEqual({ kind: "empty" });
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await fetchQueuedTickets(desk.id, now)).toMatchObject({ kind: "fetched", tickets: expect.any(Number) });
  });

  it("leaves a burst larger than the API share can fetch in a few seconds to one export sync", async () => {
    fake = await FakeZendesk.start({ seed: 36, tickets: 900 });
    const desk = await addFakeDesk(fake, { rateLimitPerMinute: 200, rateLimitShare: 50 });
    // Whole export pages: 100 requests a minute is this desk's whole share.
    const sync = (deskId: number) => syncDesk(deskId, { steps: inlineSteps, trigger: "watch", tuning: { ...tuning, pageSize: 1_000 } });
    await sync(desk.id);
    for (let id = 1; id <= 900; id++) fake.state.updateTicket(id, { status: "solved" });
    for (let id = 1; id <= 900; id++) await queueTicket(desk.id, id, false);
    const before = fake.requests.length;
    // 9 Show Many requests, while 100 a minute allow 8 in 5 seconds.
    expect(await fetchQueuedTickets(desk.id, now)).toEqual({ kind: "overflow", pending: 900, lastNotifiedAt: expect.any(Number) });
    expect(fake.requests.length).toBe(before);
    const summary = await sync(desk.id);
    expect(summary).toMatchObject({ caughtUp: true, tickets: 900 });
    expect(exportRequests(fake, before).length).toBeLessThanOrEqual(5);
    expect(await pendingTickets(desk.id, now.timing)).toMatchObject({ total: 0 });
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id, status: "solved" } })).toBe(900);
  });

  it("counts comment reads and what real time spent lately: past four fifths of the share, the export takes over", () => {
    const small = { rateLimitPerMinute: 200, rateLimitShare: 50 };
    expect(overflows({ total: 800, withComments: 0 }, small, 5)).toBe(false);
    expect(overflows({ total: 7, withComments: 7 }, small, 5)).toBe(false);
    expect(overflows({ total: 8, withComments: 8 }, small, 5)).toBe(true);
    expect(overflows({ total: 5_000, withComments: 0 }, { rateLimitPerMinute: 700, rateLimitShare: 50 }, 5)).toBe(true);
    // A burst arriving slowly: little queued at a time, but four fifths of the minute's share spent already.
    expect(overflows({ total: 3, withComments: 3 }, small, 5, 76)).toBe(false);
    expect(overflows({ total: 3, withComments: 3 }, small, 5, 77)).toBe(true);
  });

  it("fetches nothing for an inactive desk", async () => {
    fake = await FakeZendesk.start({ seed: 37, tickets: 2 });
    const desk = await addFakeDesk(fake);
    await queueTicket(desk.id, 1, false);
    await database.prisma.desk.update({ where: { id: desk.id }, data: { active: false } });
    expect(await fetchQueuedTickets(desk.id, now)).toEqual({ kind: "inactive" });
    expect(fake.count()).toBe(0);
  });
});
