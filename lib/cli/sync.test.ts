import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TSX_NODE_ARGS } from "@/lib/testing/node-args";
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
  run(process.execPath, [...TSX_NODE_ARGS, path.resolve("lib/cli/index.ts"), ...args], {
    env: { PATH: process.env.PATH, ...database.childEnv } as unknown as NodeJS.ProcessEnv,
  });

describe("sync CLI", () => {
  it("syncs until caught up with one summary line per desk, and a backfill exports again from its date", async () => {
    const desk = await addFakeDesk(fake);
    // Three syncs of four exports each within a minute: more than the 10 a minute of a plain account,
    // which every process shares (the third would wait), so this account has the High Volume add-on.
    await database.prisma.desk.update({ where: { id: desk.id }, data: { exportLimitPerMinute: 30 } });
    const { stdout } = await cli("sync", "--once");
    expect(stdout.trim()).toMatch(new RegExp(`^${fake.host.replace(".", "\\.")}: 40 tickets, \\d+ comments, 5 requests, 0 429s, [\\d.]+ s$`));
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id } })).toBe(40);

    // Without Inngest, a backfill resets the cursors and runs the re-export in the foreground.
    const backfill = await cli("desk", "backfill", String(desk.id), "--since", "2023-01-01");
    expect(backfill.stdout.trim().split("\n")).toEqual([
      "Backfill from 2023-01-01 started: every ticket changed since then is exported again.",
      expect.stringMatching(new RegExp(`^${fake.host.replace(".", "\\.")}: 40 tickets, 0 comments, \\d+ requests`)),
    ]);
    const state = await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } });
    expect(state).toMatchObject({ ticketCursor: expect.any(String), syncSince: new Date("2023-01-01T00:00:00Z") });

    const again = await cli("sync", "--once", "--desk", fake.url);
    expect(again.stdout).toMatch(/: 0 tickets, 0 comments, 5 requests/);
  }, 30_000);

  it("refuses a missing mode before touching anything", async () => {
    const failure = await cli("sync").catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1, stderr: "error: Give exactly one of --once or --watch\n" });
  });
});
