import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDeskStatus, findDeskSyncState, listDeskStatuses, listDeskSyncStates } from "@/lib/data/desk-status";
import { budgetPerMinute, listRecentSyncRuns, rateBudget, recentRequestRates } from "@/lib/data/sync-runs";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

let database: TestDatabase;
let fake: FakeZendesk;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({ seed: 3, tickets: 25 });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

describe("sync monitor data", () => {
  it("lists a synced desk with its rows, lag and runs, newest first, and its request rate", async () => {
    const desk = await addFakeDesk(fake, { rateLimitPerMinute: 400, rateLimitShare: 25 });
    const other = await FakeZendesk.start({ tickets: 1 });
    const idle = await addFakeDesk(other);
    await other.close();
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli" });
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli" });
    const now = new Date();

    const statuses = await listDeskStatuses(now);
    const status = statuses.find((s) => s.id === desk.id)!;
    expect(status).toMatchObject({ tickets: 25, running: false, lastError: null });
    expect(status.lagSeconds).toBeGreaterThanOrEqual(0);
    expect(status).not.toHaveProperty("tokenCiphertext");
    expect(statuses.find((s) => s.id === idle.id)).toMatchObject({ tickets: 0, lagSeconds: null });
    expect(await findDeskStatus(desk.id, now)).toEqual(status);
    expect(await findDeskStatus(999_999, now)).toBeNull();
    const { tickets, ...state } = status;
    expect(tickets).toBe(25);
    expect((await listDeskSyncStates(now)).find((s) => s.id === desk.id)).toEqual(state);
    expect(await findDeskSyncState(desk.id, now)).toEqual(state);

    const runs = await listRecentSyncRuns([desk.id, idle.id], 10, now);
    const deskRuns = runs.get(desk.id)!;
    // The second run found nothing new: an idle entry, newest first.
    expect(deskRuns).toHaveLength(2);
    expect(deskRuns[0]).toMatchObject({ kind: "idle", count: 1 });
    expect(deskRuns[1]).toMatchObject({ kind: "run", status: "succeeded", rows: 25, trigger: "cli", rateLimited: 0, error: null });
    expect(deskRuns[1]!.requests).toBeGreaterThan(0);
    expect(runs.get(idle.id)).toEqual([]);
    expect((await listRecentSyncRuns([desk.id], 1, now)).get(desk.id)).toHaveLength(1);

    const requests = deskRuns.reduce((sum, run) => sum + run.requests, 0);
    const rates = await recentRequestRates([desk.id, idle.id], now);
    expect(rates.get(desk.id)).toBe(Math.round(requests) / 10);
    expect(rates.get(idle.id)).toBe(0);
    expect(rateBudget(status, rates.get(desk.id)!)).toMatchObject({ budgetPerMinute: 100, planLimitPerMinute: 400, sharePercent: 25 });
  });

  it("counts the part of a long run that falls in the window", async () => {
    const desk = await database.prisma.desk.findFirstOrThrow({ where: { domain: fake.host } });
    const now = new Date(Date.now() + 3_600_000);
    const minutes = (m: number) => new Date(now.getTime() - m * 60_000);
    await database.prisma.syncRun.createMany({
      data: [
        // 40 minutes at an even 30 requests a minute, the last 10 inside the window: 300 requests.
        { deskId: desk.id, trigger: "cli", status: "succeeded", startedAt: minutes(40), finishedAt: minutes(0), requests: 1200 },
        { deskId: desk.id, trigger: "cli", status: "succeeded", startedAt: minutes(5), finishedAt: minutes(4), requests: 100 },
        // Ended before the window: not counted.
        { deskId: desk.id, trigger: "cli", status: "succeeded", startedAt: minutes(30), finishedAt: minutes(20), requests: 5000 },
      ],
    });
    expect((await recentRequestRates([desk.id], now)).get(desk.id)).toBe(40);
  });

  it("folds consecutive runs that found nothing into one entry, between the runs that did something", async () => {
    const desk = await database.prisma.desk.create({ data: { domain: "idle.example.com", baseUrl: "https://idle.example.com", email: "a@b.co", tokenCiphertext: "x" } });
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));
    const run = (minute: number, fields: Partial<{ rows: number; comments: number; rateLimited: number; status: "succeeded" | "failed" | "running"; error: string }> = {}) => ({
      deskId: desk.id,
      trigger: "watch",
      status: "succeeded" as const,
      startedAt: at(minute),
      finishedAt: at(minute),
      requests: 2,
      ...fields,
    });
    await database.prisma.syncRun.createMany({
      data: [
        run(0, { rows: 5 }),
        ...[1, 2, 3, 4].map((m) => run(m)),
        run(5, { status: "failed", error: "boom" }),
        run(6),
        run(7),
        run(8, { comments: 1 }),
        ...[9, 10, 11].map((m) => run(m)),
        run(12, { status: "running" }),
      ],
    });
    const entries = (await listRecentSyncRuns([desk.id], 10, at(13))).get(desk.id)!;
    expect(entries.map((e) => (e.kind === "idle" ? `idle×${e.count}` : e.status))).toEqual([
      "running",
      "idle×3",
      "succeeded",
      "idle×2",
      "failed",
      "idle×4",
      "succeeded",
    ]);
    expect(entries[1]).toMatchObject({ firstStartedAt: at(9), lastStartedAt: at(11), requests: 6 });
    expect((await listRecentSyncRuns([desk.id], 3, at(13))).get(desk.id)).toHaveLength(3);
  });

  it("has no budget while the plan limit is unknown", () => {
    expect(budgetPerMinute(null, 50)).toBeNull();
    expect(budgetPerMinute(700, 33)).toBe(231);
  });
});
