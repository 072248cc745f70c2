// What a run tells the sync monitor while it goes: when it waits for Zendesk's rate limit (and until
// when), and when the desk last caught up, which is what its lag is measured from.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SyncTuning } from "@/lib/sync/desk-client";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps, type Steps } from "@/lib/sync/steps";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

const tuning: SyncTuning = { pageSize: 6, backoffBaseMs: 10, timeoutMs: 2_000, exportLimitPerWindow: 10_000 };
let database: TestDatabase;
const fakes: FakeZendesk[] = [];

async function startFake(options: Parameters<typeof FakeZendesk.start>[0] = {}) {
  const fake = await FakeZendesk.start({ seed: 11, tickets: 30, ...options });
  fakes.push(fake);
  return fake;
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

describe("a run's progress on the monitor", () => {
  it("records until when it waits for Zendesk's rate limit while it sleeps, and clears it at the end", async () => {
    const fake = await startFake({ rateLimit: { limit: 1000, windowMs: 1000, exportLimit: 1000 } });
    const desk = await addFakeDesk(fake);
    fake.inject({ path: /incremental\/tickets/, status: 429, retryAfterSeconds: 1 });
    const seen: { waitingUntil: Date | null; sleepUntil: number }[] = [];
    const steps: Steps = {
      run: inlineSteps.run,
      sleep: async (id, ms) => {
        const run = await database.prisma.syncRun.findFirstOrThrow({ where: { deskId: desk.id, status: "running" } });
        seen.push({ waitingUntil: run.waitingUntil, sleepUntil: Date.now() + ms });
        return inlineSteps.sleep(id, ms);
      },
    };
    const summary = await syncDesk(desk.id, { steps, trigger: "cli", tuning: { ...tuning, maxInlineWaitMs: 100 } });
    expect(summary.error).toBeUndefined();
    expect(seen).toHaveLength(1);
    // The recorded time is the one the run sleeps until (give or take the time to read it).
    expect(Math.abs(seen[0]!.waitingUntil!.getTime() - seen[0]!.sleepUntil)).toBeLessThan(500);
    const run = await database.prisma.syncRun.findUniqueOrThrow({ where: { id: BigInt(summary.runId) } });
    expect(run.waitingUntil).toBeNull();
  });

  it("sleeps rather than waiting silently inside a page when the export limit makes it wait long", async () => {
    // Two export requests per 6 s window: the third page must wait about 6 s, longer than a page may.
    const fake = await startFake({ tickets: 30, rateLimit: { limit: 1000, windowMs: 6000, exportLimit: 2 } });
    const desk = await addFakeDesk(fake);
    const sleeps: number[] = [];
    const stop = new AbortController();
    // The first sleep is all this test needs to see: the run stops there instead of waiting it out.
    const steps: Steps = { run: inlineSteps.run, sleep: async (_id, ms) => (sleeps.push(ms), stop.abort()) };
    const summary = await syncDesk(desk.id, {
      steps,
      trigger: "cli",
      tuning: { ...tuning, pageSize: 10, windowMs: 6000, exportLimitPerWindow: 2 },
      signal: stop.signal,
    });
    expect(summary).toMatchObject({ pages: 2, caughtUp: false });
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(5_000);
  });

  it("moves the desk's catch-up time only when both exports reached their end", async () => {
    const fake = await startFake();
    const desk = await addFakeDesk(fake);
    const partial = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning, maxPages: 1 });
    expect(partial).toMatchObject({ caughtUp: false });
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).lastCaughtUpAt).toBeNull();

    const full = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(full).toMatchObject({ caughtUp: true });
    const after = await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } });
    const run = await database.prisma.syncRun.findUniqueOrThrow({ where: { id: BigInt(full.runId) } });
    expect(after.lastCaughtUpAt).toEqual(run.finishedAt);

    // A failed run leaves it where it was.
    fake.inject({ path: /incremental\/tickets/, status: 401 });
    const failed = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(failed.error).toBeDefined();
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).lastCaughtUpAt).toEqual(run.finishedAt);
  });
});
