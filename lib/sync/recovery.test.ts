import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TSX_NODE_ARGS } from "@/lib/testing/node-args";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { syncDesk } from "@/lib/sync/run";
import { resetCursors } from "@/lib/sync/state";
import { inlineSteps, type Steps } from "@/lib/sync/steps";
import { repairTicketComments } from "@/lib/sync/repair";
import { forgetPacers } from "@/lib/zendesk/pacer";
import type { SyncTuning } from "@/lib/sync/desk-client";

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
afterAll(async () => {
  await database.drop();
});
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

/** Every stored column except the ones that name the desk or the moment of writing. */
async function contents(deskId: number) {
  const tickets = await database.prisma.$queryRaw<{ row: unknown }[]>`
    SELECT to_jsonb(t) - 'id' - 'desk_id' - 'domain' - 'synced_at' - 'search_vector' AS row
    FROM zendesk_tickets t WHERE desk_id = ${deskId} ORDER BY zendesk_id`;
  const comments = await database.prisma.$queryRaw<{ row: unknown }[]>`
    SELECT to_jsonb(c) - 'id' - 'desk_id' - 'domain' - 'synced_at' - 'search_vector' AS row
    FROM zendesk_ticket_comments c WHERE desk_id = ${deskId} ORDER BY comment_id`;
  const users = await database.prisma.$queryRaw<{ row: unknown }[]>`
    SELECT to_jsonb(u) - 'id' - 'desk_id' - 'domain' - 'synced_at' AS row FROM zendesk_users u WHERE desk_id = ${deskId} ORDER BY zendesk_id`;
  return { tickets: tickets.map((r) => r.row), comments: comments.map((r) => r.row), users: users.map((r) => r.row) };
}

describe("sync recovery", () => {
  it("ends a sync killed between fetch and commit, then restarted, with the same database as an uninterrupted one", async () => {
    const reference = await addFakeDesk(await startFake());
    const crashing = await addFakeDesk(await startFake());
    await syncDesk(reference.id, { steps: inlineSteps, trigger: "cli", tuning });

    let commits = 0;
    const crash = await syncDesk(crashing.id, {
      steps: inlineSteps,
      trigger: "cli",
      tuning,
      hooks: {
        beforeCommit: () => {
          if (++commits === 3) throw new Error("killed mid-page");
        },
      },
    });
    expect(crash.error).toBe("killed mid-page");
    expect(crash.tickets).toBe(12);
    const failedRun = await database.prisma.syncRun.findFirstOrThrow({ where: { id: BigInt(crash.runId) } });
    expect(failedRun).toMatchObject({ status: "failed", error: "killed mid-page", pages: 2 });

    let commentCommits = 0;
    const crashInComments = await syncDesk(crashing.id, {
      steps: inlineSteps,
      trigger: "cli",
      tuning,
      hooks: {
        beforeCommit: (phase) => {
          if (phase === "comments" && ++commentCommits === 2) throw new Error("killed again");
        },
      },
    });
    expect(crashInComments.error).toBe("killed again");
    const resumed = await syncDesk(crashing.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(resumed.error).toBeUndefined();
    expect(resumed.caughtUp).toBe(true);
    expect(await contents(crashing.id)).toEqual(await contents(reference.id));
  });

  it("ends a process SIGKILLed mid-sync, then restarted, with the same database as an uninterrupted one", async () => {
    const reference = await addFakeDesk(await startFake());
    const fake = await startFake();
    const killed = await addFakeDesk(fake);
    await syncDesk(reference.id, { steps: inlineSteps, trigger: "cli", tuning });

    const child = spawn(process.execPath, [...TSX_NODE_ARGS, path.resolve("lib/sync/sync-child.ts")], {
      env: { PATH: process.env.PATH, ...database.childEnv, SYNC_DESK_ID: String(killed.id) } as unknown as NodeJS.ProcessEnv,
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    // Kill just after the third ticket page left the fake: the child is mapping or committing it.
    for (let i = 0; i < 400 && fake.count(/tickets\/cursor/) < 3; i++) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 5));
    child.kill("SIGKILL");
    await exited;
    expect(fake.count(/tickets\/cursor/)).toBeGreaterThanOrEqual(3);
    const desk = await database.prisma.desk.findUniqueOrThrow({ where: { id: killed.id } });
    expect(desk.lastSyncFinishedAt).toBeNull();

    const resumed = await syncDesk(killed.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(resumed.error).toBeUndefined();
    expect(await contents(killed.id)).toEqual(await contents(reference.id));
    const runs = await database.prisma.syncRun.findMany({ where: { deskId: killed.id }, orderBy: { id: "asc" } });
    expect(runs.map((r) => r.status)).toEqual(["failed", "succeeded"]);
    expect(runs[0]!.error).toMatch(/interrupted/);
  }, 20_000);

  it("sets bad items aside, counts them, and keeps the rest of the page", async () => {
    const fake = await startFake();
    fake.state.corruptTicket(4);
    const desk = await addFakeDesk(fake);
    const summary = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(summary.error).toBeUndefined();
    expect(summary.badItems).toBe(1);
    expect(summary.tickets).toBe(29);
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id, zendeskId: 4 } })).toBe(0);
    const run = await database.prisma.syncRun.findFirstOrThrow({ where: { id: BigInt(summary.runId) } });
    expect(run.badItems).toBe(1);
  });

  it("records bad credentials as a clear error on the run and the desk", async () => {
    const fake = await startFake();
    const desk = await addFakeDesk(fake, { token: "not-the-right-token" });
    const summary = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(summary.error).toMatch(/rejected the credentials \(HTTP 401\)/);
    const run = await database.prisma.syncRun.findFirstOrThrow({ where: { id: BigInt(summary.runId) } });
    expect(run).toMatchObject({ status: "failed", requests: 1 });
    expect(run.error).toMatch(/check the desk's email and API token/);
    expect(run.error).not.toContain("not-the-right-token");
    const state = await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } });
    expect(state.lastError).toBe(run.error);
    expect(state.lastSuccessAt).toBeNull();
    expect(state.lastSyncFinishedAt).not.toBeNull();
  });

  it("waits out 429s durably (a step sleep) with no early request, and stores Retry-After on the desk", async () => {
    const fake = await startFake({ rateLimit: { limit: 1000, windowMs: 1000, exportLimit: 1000 } });
    const desk = await addFakeDesk(fake);
    const sleeps: string[] = [];
    const steps: Steps = { run: inlineSteps.run, sleep: (id, ms) => (sleeps.push(id), inlineSteps.sleep(id, ms)) };
    fake.inject({ path: /incremental\/tickets/, status: 429, retryAfterSeconds: 1 });
    fake.inject({ path: /ticket_events/, status: 429, retryAfterSeconds: 1 });
    const summary = await syncDesk(desk.id, { steps, trigger: "inngest", tuning: { ...tuning, maxInlineWaitMs: 100 } });
    expect(summary.error).toBeUndefined();
    expect(summary.rateLimited).toBe(2);
    expect(summary.tickets).toBe(30);
    expect(sleeps).toEqual(["tickets-wait-0", "comments-wait-0"]);
    expect(fake.requests.some((r) => r.early)).toBe(false);
    const limited = fake.requests.findIndex((r) => r.status === 429);
    expect(fake.requests[limited + 1]!.at - fake.requests[limited]!.at).toBeGreaterThanOrEqual(1000);
    const state = await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } });
    expect(state.retryAfterUntil).not.toBeNull();
    expect(summary.requests).toBe(fake.count());
  });

  it("paces the export limit across steps that each run in a fresh process", async () => {
    const fake = await startFake({ rateLimit: { limit: 1000, exportLimit: 4, windowMs: 1000 } });
    const desk = await addFakeDesk(fake);
    const freshProcessPerStep: Steps = {
      run: (id, fn) => {
        forgetPacers();
        return fn();
      },
      sleep: inlineSteps.sleep,
    };
    const summary = await syncDesk(desk.id, {
      steps: freshProcessPerStep,
      trigger: "inngest",
      tuning: { ...tuning, pageSize: 10, windowMs: 1000, exportLimitPerWindow: 4 },
    });
    expect(summary.error).toBeUndefined();
    expect(summary.pages).toBeGreaterThan(4);
    expect(summary.rateLimited).toBe(0);
    expect(fake.requests.every((r) => r.status === 200)).toBe(true);
  });

  it("stays inside a tight per-window limit and still copies everything", async () => {
    const fake = await startFake({ rateLimit: { limit: 5, windowMs: 1000, exportLimit: 5 } });
    const desk = await addFakeDesk(fake);
    const summary = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning: { ...tuning, pageSize: 15, windowMs: 1000 } });
    expect(summary.error).toBeUndefined();
    expect(summary.rateLimited).toBeLessThanOrEqual(1);
    expect(fake.requests.some((r) => r.early)).toBe(false);
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id } })).toBe(30);
  });

  it("repairs one ticket's comments across cursor pages and skips tickets Zendesk no longer has", async () => {
    const fake = await startFake();
    const desk = await addFakeDesk(fake);
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    for (let i = 0; i < 120; i++) fake.state.addComment(2, `Antwort ${i} — ✓`);
    const before = fake.count();
    const repaired = await repairTicketComments(desk.id, 2);
    expect(repaired).toMatchObject({ ticketId: 2, notFound: false, comments: fake.state.account.comments.get(2)!.length, requests: 2 });
    expect(fake.count() - before).toBe(2);
    expect(await database.prisma.zendeskTicketComment.count({ where: { deskId: desk.id, ticketId: 2 } })).toBe(repaired.comments);
    expect(await repairTicketComments(desk.id, 99_999)).toMatchObject({ notFound: true, comments: 0 });
  });

  it("backfills from a date after resetCursors", async () => {
    const fake = await startFake();
    const desk = await addFakeDesk(fake);
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    const since = new Date(Date.parse(fake.state.order[20]!.updated_at));
    await resetCursors(desk.id, since);
    const again = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(again.tickets).toBe(fake.state.order.filter((t) => Date.parse(t.updated_at) >= since.getTime()).length);
    const exportStarts = fake.requests.filter((r) => r.path.endsWith("tickets/cursor") && r.query.start_time);
    expect(exportStarts.at(-1)!.query.start_time).toBe(String(since.getTime() / 1000));
  });
});
