import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deskHealth, findDeskSyncState } from "@/lib/data/desk-status";
import { withDeskLock } from "@/lib/db/locks";
import { createDesk as createDeskAs } from "@/lib/desks";
import { testCaller } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { NOT_CONNECTED } from "@/lib/validations/desk-auth";
import { deskCreateSchema } from "@/lib/validations/desk";

const createDesk = async (input: Parameters<typeof createDeskAs>[1]) => (await createDeskAs(testCaller(), input)).desk;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("whether a desk is syncing", () => {
  it("counts a running CLI or app run only while its process holds the desk lock", async () => {
    const desk = await createDesk(deskCreateSchema.parse({ address: "status", email: "a@b.co", token: "abcdefgh1234" }));
    await database.prisma.syncRun.create({ data: { deskId: desk.id, trigger: "cli", holdsDeskLock: true } });
    // The process that opened the run is gone: no lock, so not syncing.
    expect((await findDeskSyncState(desk.id))?.running).toBe(false);
    const whileLocked = await withDeskLock(desk.id, async () => (await findDeskSyncState(desk.id))?.running);
    expect(whileLocked).toBe(true);
  });

  it("trusts Inngest's running runs, which hold no lock", async () => {
    const desk = await createDesk(deskCreateSchema.parse({ address: "inngest-status", email: "a@b.co", token: "abcdefgh1234" }));
    expect((await findDeskSyncState(desk.id))?.running).toBe(false);
    await database.prisma.syncRun.create({ data: { deskId: desk.id, trigger: "inngest" } });
    expect((await findDeskSyncState(desk.id))?.running).toBe(true);
  });
});

describe("lag and health", () => {
  const now = new Date("2026-11-29T12:00:00Z");
  const base = { active: true, reconnectReason: null, lastError: null, retryAfterUntil: null, waitIntervalSeconds: 60, createdAt: new Date("2026-11-01T00:00:00Z") };

  it("measures lag from the last catch-up, not from the newest change in Zendesk", async () => {
    const desk = await createDesk(deskCreateSchema.parse({ address: "quiet", email: "a@b.co", token: "abcdefgh1234" }));
    // A quiet desk: its newest change is days old, yet it caught up 37 s ago.
    await database.prisma.desk.update({
      where: { id: desk.id },
      data: { newestChangeAt: new Date(now.getTime() - 3 * 86_400_000), lastCaughtUpAt: new Date(now.getTime() - 37_000) },
    });
    expect(await findDeskSyncState(desk.id, now)).toMatchObject({ lagSeconds: 37, health: { state: "ok", reason: "Caught up 37 s ago" } });
  });

  it("shows until when a running sync waits for Zendesk's rate limit, and nothing once that has passed", async () => {
    const desk = await createDesk(deskCreateSchema.parse({ address: "waiting", email: "a@b.co", token: "abcdefgh1234" }));
    const until = new Date(Date.now() + 50_000);
    const run = await database.prisma.syncRun.create({ data: { deskId: desk.id, trigger: "inngest", waitingUntil: until } });
    expect((await findDeskSyncState(desk.id))?.waitingUntil).toEqual(until);
    await database.prisma.syncRun.update({ where: { id: run.id }, data: { waitingUntil: new Date(Date.now() - 1000) } });
    expect((await findDeskSyncState(desk.id))?.waitingUntil).toBeNull();
  });

  it("turns red when failing, rate-limited or stale, amber while a first sync catches up", () => {
    expect(deskHealth({ ...base, active: false }, 10, false, now).state).toBe("inactive");
    expect(deskHealth({ ...base, lastError: "Zendesk rejected the credentials" }, 10, false, now)).toEqual({
      state: "failing",
      reason: "Last sync failed: Zendesk rejected the credentials",
    });
    expect(deskHealth({ ...base, retryAfterUntil: new Date("2026-11-29T12:00:42Z") }, 10, true, now)).toEqual({
      state: "rate-limited",
      reason: "Zendesk answered 429: no requests until 12:00:42 UTC",
    });
    // No request goes to Zendesk for a desk whose grant was revoked: that outranks its old error.
    expect(deskHealth({ ...base, reconnectReason: "Zendesk revoked the grant", lastError: "401" }, 10, false, now)).toEqual({
      state: "reconnect",
      reason: "Needs reconnecting: Zendesk revoked the grant",
    });
    expect(deskHealth({ ...base, reconnectReason: NOT_CONNECTED }, null, false, now).state).toBe("not-connected");
    expect(deskHealth(base, 14 * 60, false, now).state).toBe("ok");
    expect(deskHealth(base, 16 * 60, false, now)).toEqual({ state: "stale", reason: "Last caught up 16 min ago" });
    // A desk syncing every 10 minutes is stale only after five of them.
    expect(deskHealth({ ...base, waitIntervalSeconds: 600 }, 40 * 60, false, now).state).toBe("ok");
    expect(deskHealth({ ...base, createdAt: new Date(now.getTime() - 60_000) }, null, true, now).state).toBe("catching-up");
    expect(deskHealth(base, null, false, now)).toEqual({ state: "stale", reason: "Never caught up" });
  });
});
