import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { startSyncLoop } from "@/lib/sync/loop";
import { withDeskLock } from "@/lib/db/locks";
import { findDueDesks } from "@/lib/sync/state";

let database: TestDatabase;
let fake: FakeZendesk;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({ seed: 3, tickets: 12 });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

describe("startSyncLoop", () => {
  it("syncs due desks, skips a desk another process holds, and stops on abort", async () => {
    const desk = await addFakeDesk(fake);
    expect((await findDueDesks()).map((d) => d.id)).toEqual([desk.id]);

    const lines: string[] = [];
    const controller = new AbortController();
    const tuning = { pageSize: 5, exportLimitPerWindow: 10_000 };
    // While "another process" holds the desk, the loop must not sync it.
    await withDeskLock(desk.id, async () => {
      const blocked = startSyncLoop({ signal: controller.signal, log: (l) => lines.push(l), tuning, pollMs: 50 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await withDeskLock(desk.id, async () => "second holder")).toBeNull();
      controller.abort();
      await blocked;
    });
    expect(fake.count()).toBe(0);

    const again = new AbortController();
    const loop = startSyncLoop({ signal: again.signal, log: (l) => lines.push(l), tuning, pollMs: 50 });
    for (let i = 0; i < 100 && lines.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    again.abort();
    await loop;
    expect(lines[0]).toMatch(new RegExp(`^${fake.host.replace(".", "\\.")}: 12 tickets, \\d+ comments, \\d+ requests, 0 429s`));
    const state = await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } });
    expect(state.lastSuccessAt).not.toBeNull();
    // Synced just now, so not due again until its wait interval has passed.
    expect(await findDueDesks()).toEqual([]);
    expect(await database.prisma.syncRun.count({ where: { deskId: desk.id, trigger: "watch" } })).toBe(1);
  });
});
