import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTicketFreshness, listDeskFreshness, listWebhookActivity } from "@/lib/data/freshness";
import { db } from "@/lib/db/client";
import { addCounts, countDelivery, flushDeliveryCounts } from "@/lib/sync/realtime-counters";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { queueTicket } from "@/lib/sync/ticket-queue";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

let database: TestDatabase;
let fake: FakeZendesk;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({ seed: 81, tickets: 4 });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

describe("freshness", () => {
  it("is when the desk was last known complete: a caught-up sync, or a later real-time fetch", async () => {
    const desk = await addFakeDesk(fake);
    expect(await listDeskFreshness()).toEqual([{ deskId: desk.id, name: fake.host, realtime: false, updatedAt: null, queued: 0 }]);
    const before = new Date();
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning: { exportLimitPerWindow: 10_000 } });
    const [synced] = await listDeskFreshness();
    expect(synced!.updatedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000);

    const later = new Date(Date.now() + 5_000);
    await database.prisma.desk.update({ where: { id: desk.id }, data: { realtimeFetchedAt: later, webhookId: "01HOOK" } });
    await queueTicket(desk.id, 2);
    expect(await listDeskFreshness([desk.id])).toEqual([{ deskId: desk.id, name: fake.host, realtime: true, updatedAt: later, queued: 1 }]);

    const ticket = await database.prisma.zendeskTicket.findFirstOrThrow({ where: { deskId: desk.id, zendeskId: 1 } });
    expect(await getTicketFreshness(String(ticket.id))).toMatchObject({ syncedAt: ticket.syncedAt, desk: { deskId: desk.id, updatedAt: later } });
    expect(await getTicketFreshness("999999")).toBeNull();
    expect(await getTicketFreshness("1; DROP TABLE desks")).toBeNull();
    // An inactive desk is left out of the list, unless asked for by id.
    await database.prisma.desk.update({ where: { id: desk.id }, data: { active: false } });
    expect(await listDeskFreshness()).toEqual([]);
    expect(await listDeskFreshness([desk.id])).toHaveLength(1);
  });

  it("adds up the last hour of deliveries and fetches, with refusals by why and the last one", async () => {
    const desk = await database.prisma.desk.findFirstOrThrow();
    const old = new Date(Date.now() - 2 * 3_600_000);
    countDelivery(desk.id, "accepted", old);
    for (let i = 0; i < 3; i++) countDelivery(desk.id, "accepted");
    countDelivery(desk.id, "refused.bad-signature");
    countDelivery(desk.id, "refused.replay");
    countDelivery(desk.id, "refused.replay");
    countDelivery(desk.id, "ignored");
    await flushDeliveryCounts();
    await db().$transaction((tx) => addCounts(tx, desk.id, { "fetch.tickets": 3, "fetch.requests": 2 }));
    const activity = (await listWebhookActivity([desk.id])).get(desk.id)!;
    expect(activity).toMatchObject({
      realtime: true,
      accepted: 3,
      ignored: 1,
      refused: [
        { reason: "replay", count: 2 },
        { reason: "bad-signature", count: 1 },
      ],
      fetchedTickets: 3,
      fetchRequests: 2,
      overflows: 0,
      lastRefusal: { reason: expect.any(String) },
    });
    expect(Date.now() - activity.lastDeliveryAt!.getTime()).toBeLessThan(60_000);
  });
});
