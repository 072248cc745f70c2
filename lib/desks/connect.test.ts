// Connecting desks to Zendesk with OAuth through the desk use cases: "Connect with Zendesk" (PKCE)
// with forged, replayed, foreign and expired states refused; switching an API-token desk to OAuth
// with its data and cursors kept; a desk never saved active after a failed connection test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealSecret } from "@/lib/crypto";
import { completeDeskConnection, createDesk, startDeskConnection, updateDesk } from "@/lib/desks";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { admin, testCaller } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { deskCreateSchema } from "@/lib/validations/desk";

const REDIRECT = "http://127.0.0.1:3999/api/desks/oauth/callback";
const CONNECT = { clientId: "zdc-connect", clientSecret: "connect-secret-0123" };
const SERVER = { clientId: "zdc-server", clientSecret: "server-secret-0123" };

let database: TestDatabase;
let fake: FakeZendesk;
let adminId: string;
let otherAdminId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({
    seed: 9,
    tickets: 12,
    oauth: {
      clients: [
        { identifier: CONNECT.clientId, secret: CONNECT.clientSecret, redirectUris: [REDIRECT] },
        { identifier: "zdc-public", kind: "public", redirectUris: [REDIRECT] },
        { identifier: SERVER.clientId, secret: SERVER.clientSecret },
      ],
    },
  });
  const users = await Promise.all(
    ["first@example.com", "second@example.com"].map((email) => database.prisma.adminUser.create({ data: { email, passwordHash: "x", role: "admin" } })),
  );
  [adminId, otherAdminId] = users.map((u) => String(u.id)) as [string, string];
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

/** What the admin's browser does on Zendesk's page: follow it, and read where Zendesk sends them back. */
async function consent(url: string): Promise<URLSearchParams> {
  const page = await fetch(url, { redirect: "manual" });
  expect(page.status).toBe(302);
  const back = new URL(page.headers.get("location")!);
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
  return back.searchParams;
}

const answerOf = (params: URLSearchParams) => ({ state: params.get("state"), code: params.get("code"), error: params.get("error") });

describe("Connect with Zendesk", () => {
  it("moves a synced API-token desk to OAuth, keeping its rows and cursors, and refuses the same answer twice", async () => {
    const desk = await addFakeDesk(fake);
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli" });
    const before = await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } });
    expect(before.ticketCursor).not.toBeNull();
    const caller = testCaller(admin(adminId));

    const started = await startDeskConnection(caller, desk.id, { ...CONNECT, redirectUri: REDIRECT });
    const url = new URL(started.url);
    expect(url.pathname).toBe("/oauth/authorizations/new");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ response_type: "code", client_id: CONNECT.clientId, redirect_uri: REDIRECT, scope: "read webhooks:write", code_challenge_method: "S256" });
    // The verifier never leaves the server; the state is stored only as a hash.
    const pending = await database.prisma.$queryRaw<{ row: string }[]>`SELECT s::text AS row FROM desk_oauth_states s`;
    expect(pending[0]!.row).not.toContain(url.searchParams.get("state")!);
    expect(pending[0]!.row).not.toContain(CONNECT.clientSecret);
    // Until Zendesk answers, the desk still signs in as before.
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).authMethod).toBe("api_token");

    const answer = answerOf(await consent(started.url));
    expect(await completeDeskConnection(caller, answer)).toEqual({ deskId: desk.id, outcome: "connected" });
    const after = await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } });
    expect(after).toMatchObject({ authMethod: "authorization_code", oauthClientId: CONNECT.clientId, email: null, tokenCiphertext: null, reconnectReason: null });
    expect([after.ticketCursor, after.eventStartTime]).toEqual([before.ticketCursor, before.eventStartTime]);
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id } })).toBe(12);
    expect(caller.deferred).toHaveLength(1); // the first sync with the new grant
    expect(fake.oauth.counters.tokenRequests.authorization_code).toBe(1);

    // The same answer again (a replay): refused before Zendesk is asked.
    expect(await completeDeskConnection(caller, answer)).toEqual({ deskId: null, outcome: "refused" });
    expect(fake.oauth.counters.tokenRequests.authorization_code).toBe(1);

    fake.apiTokens = false;
    const summary = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli" });
    fake.apiTokens = true;
    expect(summary.error).toBeUndefined();
    expect(fake.requests.at(-1)!.auth).toBe("bearer");
  });

  it("refuses a forged state, one started by another admin, and one that expired", async () => {
    const desk = await database.prisma.desk.findFirstOrThrow({ where: { domain: fake.host } });
    const first = testCaller(admin(adminId));
    expect(await completeDeskConnection(first, { state: "forged-state", code: "some-code" })).toEqual({ deskId: null, outcome: "refused" });
    expect(await completeDeskConnection(first, { code: "some-code" })).toEqual({ deskId: null, outcome: "refused" });

    const mine = await startDeskConnection(first, desk.id, { redirectUri: REDIRECT });
    const answer = answerOf(await consent(mine.url));
    expect(await completeDeskConnection(testCaller(admin(otherAdminId)), answer)).toEqual({ deskId: desk.id, outcome: "refused" });
    // Taken once, even by the wrong admin: the right one cannot use a state that leaked either.
    expect((await completeDeskConnection(first, answer)).outcome).toBe("refused");

    const late = await startDeskConnection(first, desk.id, { redirectUri: REDIRECT });
    await database.prisma.deskOAuthState.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await completeDeskConnection(first, answerOf(await consent(late.url)))).outcome).toBe("refused");
    expect(fake.oauth.counters.tokenRequests.authorization_code).toBe(1);
  });

  it("reports a denial on Zendesk's page and a code Zendesk refuses, changing nothing", async () => {
    const desk = await database.prisma.desk.findFirstOrThrow({ where: { domain: fake.host } });
    const caller = testCaller(admin(adminId));
    const before = await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } });
    fake.oauth.consent = "deny";
    const denied = await startDeskConnection(caller, desk.id, { redirectUri: REDIRECT });
    expect(await completeDeskConnection(caller, answerOf(await consent(denied.url)))).toEqual({ deskId: desk.id, outcome: "denied", reason: "access_denied" });
    fake.oauth.consent = "auto-consent";

    const started = await startDeskConnection(caller, desk.id, { redirectUri: REDIRECT });
    const params = await consent(started.url);
    expect(await completeDeskConnection(caller, { state: params.get("state"), code: "not-the-code" })).toEqual({ deskId: desk.id, outcome: "failed", reason: "invalid_grant" });
    const after = await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } });
    expect(after.oauthAccessTokenCiphertext).toBe(before.oauthAccessTokenCiphertext);
  });

  it("connects with a public client (PKCE only, no secret), and needs a redirect URL Zendesk accepts", async () => {
    const created = await createDesk(testCaller(), deskCreateSchema.parse({ address: fake.url.replace("127.0.0.1", "localhost"), authMethod: "authorization_code", clientId: "zdc-public" }));
    const row = await database.prisma.desk.findUniqueOrThrow({ where: { id: created.desk.id } });
    expect(row.reconnectReason).toMatch(/^Not connected to Zendesk yet/);
    await expect(startDeskConnection(testCaller(), created.desk.id, { redirectUri: "http://collector.example.com/cb" })).rejects.toThrow(/only https redirect URLs/);
    // Started from the CLI: no admin is bound, any signed-in admin may finish it.
    const started = await startDeskConnection(testCaller(), created.desk.id, { redirectUri: REDIRECT });
    expect(await completeDeskConnection(testCaller(admin(otherAdminId)), answerOf(await consent(started.url)))).toMatchObject({ outcome: "connected" });
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: created.desk.id } })).reconnectReason).toBeNull();
  });
});

describe("saving credentials", () => {
  it("refuses to add a desk active when its connection test fails, unless saved anyway, inactive", async () => {
    const other = await FakeZendesk.start({ tickets: 1, oauth: { clients: [{ identifier: SERVER.clientId, secret: SERVER.clientSecret }] } });
    try {
      const typed = deskCreateSchema.parse({ address: other.url, authMethod: "client_credentials", clientId: SERVER.clientId, clientSecret: "wrong-secret-0123" });
      await expect(createDesk(testCaller(), typed, { check: true })).rejects.toMatchObject({ field: "connection", message: expect.stringMatching(/invalid_client/) });
      expect(await database.prisma.desk.count({ where: { domain: other.host } })).toBe(0);
      const saved = await createDesk(testCaller(), typed, { check: true, saveInactive: true });
      expect(saved).toMatchObject({ tested: false, desk: { active: false } });
      const good = deskCreateSchema.parse({ address: other.url.replace("127.0.0.1", "localhost"), authMethod: "client_credentials", ...SERVER });
      expect(await createDesk(testCaller(), good, { check: true })).toMatchObject({ tested: true, desk: { active: true, authMethod: "client_credentials" } });
    } finally {
      await other.close();
    }
  });

  it("switches a desk from its API token to client credentials in one step, keeping rows and cursors, after a test", async () => {
    const desk = await database.prisma.desk.findFirstOrThrow({ where: { domain: fake.host } });
    await database.prisma.desk.update({ where: { id: desk.id }, data: { authMethod: "api_token", email: fake.email, tokenCiphertext: sealSecret(fake.token), oauthClientId: null, oauthClientSecretCiphertext: null } });
    const before = await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } });
    await expect(updateDesk(testCaller(), desk.id, { credentials: { authMethod: "client_credentials", clientId: SERVER.clientId } }, { check: true })).rejects.toMatchObject({ field: "clientSecret" });
    await expect(
      updateDesk(testCaller(), desk.id, { credentials: { authMethod: "client_credentials", clientId: SERVER.clientId, clientSecret: "wrong-secret-0123" } }, { check: true }),
    ).rejects.toMatchObject({ field: "connection" });
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).authMethod).toBe("api_token");

    const outcome = await updateDesk(testCaller(), desk.id, { credentials: { authMethod: "client_credentials", ...SERVER } }, { check: true });
    expect(outcome.message).toBe("Saved: the desk now signs in with OAuth client credentials; its synced data and cursors are kept.");
    const after = await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } });
    expect(after).toMatchObject({ authMethod: "client_credentials", tokenCiphertext: null, email: null, ticketCursor: before.ticketCursor, eventStartTime: before.eventStartTime });
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id } })).toBe(12);
    // The same client again without its secret changes nothing.
    expect((await updateDesk(testCaller(), desk.id, { credentials: { authMethod: "client_credentials", clientId: SERVER.clientId } })).message).toBe("Saved.");
  });
});
