// The webhook route's work, with the fake Zendesk delivering signed requests over HTTP to the same
// receiveZendeskWebhook the route calls: what is accepted reaches PostgreSQL, what is refused gets its
// 4xx and writes nothing.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enableRealtime, setDeskActive } from "@/lib/desks";
import { forgetWebhookDesk } from "@/lib/desks/webhook-secrets";
import { MAX_WEBHOOK_BODY_BYTES } from "@/lib/desks/webhook-receiver";
import { flushDeliveryCounts } from "@/lib/sync/realtime-counters";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { testCaller } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { FakeInngest } from "@/lib/testing/fake-inngest";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { startWebhookApp, type WebhookApp } from "@/lib/testing/webhook-app";

let database: TestDatabase;
let fake: FakeZendesk;
let app: WebhookApp;
let deskId: number;
let secret: string;

beforeAll(async () => {
  app = await startWebhookApp({ runDeferred: false });
  database = await createTestDatabase({ APP_URL: app.url });
  fake = await FakeZendesk.start({ seed: 41, tickets: 20, webhooks: { timeoutMs: 2_000, retryDelayMs: 10 } });
  const desk = await addFakeDesk(fake);
  deskId = desk.id;
  await syncDesk(deskId, { steps: inlineSteps, trigger: "cli", tuning: { exportLimitPerWindow: 10_000 } });
  await enableRealtime(testCaller(), deskId);
  secret = fake.webhooks.webhooks[0]!.signing_secret.secret;
  // The test request Zendesk sent while real-time was turned on.
  await fake.webhooks.deliveries.idle();
});
afterAll(async () => {
  await fake.close();
  await app.close();
  await database.drop();
});
beforeEach(async () => {
  await fake.webhooks.deliveries.idle();
  app.answers.length = 0;
  app.deferred.length = 0;
});

/** Everything the route may write, counted. */
async function written() {
  const [row] = await database.prisma.$queryRaw<{ queue: number; receipts: number }[]>`
    SELECT (SELECT count(*) FROM realtime_ticket_queue)::int AS queue, (SELECT count(*) FROM webhook_receipts)::int AS receipts`;
  return row!;
}

async function runDeferred(): Promise<string[]> {
  const lines: string[] = [];
  for (const work of app.deferred.splice(0)) lines.push(await work());
  return lines;
}

const subjectOf = async (ticketId: number) =>
  (await database.prisma.zendeskTicket.findFirstOrThrow({ where: { deskId, zendeskId: ticketId }, select: { subject: true } })).subject;

function signed(body: string, options: { timestamp?: string; key?: string } = {}) {
  const timestamp = options.timestamp ?? new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const signature = createHmac("sha256", options.key ?? secret).update(timestamp + body).digest("base64");
  return { "content-type": "application/json", "x-zendesk-webhook-signature": signature, "x-zendesk-webhook-signature-timestamp": timestamp };
}

const post = (path: string, body: BodyInit, headers: Record<string, string>) =>
  fetch(`${app.url}${path}`, { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("a signed delivery", () => {
  it("answers before any fetch, queues the ticket once for the events of one action, then stores Zendesk's version", async () => {
    // One action, four events: status, priority, subject and a comment.
    const comment = await fetch(`${fake.url}/api/v2/tickets/3.json`, {
      method: "PUT",
      headers: { authorization: `Basic ${Buffer.from(`${fake.email}/token:${fake.token}`).toString("base64")}`, "content-type": "application/json" },
      body: JSON.stringify({ ticket: { status: "hold", priority: "urgent", subject: "Waiting on the customer", comment: { body: "Asked for logs" } } }),
    });
    expect(comment.status).toBe(200);
    await fake.webhooks.deliveries.idle();
    expect(app.answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(await written()).toMatchObject({ queue: 1 });
    expect(await subjectOf(3)).not.toBe("Waiting on the customer");

    const before = fake.requests.length;
    const lines = await runDeferred();
    // The first delivery's work fetches; the others find nothing left.
    expect(lines.filter((l) => l.endsWith(": 1 changed ticket fetched in 2 requests"))).toHaveLength(1);
    expect(fake.requests.slice(before).map((r) => r.path)).toEqual(["/api/v2/tickets/3", "/api/v2/tickets/3/comments"]);
    expect(await subjectOf(3)).toBe("Waiting on the customer");
    const comments = await database.prisma.zendeskTicketComment.findMany({ where: { deskId, ticketId: 3 }, select: { body: true } });
    expect(comments.map((c) => c.body)).toContain("Asked for logs");
    expect(await written()).toMatchObject({ queue: 0 });
  });

  it("is answered without waiting for Zendesk: a few milliseconds on an idle machine", async () => {
    const before = fake.requests.length;
    for (let id = 1; id <= 20; id++) fake.state.updateTicket(id, { tags: [`t${id}`] });
    await fake.webhooks.deliveries.idle();
    try {
      expect(fake.requests.length).toBe(before);
      const times = app.answers.map((a) => a.ms).sort((a, b) => a - b);
      expect(times).toHaveLength(20);
      // One cached secret, one HMAC, one statement: 2-5 ms here when idle; the bound allows for a busy machine.
      expect(times[10]!).toBeLessThan(250);
    } finally {
      await runDeferred();
    }
  });

  it("refuses a bad signature, an old timestamp and a replay, with nothing written", async () => {
    const d = fake.webhooks.deliveries;
    const before = await written();
    d.tamperNext("bad-signature");
    fake.state.updateTicket(5, { subject: "Forged" });
    d.tamperNext("old-timestamp", { ageSeconds: 360 });
    fake.state.updateTicket(6, { subject: "Too old" });
    await d.idle();
    expect(app.answers.map((a) => a.status)).toEqual([401, 401]);
    expect(await written()).toEqual(before);
    expect(app.deferred).toHaveLength(0);

    d.tamperNext("replay");
    fake.state.updateTicket(7, { subject: "Sent twice" });
    await d.idle();
    expect(app.answers.map((a) => a.status)).toEqual([401, 401, 200, 409]);
    expect(await written()).toEqual({ queue: before.queue + 1, receipts: before.receipts + 1 });
    await runDeferred();
    expect([await subjectOf(5), await subjectOf(6), await subjectOf(7)]).toEqual([expect.not.stringMatching("Forged"), expect.not.stringMatching("Too old"), "Sent twice"]);

    await flushDeliveryCounts();
    const counts = await database.prisma.realtimeCounter.groupBy({ by: ["name"], where: { deskId }, _sum: { value: true } });
    expect(Object.fromEntries(counts.map((c) => [c.name, c._sum.value]))).toMatchObject({
      "delivery.refused.bad-signature": 1,
      "delivery.refused.stale-timestamp": 1,
      "delivery.refused.replay": 1,
    });
  });

  it("refuses a body over the limit, declared or streamed, before verifying anything", async () => {
    const before = await written();
    const big = "x".repeat(MAX_WEBHOOK_BODY_BYTES + 1);
    expect((await post(`/api/webhooks/zendesk/${deskId}`, big, signed(big))).status).toBe(413);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(MAX_WEBHOOK_BODY_BYTES / 4));
        controller.close();
      },
    });
    expect((await post(`/api/webhooks/zendesk/${deskId}`, chunks, signed(""))).status).toBe(413);
    expect(await written()).toEqual(before);
  });

  it("refuses a signed body that is not JSON with 400, and answers a test request without a ticket with 200", async () => {
    const before = await written();
    expect((await post(`/api/webhooks/zendesk/${deskId}`, "{not json", signed("{not json"))).status).toBe(400);
    expect(await written()).toEqual(before);
    const test = JSON.stringify({ type: "zen:event-type:webhook.test", account_id: 1 });
    const answer = await post(`/api/webhooks/zendesk/${deskId}`, test, signed(test));
    expect([answer.status, await answer.json()]).toEqual([200, { ok: true }]);
    expect(app.deferred).toHaveLength(0);
  });

  it("answers 404 for desks without real-time, reading the database once per desk id", async () => {
    const body = JSON.stringify({ subject: "zen:ticket:1" });
    for (const path of ["/api/webhooks/zendesk/abc", "/api/webhooks/zendesk/0", "/api/webhooks/zendesk/999999"]) {
      expect((await post(path, body, signed(body))).status).toBe(404);
    }
    // Desk 999999 appears with real-time on: this process still knows it as unknown, without asking again.
    const other = await database.prisma.desk.findUniqueOrThrow({ where: { id: deskId } });
    await database.prisma.desk.create({
      data: { id: 999_999, domain: "later.zendesk.com", baseUrl: "https://later.zendesk.com", email: "a@b.co", tokenCiphertext: "x", webhookSecretCiphertext: other.webhookSecretCiphertext },
    });
    expect((await post("/api/webhooks/zendesk/999999", body, signed(body))).status).toBe(404);
    forgetWebhookDesk(999_999);
    expect((await post("/api/webhooks/zendesk/999999", body, signed(body))).status).toBe(200);
    await database.prisma.desk.delete({ where: { id: 999_999 } });
    app.deferred.length = 0;
  });

  it("takes nothing for an inactive desk, and answers 200 so Zendesk does not retry", async () => {
    await setDeskActive(testCaller(), deskId, false);
    forgetWebhookDesk(deskId);
    const before = await written();
    fake.state.updateTicket(8, { subject: "While inactive" });
    await fake.webhooks.deliveries.idle();
    expect(app.answers.map((a) => a.status)).toEqual([200]);
    expect(await written()).toEqual(before);
    await setDeskActive(testCaller(), deskId, true);
    forgetWebhookDesk(deskId);
  });

  it("with Inngest configured, hands the fetch to Inngest as one event for a burst", async () => {
    const inngest = await FakeInngest.start();
    try {
      database.useEnv({ APP_URL: app.url, ...inngest.env });
      for (let id = 9; id <= 12; id++) fake.state.updateTicket(id, { subject: `Inngest ${id}` });
      await fake.webhooks.deliveries.idle();
      expect(app.answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      const lines = await runDeferred();
      expect(lines.filter((l) => l.includes("queued for Inngest"))).toHaveLength(4);
      expect(inngest.events.map((e) => ({ name: e.name, data: e.data }))).toEqual([{ name: "desk/tickets.changed", data: { deskId } }]);
      expect(await subjectOf(9)).not.toBe("Inngest 9");
    } finally {
      database.useEnv({ APP_URL: app.url });
      await inngest.close();
    }
  });
});
