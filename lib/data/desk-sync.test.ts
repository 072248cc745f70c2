import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deactivateDesk, inngestDashboardUrl, removeDeskAndStop, requestDeskBackfill, requestDeskSync } from "@/lib/data/desk-sync";
import { findDesk } from "@/lib/data/desks";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { freePort } from "@/lib/testing/net";

let database: TestDatabase;
let fake: FakeZendesk;

beforeAll(async () => {
  for (const key of ["INNGEST_SIGNING_KEY", "INNGEST_DEV", "INNGEST_BASE_URL"]) delete process.env[key];
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  fake = await FakeZendesk.start({ seed: 5, tickets: 12 });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

describe("desk sync requests without Inngest", () => {
  it("sync now runs the desk in this process; backfill resets the cursors first", async () => {
    const desk = await addFakeDesk(fake);
    expect(inngestDashboardUrl()).toBeNull();

    const request = await requestDeskSync(desk);
    expect(request.mode).toBe("in-process");
    if (request.mode !== "in-process") return;
    expect(await request.run()).toMatch(new RegExp(`^${fake.host}: 12 tickets, `));
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id } })).toBe(12);
    expect(await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).toMatchObject({ ticketCursor: expect.any(String) });

    const since = new Date("2024-01-01T00:00:00Z");
    const backfill = await requestDeskBackfill(desk, since);
    expect(await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).toMatchObject({ ticketCursor: null, eventStartTime: null, syncSince: since });
    if (backfill.mode === "in-process") expect(await backfill.run()).toMatch(/tickets/);
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).ticketCursor).not.toBeNull();
  });

  it("deactivates and removes a desk with its rows", async () => {
    const desk = (await findDesk(fake.url))!;
    expect(await deactivateDesk(desk.id)).toMatchObject({ desk: { active: false }, warning: null });
    await removeDeskAndStop(desk.id);
    expect(await findDesk(desk.id)).toBeNull();
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id } })).toBe(0);
  });
});

describe("desk sync requests with Inngest configured", () => {
  it("reports an Inngest that does not take the event instead of failing the page", async () => {
    process.env.INNGEST_DEV = "1";
    process.env.INNGEST_BASE_URL = `http://127.0.0.1:${await freePort()}`;
    try {
      expect(inngestDashboardUrl()).toBe(process.env.INNGEST_BASE_URL);
      const desk = await addFakeDesk(fake);
      const request = await requestDeskSync(desk);
      expect(request).toEqual({ mode: "failed", error: expect.stringMatching(/^Inngest did not take the request/) });
      const stop = await deactivateDesk(desk.id);
      expect(stop.desk.active).toBe(false);
      expect(stop.warning).toMatch(/^Inngest did not take the request/);
      delete process.env.INNGEST_BASE_URL;
      expect(inngestDashboardUrl()).toBe("http://localhost:8288");
    } finally {
      delete process.env.INNGEST_DEV;
      delete process.env.INNGEST_BASE_URL;
    }
  });
});
