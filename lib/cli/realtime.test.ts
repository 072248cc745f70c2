// `desk realtime …` as an admin runs it: a child process, its output and exit code, and the webhook
// it leaves at the (fake) Zendesk.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { TSX_NODE_ARGS } from "@/lib/testing/node-args";
import { startWebhookApp, type WebhookApp } from "@/lib/testing/webhook-app";

const run = promisify(execFile);
let database: TestDatabase;
let fake: FakeZendesk;
let app: WebhookApp;

beforeAll(async () => {
  app = await startWebhookApp();
  database = await createTestDatabase();
  database.useEnv({ APP_URL: app.url });
  fake = await FakeZendesk.start({ seed: 71, tickets: 3, webhooks: { timeoutMs: 5_000 } });
});
afterAll(async () => {
  await fake.close();
  await app.close();
  await database.drop();
});

async function cli(args: string[], env: Record<string, string> = { APP_URL: app.url }) {
  try {
    const { stdout, stderr } = await run(process.execPath, [...TSX_NODE_ARGS, path.resolve("lib/cli/index.ts"), "desk", "realtime", ...args], {
      env: { PATH: process.env.PATH, ...database.childEnv, ...env } as unknown as NodeJS.ProcessEnv,
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("desk realtime", () => {
  it("turns real-time on and off and shows it", { timeout: 120_000 }, async () => {
    const desk = await addFakeDesk(fake);
    const endpoint = `${app.url}/api/webhooks/zendesk/${desk.id}`;
    const on = await cli(["on", String(desk.id)]);
    expect(on).toMatchObject({ code: 0, stdout: `Real-time is on: Zendesk sends ticket changes to ${endpoint}. Zendesk's test request got through.\n` });
    expect(fake.webhooks.webhooks.map((w) => w.endpoint)).toEqual([endpoint]);

    const status = await cli(["status", fake.host, "--json"]);
    expect(JSON.parse(status.stdout)).toMatchObject({ realtime: "on", webhook: fake.webhooks.webhooks[0]!.id, delivers_to: endpoint, export_limit: "10/min (assumed)" });
    expect(status.stdout).not.toContain(fake.webhooks.webhooks[0]!.signing_secret.secret);

    expect(await cli(["export-limit", String(desk.id), "30"])).toMatchObject({ code: 0, stdout: "Export limit set to 30 requests a minute.\n" });
    expect(await cli(["off", String(desk.id)])).toMatchObject({ code: 0, stdout: "Real-time is off: the catch-up sync keeps the desk current.\n" });
    expect(fake.webhooks.webhooks).toHaveLength(0);
  });

  it("fails with one line and changes nothing on bad input or without APP_URL", { timeout: 120_000 }, async () => {
    const desk = await database.prisma.desk.findFirstOrThrow();
    expect(await cli(["export-limit", String(desk.id), "25"])).toMatchObject({ code: 1, stderr: "error: <perMinute>: give 10 or 30 (30 with Zendesk's High Volume API add-on)\n" });
    const noUrl = await cli(["on", String(desk.id)], {});
    expect(noUrl.code).toBe(1);
    expect(noUrl.stderr).toMatch(/^error: APP_URL is not set: .*\n$/);
    expect(await cli(["on", "nosuch"])).toMatchObject({ code: 1, stderr: "error: No desk nosuch\n" });
    expect(fake.webhooks.webhooks).toHaveLength(0);
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).exportLimitPerMinute).toBe(30);
  });
});
