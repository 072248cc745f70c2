import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDeskSyncState } from "@/lib/data/desk-status";
import { withDeskLock } from "@/lib/db/locks";
import { createDesk as createDeskAs } from "@/lib/desks";
import { testCaller } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
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
