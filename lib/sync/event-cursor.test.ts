// The ticket event export may not be asked for the last minute. After a burst of comments the event
// cursor sits within that minute; a sync then must not go back a minute and read the burst again.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import type { SyncTuning } from "@/lib/sync/desk-client";

const tuning: SyncTuning = { backoffBaseMs: 10, timeoutMs: 5_000, exportLimitPerWindow: 10_000 };
let database: TestDatabase;
let fake: FakeZendesk | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});
afterEach(async () => {
  vi.useRealTimers();
  await fake?.close();
});

// The repeating runs: the app's loop (a burst's own sync, sync --watch and Inngest's behave alike).
const sync = (deskId: number) => syncDesk(deskId, { steps: inlineSteps, trigger: "app", tuning });
const eventRequests = () => fake!.requests.filter((r) => r.path === "/api/v2/incremental/ticket_events");
const macroReplies = async (deskId: number) =>
  (await database.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM zendesk_ticket_comments WHERE desk_id = ${deskId} AND body LIKE 'Macro reply %'`)[0]!.n;

describe("the ticket event export after a burst", () => {
  it("reads a burst of 1,200 comments once, not again within the minute, and goes on from after it", async () => {
    fake = await FakeZendesk.start({ tickets: 1_200, commentsPerTicket: [0, 1] });
    const desk = await addFakeDesk(fake);
    expect((await sync(desk.id)).error).toBeUndefined();
    for (let id = 1; id <= 1_200; id++) fake.state.addComment(id, `Macro reply ${id}`);

    const before = eventRequests().length;
    const burst = await sync(desk.id);
    expect(burst).toMatchObject({ caughtUp: true });
    expect(await macroReplies(desk.id)).toBe(1_200);
    const read = eventRequests().length - before;

    // Within the minute: no event request at all (it could only re-read the burst), the run still caught up.
    const again = await sync(desk.id);
    expect(again).toMatchObject({ caughtUp: true, comments: 0 });
    expect(eventRequests().length - before).toBe(read);

    // A minute on, the export is asked from where the burst ended, and brings what came since.
    const cursor = Number((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).eventStartTime);
    fake.state.addComment(7, "After the burst");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 62_000 });
    const later = await sync(desk.id);
    expect(later).toMatchObject({ caughtUp: true, comments: 1 });
    const asked = eventRequests().slice(before + read).map((r) => Number(r.query.start_time));
    expect(asked).toEqual([cursor]);
  });

  it("a one-off sync --once within the minute asks from a minute ago and brings the comment just added", async () => {
    fake = await FakeZendesk.start({ tickets: 3 });
    const desk = await addFakeDesk(fake);
    expect((await sync(desk.id)).error).toBeUndefined();
    fake.state.addComment(2, "Macro reply just now");
    expect((await sync(desk.id)).error).toBeUndefined();
    expect(await macroReplies(desk.id)).toBe(1);
    fake.state.addComment(3, "Macro reply a moment later");
    const before = eventRequests().length;
    const once = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(once).toMatchObject({ caughtUp: true });
    expect(eventRequests().length - before).toBe(1);
    expect(await macroReplies(desk.id)).toBe(2);
  });
});
