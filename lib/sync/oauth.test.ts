// Syncing desks that sign in with OAuth, against the fake Zendesk's OAuth server with API tokens
// turned off: client credentials, refresh across many short token lifetimes, two processes renewing
// one desk's token at once, and a revoked grant that stops every call for that desk only.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { requestSync, testDeskConnection } from "@/lib/desks";
import { syncDesk } from "@/lib/sync/run";
import { findDueDesks } from "@/lib/sync/state";
import { inlineSteps } from "@/lib/sync/steps";
import { testCaller } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk, connectFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk, type FakeZendeskOptions } from "@/lib/testing/fake-zendesk/server";
import { TSX_NODE_ARGS } from "@/lib/testing/node-args";
import type { SyncTuning } from "@/lib/sync/desk-client";

const run = promisify(execFile);
const tuning: SyncTuning = { pageSize: 5, backoffBaseMs: 10, timeoutMs: 5_000, exportLimitPerWindow: 10_000 };
const SERVER = { clientId: "zdc-server", clientSecret: "server-secret-0123" };
const CONNECT = { clientId: "zdc-connect", clientSecret: "connect-secret-0123" };

let database: TestDatabase;
const fakes: FakeZendesk[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function startFake(options: FakeZendeskOptions = {}) {
  const fake = await FakeZendesk.start({
    seed: 5,
    tickets: 20,
    apiTokens: false,
    ...options,
    oauth: {
      clients: [
        { identifier: SERVER.clientId, secret: SERVER.clientSecret, userId: 5001 },
        { identifier: CONNECT.clientId, secret: CONNECT.clientSecret, redirectUris: ["http://127.0.0.1:3999/api/desks/oauth/callback"] },
      ],
      ...options.oauth,
    },
  });
  fakes.push(fake);
  return fake;
}

/** Everything the database holds about desks and runs, as text, to look for secrets in. */
async function storedText(): Promise<string> {
  const rows = await database.prisma.$queryRaw<{ row: string }[]>`
    SELECT d::text AS row FROM desks d UNION ALL SELECT r::text FROM sync_runs r UNION ALL SELECT s::text FROM desk_oauth_states s`;
  return rows.map((r) => r.row).join("\n");
}

describe("an OAuth client credentials desk", () => {
  it("syncs everything with a token the app obtains itself, once, and stores no secret in plain text", async () => {
    const fake = await startFake();
    const desk = await addFakeDesk(fake, { oauth: SERVER });
    const summary = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(summary).toMatchObject({ caughtUp: true, tickets: 20 });
    expect(summary.error).toBeUndefined();
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id } })).toBe(20);
    // One token for the whole run (and every later one until it expires), every call with it.
    expect(fake.oauth.counters.tokenRequests.client_credentials).toBe(1);
    const api = fake.requests.filter((r) => r.path.startsWith("/api/"));
    expect(api.length).toBeGreaterThan(4);
    expect(api.every((r) => r.auth === "bearer" && r.status === 200)).toBe(true);
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(fake.oauth.counters.tokenRequests.client_credentials).toBe(1);

    const stored = await storedText();
    const token = fake.oauth.tokens()[0]!.accessToken;
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(SERVER.clientSecret);
    expect(stored).toContain(SERVER.clientId);
  });
});

describe("an OAuth authorization code desk", () => {
  it("keeps syncing through several access-token lifetimes, refreshing each time exactly once", async () => {
    const fake = await startFake({ tickets: 30, oauth: { accessTokenTtlSeconds: 1 } });
    const desk = await addFakeDesk(fake, { oauth: { ...CONNECT, method: "authorization_code" } });
    await connectFakeDesk(fake, desk.id, CONNECT.clientId, CONNECT.clientSecret);
    const started = Date.now();
    let pages = 0;
    const summary = await syncDesk(desk.id, {
      steps: inlineSteps,
      trigger: "cli",
      tuning: { ...tuning, pageSize: 3 },
      // A slow backfill: each page takes longer than a third of the token's life.
      hooks: {
        beforeCommit: async (phase) => {
          if (phase !== "tickets") return;
          if (++pages === 5) {
            // And one token dies before the time the app knows: only the 401 tells it.
            fake.oauth.expireAccessTokens();
            await database.prisma.desk.update({ where: { id: desk.id }, data: { oauthAccessTokenExpiresAt: new Date(Date.now() + 3_600_000) } });
          }
          await new Promise((resolve) => setTimeout(resolve, 450));
        },
      },
    });
    expect(summary.error).toBeUndefined();
    expect(summary).toMatchObject({ caughtUp: true, tickets: 30 });
    const lifetimes = (Date.now() - started) / 1000;
    expect(lifetimes).toBeGreaterThan(4);
    expect(fake.oauth.counters.refreshes).toBeGreaterThanOrEqual(4);
    expect(fake.oauth.counters.refreshReuse).toBe(0);
    expect(fake.oauth.counters.tokenErrors).toEqual({});
    expect(fake.oauth.counters.bearerRejected.expired).toBeGreaterThanOrEqual(1);
    const stored = await storedText();
    for (const token of fake.oauth.tokens()) {
      expect(stored).not.toContain(token.accessToken);
      expect(stored).not.toContain(token.refreshToken);
    }
  }, 30_000);

  it("is renewed by one of two processes that need it at the same moment, and both keep working", async () => {
    const fake = await startFake();
    const desk = await addFakeDesk(fake, { oauth: { ...CONNECT, method: "authorization_code" } });
    await connectFakeDesk(fake, desk.id, CONNECT.clientId, CONNECT.clientSecret);
    // The access token has just expired, for Zendesk and in what both processes read.
    fake.oauth.expireAccessTokens();
    await database.prisma.desk.update({ where: { id: desk.id }, data: { oauthAccessTokenExpiresAt: new Date(Date.now() - 1000) } });
    // The first refresh takes a while at Zendesk: the second process asks while it is under way.
    fake.inject({ path: /^\/oauth\/tokens$/, delayMs: 1_500 });
    const startAt = String(Date.now() + 8_000);
    const child = (ticket: number) =>
      run(process.execPath, [...TSX_NODE_ARGS, path.resolve("lib/testing/desk-request-child.ts")], {
        env: { PATH: process.env.PATH, ...database.childEnv, DESK_ID: String(desk.id), TICKET_ID: String(ticket), START_AT: startAt } as unknown as NodeJS.ProcessEnv,
        timeout: 30_000,
      });
    const results = (await Promise.all([child(1), child(2)])).map((r) => JSON.parse(r.stdout.trim()) as { ok: boolean; startedAt: number; error?: string });
    expect(results.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(results.every((r) => r.ok)).toBe(true);
    // Both asked within the first refresh's 1.5 s: without the lock the second would reuse the old refresh token.
    expect(Math.abs(results[0]!.startedAt - results[1]!.startedAt)).toBeLessThan(1_000);
    expect(fake.oauth.counters.refreshes).toBe(1);
    expect(fake.oauth.counters.refreshReuse).toBe(0);
    expect(fake.oauth.counters.tokenRequests.refresh_token).toBe(1);
    expect(fake.count(/\/tickets\/\d+\/comments/)).toBe(2);
    const row = await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } });
    expect(row.reconnectReason).toBeNull();
  }, 60_000);

  it("needs reconnecting once Zendesk refuses its refresh token: no more calls for it, while other desks go on", async () => {
    const fake = await startFake();
    const desk = await addFakeDesk(fake, { oauth: { ...CONNECT, method: "authorization_code" } });
    await connectFakeDesk(fake, desk.id, CONNECT.clientId, CONNECT.clientSecret);
    // Another desk on the same account (reached by another name), on client credentials.
    const other = await addFakeDesk(fake, { oauth: SERVER, address: fake.url.replace("127.0.0.1", "localhost") });
    expect((await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning })).error).toBeUndefined();

    // An admin removes the app's access in Zendesk: access and refresh tokens die.
    fake.oauth.revokeGrant(CONNECT.clientId);
    await database.prisma.desk.update({ where: { id: desk.id }, data: { fieldsSyncedAt: null } });
    const failed = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(failed.error).toMatch(/^Needs reconnecting: Zendesk at 127\.0\.0\.1:\d+ refused the desk's refresh token \(invalid_grant\)/);
    expect(fake.oauth.counters.tokenErrors).toEqual({ invalid_grant: 1 });
    const row = await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } });
    expect(row.reconnectReason).toMatch(/refused the desk's refresh token \(invalid_grant\)/);
    expect(row.reconnectNeededSince).not.toBeNull();

    // From here on nothing calls Zendesk for it: not the schedule, not a sync, not a test.
    const calls = fake.count();
    await database.prisma.desk.updateMany({ where: { id: { in: [desk.id, other.id] } }, data: { lastSyncFinishedAt: null } });
    const due = (await findDueDesks()).map((d) => d.id);
    expect(due).toContain(other.id);
    expect(due).not.toContain(desk.id);
    const again = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(again.error).toMatch(/^Needs reconnecting: /);
    await expect(requestSync(testCaller(), desk.id)).rejects.toThrow(/needs reconnecting before it can sync/);
    expect((await testDeskConnection(testCaller(), desk.id)).message).toMatch(/^Needs reconnecting: Zendesk at .* refused the desk's refresh token/);
    expect(fake.count()).toBe(calls);

    const otherRun = await syncDesk(other.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(otherRun).toMatchObject({ caughtUp: true, tickets: 20 });
    expect((await database.prisma.syncRun.findFirstOrThrow({ where: { id: BigInt(failed.runId) } })).error).not.toMatch(/[0-9a-f]{64}/);
  });
});
