// Turning real-time on and off: the webhook at Zendesk (the fake's Webhooks API), its secret kept
// encrypted, the public address checked, and the whole way from a change in Zendesk to PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disableRealtime, enableRealtime, realtimeStatus, removeDesk, setExportLimit } from "@/lib/desks";
import { ForbiddenError } from "@/lib/data/errors";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { testCaller, viewer } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { startWebhookApp, type WebhookApp } from "@/lib/testing/webhook-app";
import { TICKET_EVENT_TYPES } from "@/lib/zendesk/webhooks";

let database: TestDatabase;
let fake: FakeZendesk;
let app: WebhookApp;

beforeAll(async () => {
  app = await startWebhookApp();
  database = await createTestDatabase();
  database.useEnv({ APP_URL: app.url });
  fake = await FakeZendesk.start({ seed: 51, tickets: 15, webhooks: { timeoutMs: 2_000, retryDelayMs: 10 } });
});
afterAll(async () => {
  await fake.close();
  await app.close();
  await database.drop();
});

const deskRow = (id: number) => database.prisma.desk.findUniqueOrThrow({ where: { id } });

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("real-time on and off", () => {
  it("refuses without a usable APP_URL, or for a viewer, before asking Zendesk anything", async () => {
    const desk = await addFakeDesk(fake);
    const before = fake.count();
    await expect(enableRealtime(testCaller(viewer()), desk.id)).rejects.toThrow(ForbiddenError);
    database.useEnv({});
    await expect(enableRealtime(testCaller(), desk.id)).rejects.toThrow(/^APP_URL is not set/);
    database.useEnv({ APP_URL: "http://collector.example.com" });
    await expect(enableRealtime(testCaller(), desk.id)).rejects.toThrow(/must use https:\/\/ \(plain http:\/\/ only on localhost/);
    expect((await realtimeStatus(testCaller(), desk.id)).appUrl).toMatchObject({ ok: false });
    database.useEnv({ APP_URL: "https://collector.example.com/" });
    expect(await realtimeStatus(testCaller(), desk.id)).toMatchObject({
      appUrl: { ok: true, url: "https://collector.example.com" },
      endpoint: `https://collector.example.com/api/webhooks/zendesk/${desk.id}`,
      webhookId: null,
    });
    database.useEnv({ APP_URL: app.url });
    expect(fake.count()).toBe(before);
    expect(fake.webhooks.webhooks).toHaveLength(0);
  });

  it("creates one webhook for every ticket event, keeps its secret encrypted, and Zendesk's test request gets through", async () => {
    const desk = (await database.prisma.desk.findFirstOrThrow({ where: { domain: fake.host } }));
    const outcome = await enableRealtime(testCaller(), desk.id);
    const endpoint = `${app.url}/api/webhooks/zendesk/${desk.id}`;
    expect(outcome).toEqual({ message: `Real-time is on: Zendesk sends ticket changes to ${endpoint}. Zendesk's test request got through.` });
    expect(fake.webhooks.webhooks).toHaveLength(1);
    const webhook = fake.webhooks.webhooks[0]!;
    expect(webhook).toMatchObject({ endpoint, http_method: "POST", request_format: "json", status: "active", subscriptions: TICKET_EVENT_TYPES });
    const row = await deskRow(desk.id);
    expect(row).toMatchObject({ webhookId: webhook.id, webhookEndpoint: endpoint, realtimeSince: expect.any(Date) });
    expect(row.webhookSecretCiphertext).toMatch(/^v1\./);
    const [text] = await database.prisma.$queryRaw<{ row: string }[]>`SELECT desks::text AS row FROM desks WHERE id = ${desk.id}`;
    expect(text!.row).not.toContain(webhook.signing_secret.secret);

    // On again (say APP_URL moved): the old webhook goes, one remains.
    await enableRealtime(testCaller(), desk.id);
    expect(fake.webhooks.webhooks).toHaveLength(1);
    expect(fake.webhooks.webhooks[0]!.id).not.toBe(webhook.id);
    expect((await deskRow(desk.id)).webhookId).toBe(fake.webhooks.webhooks[0]!.id);
  });

  it("brings a change made in Zendesk into PostgreSQL within a second, through the webhook alone", async () => {
    const desk = await database.prisma.desk.findFirstOrThrow({ where: { domain: fake.host } });
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning: { exportLimitPerWindow: 10_000 } });
    const exportsBefore = fake.count(/\/incremental\//);
    const changedAt = Date.now();
    fake.state.updateTicket(6, { subject: "Changed in Zendesk just now" });
    const row = await until(
      () => database.prisma.zendeskTicket.findFirstOrThrow({ where: { deskId: desk.id, zendeskId: 6 } }),
      (t) => t.subject === "Changed in Zendesk just now",
    );
    expect(row.subject).toBe("Changed in Zendesk just now");
    expect(Date.now() - changedAt).toBeLessThan(2_000);
    expect(fake.count(/\/incremental\//)).toBe(exportsBefore);
    await app.settled();
  });

  it("refuses to turn off while Zendesk cannot remove the webhook, unless told to forget it", async () => {
    const desk = await database.prisma.desk.findFirstOrThrow({ where: { domain: fake.host } });
    fake.inject({ path: /\/webhooks\//, status: 502, times: 1 });
    await expect(disableRealtime(testCaller(), desk.id)).rejects.toThrow(/Nothing changed; try again, or turn real-time off here only\.$/);
    expect((await deskRow(desk.id)).webhookId).not.toBeNull();
    expect(fake.webhooks.webhooks).toHaveLength(1);

    expect(await disableRealtime(testCaller(), desk.id)).toEqual({ message: "Real-time is off: the catch-up sync keeps the desk current." });
    expect(fake.webhooks.webhooks).toHaveLength(0);
    expect(await deskRow(desk.id)).toMatchObject({ webhookId: null, webhookEndpoint: null, webhookSecretCiphertext: null, realtimeSince: null });
    expect(await disableRealtime(testCaller(), desk.id)).toEqual({ message: "Real-time is already off." });

    await enableRealtime(testCaller(), desk.id);
    fake.inject({ path: /\/webhooks\//, status: 502, times: 1 });
    const forgotten = await disableRealtime(testCaller(), desk.id, { forget: true });
    expect(forgotten.warning).toMatch(/Remove webhook \w+ in Zendesk's Admin Center\./);
    expect((await deskRow(desk.id)).webhookId).toBeNull();
    fake.webhooks.webhooks.length = 0;
  });

  it("sets the export limit to 10 or 30 a minute only", async () => {
    const desk = await database.prisma.desk.findFirstOrThrow({ where: { domain: fake.host } });
    expect(await setExportLimit(testCaller(), desk.id, 30)).toEqual({ message: "Export limit set to 30 requests a minute." });
    expect((await deskRow(desk.id)).exportLimitPerMinute).toBe(30);
    await expect(setExportLimit(testCaller(), desk.id, 20)).rejects.toThrow(/10 or 30/);
    await expect(setExportLimit(testCaller(viewer()), desk.id, 10)).rejects.toThrow(ForbiddenError);
    expect((await deskRow(desk.id)).exportLimitPerMinute).toBe(30);
  });

  it("removes the desk's webhook at Zendesk when the desk is removed", async () => {
    const desk = await database.prisma.desk.findFirstOrThrow({ where: { domain: fake.host } });
    await enableRealtime(testCaller(), desk.id);
    expect(fake.webhooks.webhooks).toHaveLength(1);
    const outcome = await removeDesk(testCaller(), desk.id);
    expect(outcome.warning).toBeUndefined();
    expect(fake.webhooks.webhooks).toHaveLength(0);
  });
});
