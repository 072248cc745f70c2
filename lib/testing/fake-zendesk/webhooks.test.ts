// Pins the fake's Webhooks API and signed deliveries to Zendesk's docs (see /work/notes/zendesk-webhooks.md).
import { createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startReceiver, type Received, type Receiver } from "@/lib/testing/fake-zendesk/receiver";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

const BASIC = `Basic ${Buffer.from("agent@example.com/token:fake-token-0123456789").toString("base64")}`;

let fake: FakeZendesk;
let receiver: Receiver;
beforeEach(async () => {
  fake = await FakeZendesk.start({ tickets: 8, webhooks: { timeoutMs: 500, retryDelayMs: 10 } });
  receiver = await startReceiver();
});
afterEach(async () => {
  await fake.close();
  await receiver.close();
});

const api = (method: string, path: string, body?: unknown) =>
  fetch(`${fake.url}${path}`, { method, headers: { authorization: BASIC, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

const STATUS = "zen:event-type:ticket.status_changed";
const COMMENT = "zen:event-type:ticket.comment_added";

async function createWebhook(subscriptions = [STATUS, COMMENT], extra: Record<string, unknown> = {}) {
  const res = await api("POST", "/api/v2/webhooks", {
    webhook: { name: "Collector", endpoint: `${receiver.url}/zendesk/webhook`, http_method: "POST", request_format: "json", status: "active", subscriptions, ...extra },
  });
  expect(res.status).toBe(201);
  return (await res.json()).webhook as { id: string };
}

async function secretOf(id: string): Promise<string> {
  const res = await api("GET", `/api/v2/webhooks/${id}/signing_secret`);
  const body = await res.json();
  expect(body.signing_secret.algorithm).toBe("SHA256");
  return body.signing_secret.secret;
}

const verifies = (r: Received, secret: string) =>
  createHmac("sha256", secret).update(String(r.headers["x-zendesk-webhook-signature-timestamp"]) + r.body).digest("base64") === r.headers["x-zendesk-webhook-signature"];

describe("webhooks API", () => {
  it("creates, shows, lists, updates and deletes webhooks with the documented shapes", async () => {
    const created = await createWebhook();
    expect(created).toMatchObject({ name: "Collector", status: "active", http_method: "POST", request_format: "json", subscriptions: [STATUS, COMMENT], created_by: "5000" });
    expect(created.id).toMatch(/^01[0-9A-Z]{24}$/);
    expect(created).not.toHaveProperty("signing_secret");

    expect((await (await api("GET", `/api/v2/webhooks/${created.id}`)).json()).webhook.id).toBe(created.id);
    const list = await (await api("GET", "/api/v2/webhooks?filter[status]=active")).json();
    expect(list).toMatchObject({ webhooks: [{ id: created.id }], meta: { has_more: false }, links: { next: null } });

    const patched = await api("PATCH", `/api/v2/webhooks/${created.id}`, { webhook: { status: "inactive" } });
    expect(patched.status).toBe(204);
    expect((await (await api("GET", `/api/v2/webhooks/${created.id}.json`)).json()).webhook.status).toBe("inactive");

    expect((await api("DELETE", `/api/v2/webhooks/${created.id}`)).status).toBe(204);
    expect((await api("GET", `/api/v2/webhooks/${created.id}`)).status).toBe(404);
  });

  it("refuses event subscriptions that don't POST json, unknown event types and missing fields", async () => {
    const bad = async (webhook: Record<string, unknown>) => {
      const res = await api("POST", "/api/v2/webhooks", { webhook: { name: "x", endpoint: receiver.url, http_method: "POST", request_format: "json", status: "active", ...webhook } });
      expect(res.status).toBe(400);
      expect((await res.json()).errors[0]).toMatchObject({ title: expect.any(String) });
    };
    await bad({ subscriptions: [STATUS], http_method: "GET" });
    await bad({ subscriptions: ["zen:event-type:ticket.updated"] });
    await bad({ subscriptions: ["conditional_ticket_events", STATUS] });
    await bad({ endpoint: undefined });
    expect(fake.webhooks.webhooks).toHaveLength(0);
  });

  it("needs webhooks:write on a Bearer token", async () => {
    const client = { identifier: "c", secret: "s", redirectUris: [] };
    fake.oauth.addClient(client);
    const create = (token: string) =>
      fetch(`${fake.url}/api/v2/webhooks`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ webhook: { name: "x", endpoint: receiver.url, http_method: "POST", request_format: "json", status: "active", subscriptions: [STATUS] } }),
      });
    expect((await create(fake.oauth.issueToken("c", "read").accessToken)).status).toBe(403);
    expect((await create(fake.oauth.issueToken("c", "read webhooks:write").accessToken)).status).toBe(201);
  });
});

describe("deliveries", () => {
  it("sends each ticket change, made through the API or the state, signed with the secret from the signing-secret endpoint", async () => {
    const { id } = await createWebhook();
    const secret = await secretOf(id);
    expect((await api("PUT", "/api/v2/tickets/2.json", { ticket: { status: "solved", comment: { body: "Fixed", public: true } } })).status).toBe(200);
    fake.state.addComment(3, "From the state");
    const [status, comment, other] = await receiver.waitFor(3);

    for (const r of [status!, comment!, other!]) {
      expect(r.method).toBe("POST");
      expect(verifies(r, secret)).toBe(true);
      expect(r.headers).toMatchObject({ "x-zendesk-webhook-id": id, "x-zendesk-account-id": "1234567", "user-agent": "Zendesk Webhook", "content-type": "application/json; charset=utf-8" });
      expect(r.headers["x-zendesk-webhook-invocation-id"]).toMatch(/^\d+$/);
      expect(r.headers["x-zendesk-webhook-signature-timestamp"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    const payload = JSON.parse(status!.body);
    expect(payload).toMatchObject({
      type: STATUS,
      account_id: 1234567,
      subject: "zen:ticket:2",
      zendesk_event_version: "2022-11-06",
      detail: { id: "2", status: "SOLVED" },
      event: { current: "SOLVED", meta: { sequence: { position: 1 } } },
    });
    expect(payload.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(comment!.body)).toMatchObject({ type: COMMENT, subject: "zen:ticket:2", event: { comment: { body: "Fixed", is_public: true } } });
    expect(JSON.parse(other!.body)).toMatchObject({ type: COMMENT, subject: "zen:ticket:3", event: { comment: { body: "From the state" } } });
    await fake.webhooks.deliveries.idle();
    expect(fake.webhooks.deliveries.log.map((a) => a.status)).toEqual([200, 200, 200]);
  });

  it("signs with the new secret after a reset", async () => {
    const { id } = await createWebhook([STATUS]);
    const old = await secretOf(id);
    const reset = await api("POST", `/api/v2/webhooks/${id}/signing_secret`);
    expect(reset.status).toBe(201);
    const fresh = (await reset.json()).signing_secret.secret;
    expect(fresh).not.toBe(old);
    fake.state.updateTicket(1, { status: "pending" });
    const [r] = await receiver.waitFor(1);
    expect(JSON.parse(r!.body).event).toMatchObject({ previous: "NEW", current: "PENDING" });
    expect([verifies(r!, fresh), verifies(r!, old)]).toEqual([true, false]);
  });

  it("sends created and soft_deleted events, and nothing to inactive, trigger-connected or unsubscribed webhooks", async () => {
    await createWebhook(["zen:event-type:ticket.created", "zen:event-type:ticket.soft_deleted"]);
    await createWebhook([STATUS], { status: "inactive" });
    await createWebhook(["conditional_ticket_events"]);
    const ticket = fake.state.createTicket({ subject: "New" });
    fake.state.updateTicket(ticket.id, { status: "open" });
    fake.state.deleteTicket(ticket.id);
    await fake.webhooks.deliveries.idle();
    expect(receiver.received.map((r) => JSON.parse(r.body).type)).toEqual(["zen:event-type:ticket.created", "zen:event-type:ticket.soft_deleted"]);
  });

  it("can be paused and flushed", async () => {
    await createWebhook([STATUS]);
    fake.webhooks.deliveries.pause();
    fake.state.updateTicket(1, { status: "hold" });
    fake.state.updateTicket(2, { status: "hold" });
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received).toHaveLength(0);
    expect(fake.webhooks.deliveries.queued).toBe(2);
    await fake.webhooks.deliveries.flush();
    expect(receiver.received.map((r) => JSON.parse(r.body).subject)).toEqual(["zen:ticket:1", "zen:ticket:2"]);
  });

  it("tampers on request: a bad signature, an old timestamp, a replay of the same invocation", async () => {
    const { id } = await createWebhook([STATUS]);
    const secret = await secretOf(id);
    const d = fake.webhooks.deliveries;
    d.tamperNext("bad-signature");
    fake.state.updateTicket(1, { status: "hold" });
    d.tamperNext("old-timestamp", { ageSeconds: 900 });
    fake.state.updateTicket(2, { status: "hold" });
    d.tamperNext("replay");
    fake.state.updateTicket(3, { status: "hold" });
    const [bad, old, first, replayed] = await receiver.waitFor(4);
    expect(verifies(bad!, secret)).toBe(false);
    expect(verifies(old!, secret)).toBe(true);
    const age = Date.now() / 1000 - Date.parse(String(old!.headers["x-zendesk-webhook-signature-timestamp"])) / 1000;
    expect(age).toBeGreaterThanOrEqual(899);
    expect(replayed!.body).toBe(first!.body);
    expect(replayed!.headers["x-zendesk-webhook-invocation-id"]).toBe(first!.headers["x-zendesk-webhook-invocation-id"]);
    expect(verifies(replayed!, secret)).toBe(true);
    await d.idle();
    expect(d.log.map((a) => a.tamper)).toEqual(["bad-signature", "old-timestamp", "replay", "replayed"]);
  });

  it("retries 409 up to 3 times and 429 with a short Retry-After, but not 500, logging each answer", async () => {
    await createWebhook([STATUS]);
    const answers: (number | [number, Record<string, string>])[] = [409, 409, 409, 409, [429, { "retry-after": "0" }], 200, 500];
    receiver.answer = (n) => answers[n] ?? 200;
    fake.state.updateTicket(1, { status: "hold" });
    fake.state.updateTicket(2, { status: "hold" });
    fake.state.updateTicket(3, { status: "hold" });
    await receiver.waitFor(7);
    await fake.webhooks.deliveries.idle();
    expect(fake.webhooks.deliveries.log.map((a) => [a.ticketId, a.attempt, a.status])).toEqual([
      [1, 1, 409], [1, 2, 409], [1, 3, 409], [1, 4, 409],
      [2, 1, 429], [2, 2, 200],
      [3, 1, 500],
    ]);
  });

  it("logs a timeout when the receiver is too slow", async () => {
    await createWebhook([STATUS]);
    const slow = await startReceiverThatHangs();
    fake.webhooks.webhooks[0]!.endpoint = slow.url;
    fake.state.updateTicket(1, { status: "hold" });
    const deadline = Date.now() + 5_000;
    while (!fake.webhooks.deliveries.log.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(fake.webhooks.deliveries.log[0]).toMatchObject({ attempt: 1, status: "timeout" });
    fake.webhooks.deliveries.stop();
    await slow.close();
  });

  it("sends a test request signed with the webhook's secret through POST /api/v2/webhooks/test", async () => {
    const { id } = await createWebhook([STATUS]);
    const res = await api("POST", `/api/v2/webhooks/test?webhook_id=${id}`, { webhook: { endpoint: `${receiver.url}/test` } });
    expect(res.status).toBe(200);
    expect((await res.json()).response.status).toBe(200);
    const [r] = await receiver.waitFor(1);
    expect(r!.path).toBe("/test");
    expect(verifies(r!, await secretOf(id))).toBe(true);
  });
});

async function startReceiverThatHangs() {
  const { createServer } = await import("node:http");
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
