import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";

const run = promisify(execFile);
let database: TestDatabase;
let fake: FakeZendesk;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({ seed: 4, tickets: 40 });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

const cli = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", path.resolve("lib/cli/index.ts"), ...args], {
    env: { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: randomBytes(32).toString("base64") },
  });

describe("sync CLI", () => {
  it("syncs until caught up with one summary line per desk, and backfill resets the cursors", async () => {
    const desk = await addFakeDesk(fake);
    const { stdout } = await cli("sync", "--once");
    expect(stdout.trim()).toMatch(new RegExp(`^${fake.host.replace(".", "\\.")}: 40 tickets, \\d+ comments, 3 requests, 0 429s, [\\d.]+ s$`));
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id } })).toBe(40);

    const backfill = await cli("desk", "backfill", String(desk.id), "--since", "2023-01-01");
    expect(backfill.stdout).toMatch(/will re-export changes since 2023-01-01T00:00:00.000Z/);
    const state = await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } });
    expect(state).toMatchObject({ ticketCursor: null, eventStartTime: null, syncSince: new Date("2023-01-01T00:00:00Z") });

    const again = await cli("sync", "--once", "--desk", fake.url);
    expect(again.stdout).toMatch(/: 40 tickets, 0 comments, 3 requests/);
  }, 30_000);

  it("refuses a missing mode before touching anything", async () => {
    const failure = await cli("sync").catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1, stderr: "error: Give exactly one of --once or --watch\n" });
  });
});
