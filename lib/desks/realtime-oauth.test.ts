// Real time for a desk that signs in with OAuth (no API tokens at this Zendesk): the webhook is set up
// with the desk's Bearer token, a changed ticket is fetched with it after it was renewed, and a token
// without the webhooks:write scope is refused in words that say so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealSecret } from "@/lib/crypto";
import { enableRealtime } from "@/lib/desks";
import { storeAuthorizationGrant } from "@/lib/sync/desk-tokens";
import { syncDesk } from "@/lib/sync/run";
import { markReconnectNeeded } from "@/lib/sync/state";
import { inlineSteps } from "@/lib/sync/steps";
import { fetchQueuedTickets } from "@/lib/sync/ticket-fetch";
import { queueTicket } from "@/lib/sync/ticket-queue";
import { testCaller } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk, connectFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { startWebhookApp, type WebhookApp } from "@/lib/testing/webhook-app";

const CONNECT = { clientId: "zdc-connect", clientSecret: "connect-secret" };
let database: TestDatabase;
let app: WebhookApp;
const fakes: FakeZendesk[] = [];

beforeAll(async () => {
  app = await startWebhookApp();
  database = await createTestDatabase();
  database.useEnv({ APP_URL: app.url });
});
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  await app.close();
  await database.drop();
});

async function oauthDesk(seed: number) {
  const fake = await FakeZendesk.start({
    seed,
    tickets: 10,
    apiTokens: false,
    webhooks: { timeoutMs: 2_000, retryDelayMs: 10 },
    oauth: { clients: [{ identifier: CONNECT.clientId, secret: CONNECT.clientSecret, redirectUris: ["http://127.0.0.1:3999/api/desks/oauth/callback"] }] },
  });
  fakes.push(fake);
  const desk = await addFakeDesk(fake, { oauth: { ...CONNECT, method: "authorization_code" } });
  return { fake, desk };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("real time on an OAuth desk", () => {
  it("sets the webhook up with the desk's token and fetches a changed ticket with the renewed one", async () => {
    const { fake, desk } = await oauthDesk(61);
    await connectFakeDesk(fake, desk.id, CONNECT.clientId, CONNECT.clientSecret);
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning: { exportLimitPerWindow: 10_000 } });

    const from = fake.requests.length;
    const outcome = await enableRealtime(testCaller(), desk.id);
    expect(outcome.message).toMatch(/^Real-time is on/);
    expect(fake.webhooks.webhooks).toHaveLength(1);
    const setup = fake.requests.slice(from).filter((r) => r.path.startsWith("/api/v2/webhooks"));
    expect(setup.length).toBeGreaterThan(0);
    expect(setup.every((r) => r.auth === "bearer" && r.status < 400)).toBe(true);

    // The access token dies (Zendesk's 401 answers it); the fetch renews it once and goes on.
    fake.oauth.expireAccessTokens();
    const refreshes = fake.oauth.counters.refreshes;
    fake.state.updateTicket(3, { subject: "Changed while the token expired" });
    const row = await until(
      () => database.prisma.zendeskTicket.findFirstOrThrow({ where: { deskId: desk.id, zendeskId: 3 } }),
      (t) => t.subject === "Changed while the token expired",
    );
    expect(row.subject).toBe("Changed while the token expired");
    await app.settled();
    expect(fake.oauth.counters.refreshes).toBe(refreshes + 1);
    expect(fake.requests.slice(from).some((r) => r.path.startsWith("/api/v2/tickets/") && r.auth === "bearer" && r.status === 200)).toBe(true);
  });

  it("says the token lacks webhooks:write when Zendesk refuses the webhook for its scope", async () => {
    const { fake, desk } = await oauthDesk(62);
    // A grant from before the client allowed webhooks: read alone.
    const issued = fake.oauth.issueToken(CONNECT.clientId, "read");
    await storeAuthorizationGrant(
      desk.id,
      { clientId: CONNECT.clientId, clientSecretCiphertext: sealSecret(CONNECT.clientSecret) },
      { accessToken: issued.accessToken, refreshToken: issued.refreshToken, scope: "read", issuedAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000), refreshExpiresAt: null },
    );
    await expect(enableRealtime(testCaller(), desk.id)).rejects.toThrow(/HTTP 403.*webhooks:write scope/);
    expect(fake.webhooks.webhooks).toHaveLength(0);
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).webhookId).toBeNull();
  });

  it("asks Zendesk nothing for a desk that needs reconnecting, and keeps its queue for the sync after", async () => {
    const { fake, desk } = await oauthDesk(63);
    await connectFakeDesk(fake, desk.id, CONNECT.clientId, CONNECT.clientSecret);
    await queueTicket(desk.id, 4, false);
    await markReconnectNeeded(desk.id, "Zendesk refused the refresh token (invalid_grant)");
    const before = fake.requests.length;
    expect(await fetchQueuedTickets(desk.id, { timing: { debounceMs: 0, maxDelayMs: 0 } })).toEqual({ kind: "inactive" });
    expect(fake.requests.length).toBe(before);
    expect(await database.prisma.realtimeTicketQueue.count({ where: { deskId: desk.id } })).toBe(1);
  });
});
