import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportLimitForPlan, takeExportSlot } from "@/lib/sync/export-budget";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { TSX_NODE_ARGS } from "@/lib/testing/node-args";

let database: TestDatabase;
let fake: FakeZendesk;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({ tickets: 5, rateLimit: { limit: 1_000, exportLimit: 3, windowMs: 1_000 } });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

function exportingProcess(deskId: number, requests: number, windowMs: number): Promise<{ requests: number; rateLimited: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX_NODE_ARGS, path.resolve("lib/sync/export-budget-child.ts")], {
      env: { ...process.env, ...database.childEnv, EXPORT_DESK_ID: String(deskId), EXPORT_REQUESTS: String(requests), EXPORT_WINDOW_MS: String(windowMs) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

/** The most requests any `windowMs` span held, as the server saw them arrive. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe("the shared export budget", () => {
  it("gives out the account's limit per window, then says how long until the next slot", async () => {
    const desk = await database.prisma.desk.create({ data: { domain: "budget.zendesk.com", baseUrl: "https://budget.zendesk.com", email: "a@b.co", tokenCiphertext: "x" } });
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push(await takeExportSlot(desk.id, 3, 2_000));
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits[3]).toBeGreaterThan(1_500);
    expect(waits[3]).toBeLessThanOrEqual(2_250);
    // A higher limit (the High Volume add-on) has room at once; the window is the same.
    expect(await takeExportSlot(desk.id, 30, 2_000)).toBe(0);
  });

  it("gives exactly the limit to takers racing for slots at once", async () => {
    const desk = await database.prisma.desk.create({ data: { domain: "race.zendesk.com", baseUrl: "https://race.zendesk.com", email: "a@b.co", tokenCiphertext: "x" } });
    const waits = await Promise.all(Array.from({ length: 12 }, () => takeExportSlot(desk.id, 5, 60_000)));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    const [row] = await database.prisma.$queryRaw<{ n: number }[]>`SELECT cardinality(sent) AS n FROM export_budgets WHERE desk_id = ${desk.id}`;
    expect(row!.n).toBe(5);
  });

  it("keeps two processes together within the account's export limit", { timeout: 60_000 }, async () => {
    const desk = await addFakeDesk(fake);
    await database.prisma.desk.update({ where: { id: desk.id }, data: { exportLimitPerMinute: 3 } });
    const before = fake.requests.length;
    const results = await Promise.all([exportingProcess(desk.id, 6, 1_000), exportingProcess(desk.id, 6, 1_000)]);
    const exports = fake.requests.slice(before).filter((r) => r.path.startsWith("/api/v2/incremental/"));
    expect(exports).toHaveLength(12);
    expect(exports.every((r) => r.status === 200)).toBe(true);
    expect(results.map((r) => r.rateLimited)).toEqual([0, 0]);
    expect(busiestWindow(exports.map((r) => r.at), 1_000)).toBeLessThanOrEqual(3);
    // Sent one after the other at 3 a second: four windows at least.
    expect(exports.at(-1)!.at - exports[0]!.at).toBeGreaterThanOrEqual(3_000);
  });

  it("reads the High Volume add-on off the plan limit", () => {
    expect([exportLimitForPlan(200), exportLimitForPlan(700), exportLimitForPlan(2_500)]).toEqual([10, 10, 30]);
  });
});
