import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDesk, testDeskConnection as testDeskConnectionAs, testNewConnection } from "@/lib/desks";
import type { ConnectionOptions } from "@/lib/desks/connection";
import { testCaller, viewer } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { sealSecret } from "@/lib/crypto";
import { addFakeDesk, connectFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { freePort } from "@/lib/testing/net";
import { deskCreateSchema } from "@/lib/validations/desk";

let database: TestDatabase;
let fake: FakeZendesk;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({ seed: 7, tickets: 3, rateLimit: { limit: 700 } });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

const deskAt = async (address: string, token = "some-token-123") =>
  (await createDesk(testCaller(), deskCreateSchema.parse({ address, email: "agent@example.com", token }))).desk;
const testDeskConnection = (id: number, options?: ConnectionOptions) => testDeskConnectionAs(testCaller(), id, options);
const testConnection = (credentials: { baseUrl: string; email: string; token: string }) =>
  testNewConnection(testCaller(), credentials.baseUrl, { method: "api_token", email: credentials.email, token: credentials.token });

describe("testDeskConnection", () => {
  it("reports success with the plan limit Zendesk announces, and never the token", async () => {
    const desk = await addFakeDesk(fake);
    const result = await testDeskConnection(desk.id);
    expect(result).toEqual({
      ok: true,
      planLimitPerMinute: 700,
      exportLimitPerMinute: 10,
      message: expect.stringContaining(`Connected to ${fake.host} as ${fake.email}`),
    });
    expect(result.message).toContain("plan limit 700 requests/min (incremental exports 10/min)");
    expect(result.message).toContain("The plan limit is now set on the desk. The export limit is now set on the desk.");
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).exportLimitPerMinute).toBe(10);
    expect(result.message).not.toContain(fake.token);
    expect(fake.count(/ticket_fields/)).toBe(1);
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).rateLimitPerMinute).toBe(700);
    // A limit already set (by the admin, or the previous test) is never overwritten.
    await database.prisma.desk.update({ where: { id: desk.id }, data: { rateLimitPerMinute: 300 } });
    expect((await testDeskConnection(desk.id)).message).not.toContain("now set");
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).rateLimitPerMinute).toBe(300);
  });

  it("detects the High Volume add-on's export limit from a 2,500 plan limit, unless an admin set one", async () => {
    const highVolume = await FakeZendesk.start({ tickets: 1, rateLimit: { limit: 2_500 } });
    try {
      const desk = await addFakeDesk(highVolume);
      expect(await testDeskConnection(desk.id)).toMatchObject({ ok: true, planLimitPerMinute: 2_500, exportLimitPerMinute: 30 });
      expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).exportLimitPerMinute).toBe(30);
      await database.prisma.desk.update({ where: { id: desk.id }, data: { exportLimitPerMinute: 10 } });
      await testDeskConnection(desk.id);
      expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).exportLimitPerMinute).toBe(10);
    } finally {
      await highVolume.close();
    }
  });

  it("is for admins only", async () => {
    const desk = await database.prisma.desk.findFirstOrThrow({ where: { domain: fake.host } });
    const before = fake.count();
    await expect(testDeskConnectionAs(testCaller(viewer()), desk.id)).rejects.toThrow("Only admins can test desk connections.");
    expect(fake.count()).toBe(before);
  });

  it("tests credentials that are not saved yet", async () => {
    expect(await testConnection({ baseUrl: fake.url, email: fake.email, token: fake.token })).toMatchObject({ ok: true, planLimitPerMinute: 700 });
    expect(await testConnection({ baseUrl: fake.url, email: fake.email, token: "not-the-token" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("HTTP 401"),
    });
  });

  it("reports rejected credentials as a 401", async () => {
    // Same server under another host name, since a domain holds one desk.
    const desk = await deskAt(fake.url.replace("127.0.0.1", "localhost"), "wrong-token-123");
    const result = await testDeskConnection(desk.id);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/rejected the credentials \(HTTP 401\)/);
    expect(result.message).not.toContain("wrong-token-123");
  });

  it("reports a 5xx once, without retrying", async () => {
    const desk = await database.prisma.desk.findFirstOrThrow({ where: { domain: fake.host } });
    fake.inject({ status: 502, path: /ticket_fields/ });
    const before = fake.count();
    expect(await testDeskConnection(desk.id)).toEqual({ ok: false, message: `Zendesk at ${fake.host} is failing: HTTP 502. Try again later.` });
    expect(fake.count() - before).toBe(1);
  });

  it("reports a timeout", async () => {
    const desk = await database.prisma.desk.findFirstOrThrow({ where: { domain: fake.host } });
    fake.inject({ delayMs: 1_000, path: /ticket_fields/ });
    expect(await testDeskConnection(desk.id, { timeoutMs: 200 })).toEqual({ ok: false, message: `No answer from ${fake.host} within 0.2 s (timeout).` });
  });

  it("reports an unknown host and a refused connection", async () => {
    const unknown = await deskAt("https://no-such-desk.invalid");
    expect(await testDeskConnection(unknown.id)).toEqual({
      ok: false,
      message: "Unknown host: no-such-desk.invalid does not resolve. Check the desk's address.",
    });
    const port = await freePort();
    const refused = await deskAt(`http://127.0.0.1:${port}`);
    expect(await testDeskConnection(refused.id)).toEqual({ ok: false, message: `Could not connect to 127.0.0.1:${port} (connection refused or reset).` });
  });
});

describe("testing an OAuth desk", () => {
  let oauthFake: FakeZendesk;
  const client = { clientId: "zdc-server", clientSecret: "server-secret-0123" };
  beforeAll(async () => {
    oauthFake = await FakeZendesk.start({
      seed: 8,
      tickets: 3,
      apiTokens: false,
      oauth: {
        clients: [
          { identifier: "zdc-server", secret: "server-secret-0123", userId: 5001 },
          { identifier: "zdc-public", kind: "public" },
          { identifier: "zdc-narrow", secret: "narrow-secret-0123", allowedScopes: ["users:read"] },
          { identifier: "zdc-connect", secret: "connect-secret-0123" },
        ],
      },
    });
  });
  afterAll(() => oauthFake.close());
  const testTyped = (clientId: string, clientSecret: string) => testNewConnection(testCaller(), oauthFake.url, { method: "client_credentials", clientId, clientSecret });

  it("connects with client credentials, naming the client, scope and user, and reading the incremental export", async () => {
    const result = await testTyped(client.clientId, client.clientSecret);
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining(`Connected to ${oauthFake.host} with OAuth client zdc-server (scope read webhooks:write, Zendesk user 5001)`) });
    expect(result.message).toContain("the incremental ticket export readable");
    expect(oauthFake.count(/incremental\/tickets/)).toBe(1);
    expect(result.message).not.toContain(client.clientSecret);
  });

  it("names each failure: bad client id or secret, a client that may not use client credentials, a scope the client may not have", async () => {
    expect((await testTyped("zdc-server", "not-the-secret")).message).toMatch(/refused the OAuth client id or secret \(invalid_client\)/);
    expect((await testTyped("nobody", "not-the-secret")).message).toMatch(/invalid_client/);
    expect((await testTyped("zdc-public", "no-secret-here")).message).toMatch(/\(unauthorized_client\): make it a confidential client/);
    expect((await testTyped("zdc-narrow", "narrow-secret-0123")).message).toMatch(/refused the scope "read webhooks:write" \(invalid_scope\)/);
  });

  it("names a token whose scope cannot read tickets, and an account whose exports the user may not read", async () => {
    const desk = await addFakeDesk(oauthFake, { oauth: { clientId: "zdc-connect", clientSecret: "connect-secret-0123", method: "authorization_code" } });
    const issued = await connectFakeDesk(oauthFake, desk.id, "zdc-connect", "connect-secret-0123");
    // Zendesk issues a token for a scope the client never meant to allow; the token then reads nothing.
    oauthFake.oauth.revokeToken(issued.accessToken);
    const narrow = oauthFake.oauth.issueToken("zdc-connect", "users:read");
    await database.prisma.desk.update({ where: { id: desk.id }, data: { oauthAccessTokenCiphertext: sealSecret(narrow.accessToken), oauthRefreshTokenCiphertext: sealSecret(narrow.refreshToken!) } });
    expect((await testDeskConnection(desk.id)).message).toMatch(/but the token's scope is "users:read": the collector needs read/);

    await connectFakeDesk(oauthFake, desk.id, "zdc-connect", "connect-secret-0123");
    oauthFake.inject({ path: /incremental\/tickets/, status: 403, json: true });
    expect(await testDeskConnection(desk.id)).toEqual({
      ok: false,
      message: `Zendesk at ${oauthFake.host} refused the incremental ticket export (HTTP 403): the credentials work, but the Zendesk user they act for must be an admin, with the read scope for OAuth.`,
    });
    expect((await testDeskConnection(desk.id)).ok).toBe(true);
  });

  it("names a revoked grant, marks the desk needs reconnecting, and then calls Zendesk no more", async () => {
    const desk = await database.prisma.desk.findFirstOrThrow({ where: { domain: oauthFake.host } });
    oauthFake.oauth.revokeGrant("zdc-connect");
    const result = await testDeskConnection(desk.id);
    expect(result.message).toMatch(/^Needs reconnecting: Zendesk at .* refused the desk's refresh token \(invalid_grant\)/);
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).reconnectReason).toMatch(/invalid_grant/);
    const calls = oauthFake.count();
    expect((await testDeskConnection(desk.id)).message).toBe(result.message);
    expect(oauthFake.count()).toBe(calls);
  });
});
