import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDesk } from "@/lib/data/desks";
import { ForbiddenError, UserError } from "@/lib/data/errors";
import { inngestDashboardUrl, removeDesk, requestBackfill, requestSync, setDeskActive } from "@/lib/desks";
import { testCaller, viewer } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { FakeInngest } from "@/lib/testing/fake-inngest";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { freePort } from "@/lib/testing/net";

let database: TestDatabase;
let fake: FakeZendesk;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({ seed: 5, tickets: 12 });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

describe("desk sync requests without Inngest", () => {
  it("sync now hands the caller a sync to run; backfill resets the cursors first", async () => {
    database.useEnv({});
    const desk = await addFakeDesk(fake);
    expect(inngestDashboardUrl()).toBeNull();

    const caller = testCaller();
    expect(await requestSync(caller, desk.id)).toBe("Sync started: follow it on the Sync page.");
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id } })).toBe(0);
    expect(await caller.runDeferred()).toEqual([expect.stringMatching(new RegExp(`^${fake.host}: 12 tickets, `))]);
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id } })).toBe(12);
    expect(await database.prisma.syncRun.findFirstOrThrow({ where: { deskId: desk.id } })).toMatchObject({ trigger: "cli", holdsDeskLock: true });

    const since = new Date("2023-01-01T00:00:00Z");
    await requestBackfill(caller, desk.id, since);
    expect(await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).toMatchObject({ ticketCursor: null, eventStartTime: null, syncSince: since });
    expect(await caller.runDeferred()).toEqual([expect.stringMatching(/12 tickets/)]);
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).ticketCursor).not.toBeNull();
  });

  it("refuses viewers and inactive desks before anything happens", async () => {
    const desk = (await findDesk(fake.host))!;
    const asViewer = testCaller(viewer());
    await expect(requestSync(asViewer, desk.id)).rejects.toThrow(ForbiddenError);
    await expect(setDeskActive(asViewer, desk.id, false)).rejects.toThrow("Only admins can activate or deactivate desks.");
    await setDeskActive(testCaller(), desk.id, false);
    await expect(requestSync(testCaller(), desk.id)).rejects.toThrow(new UserError("This desk is inactive: activate it to sync."));
    expect(asViewer.deferred).toHaveLength(0);
  });

  it("a sync of a desk deactivated mid-run stops at its next page, whichever process runs it", async () => {
    const desk = (await findDesk(fake.host))!;
    await setDeskActive(testCaller(), desk.id, true);
    const caller = testCaller();
    await requestSync(caller, desk.id);
    await setDeskActive(testCaller(), desk.id, false);
    await expect(caller.runDeferred()).rejects.toThrow(/stopped: the desk was deactivated during the run/);
    const run = await database.prisma.syncRun.findFirstOrThrow({ where: { deskId: desk.id }, orderBy: { id: "desc" } });
    expect(run).toMatchObject({ status: "failed", error: "stopped: the desk was deactivated during the run" });
  });

  it("removes a desk with its rows", async () => {
    const desk = (await findDesk(fake.host))!;
    expect(await removeDesk(testCaller(), desk.id)).toMatchObject({ desk: { id: desk.id } });
    expect(await findDesk(desk.id)).toBeNull();
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id } })).toBe(0);
  });
});

describe("desk sync requests with Inngest configured", () => {
  it("become events, and deactivation and removal cancel the desk's runs", async () => {
    const inngest = await FakeInngest.start();
    try {
      database.useEnv(inngest.env);
      expect(inngestDashboardUrl()).toBe(inngest.url);
      const desk = await addFakeDesk(fake);
      const caller = testCaller();
      expect(await requestSync(caller, desk.id)).toBe("Sync requested from Inngest.");
      await requestBackfill(caller, desk.id, new Date("2024-02-01T00:00:00Z"));
      await setDeskActive(caller, desk.id, false);
      await removeDesk(caller, desk.id);
      expect(caller.deferred).toHaveLength(0);
      expect(inngest.events.map(({ name, data }) => ({ name, data }))).toEqual([
        { name: "desk/sync.requested", data: { deskId: desk.id } },
        { name: "desk/backfill.requested", data: { deskId: desk.id, since: "2024-02-01T00:00:00.000Z" } },
        { name: "desk/deactivated", data: { deskId: desk.id } },
        { name: "desk/removed", data: { deskId: desk.id } },
      ]);
      // The cursors are Inngest's function's to reset, when it runs: nothing changed here yet.
      expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id } })).toBe(0);
    } finally {
      await inngest.close();
    }
  });

  it("reports an Inngest that does not take the event instead of failing", async () => {
    database.useEnv({ INNGEST_DEV: "1", INNGEST_BASE_URL: `http://127.0.0.1:${await freePort()}` });
    const desk = await addFakeDesk(fake);
    await expect(requestSync(testCaller(), desk.id)).rejects.toThrow(/^Inngest did not take the request/);
    const stop = await setDeskActive(testCaller(), desk.id, false);
    expect(stop.desk.active).toBe(false);
    expect(stop.warning).toMatch(/Inngest did not take the request/);
    database.useEnv({ INNGEST_DEV: "1" });
    expect(inngestDashboardUrl()).toBe("http://localhost:8288");
  });
});
