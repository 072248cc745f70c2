// The token endpoint client and the client's auth hook against the fake Zendesk's OAuth server.
import { afterEach, describe, expect, it } from "vitest";
import { FakeZendesk, type FakeZendeskOptions } from "@/lib/testing/fake-zendesk/server";
import { ZendeskClient, type ZendeskAuth } from "@/lib/zendesk/client";
import { fetchTicketFields } from "@/lib/zendesk/endpoints";
import { ZendeskAuthError, ZendeskNetworkError, ZendeskOAuthError } from "@/lib/zendesk/errors";
import { authorizationUrl, DESK_OAUTH_SCOPE, pkcePair, redirectUriProblem, requestToken } from "@/lib/zendesk/oauth";
import { freePort } from "@/lib/testing/net";

const REDIRECT = "http://127.0.0.1:3999/api/desks/oauth/callback";
const SERVER = { clientId: "zdc-server", clientSecret: "server-secret-123" };

let fake: FakeZendesk | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: FakeZendeskOptions = {}) {
  fake = await FakeZendesk.start({
    tickets: 3,
    apiTokens: false,
    ...options,
    oauth: {
      clients: [
        { identifier: "zdc-server", secret: "server-secret-123", redirectUris: [REDIRECT], userId: 5001 },
        { identifier: "zdc-public", kind: "public", redirectUris: [REDIRECT] },
        { identifier: "zdc-narrow", secret: "narrow-secret-123", allowedScopes: ["users:read"] },
        { identifier: "zdc-old", secret: "old-secret-1234", legacy: true },
      ],
      ...options.oauth,
    },
  });
  return fake;
}

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as Error);

describe("requestToken", () => {
  it("gets a client_credentials token with the collector's scope, its expiry as an absolute time and no refresh token", async () => {
    await start();
    const before = Date.now();
    const grant = await requestToken(fake!.url, SERVER, { grant: "client_credentials" });
    expect(grant).toMatchObject({ scope: DESK_OAUTH_SCOPE, refreshToken: null, refreshExpiresAt: null });
    expect(grant.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(1_799_000);
    expect(fake!.oauth.counters.tokenRequests.client_credentials).toBe(1);
    expect(fake!.oauth.tokens()[0]!.accessToken).toBe(grant.accessToken);
  });

  it("trades a PKCE authorization code for a rotating pair, and names what went wrong when Zendesk refuses", async () => {
    await start();
    const { verifier, challenge } = pkcePair();
    const page = await fetch(authorizationUrl(fake!.url, { clientId: "zdc-public", redirectUri: REDIRECT, state: "s1", codeChallenge: challenge }), { redirect: "manual" });
    const back = new URL(page.headers.get("location")!);
    expect(back.searchParams.get("state")).toBe("s1");
    const code = back.searchParams.get("code")!;
    const client = { clientId: "zdc-public", clientSecret: null };
    const grant = await requestToken(fake!.url, client, { grant: "authorization_code", code, redirectUri: REDIRECT, codeVerifier: verifier });
    expect(grant.refreshToken).toEqual(expect.any(String));
    expect(grant.refreshExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const reused = await refusal(requestToken(fake!.url, client, { grant: "authorization_code", code, redirectUri: REDIRECT, codeVerifier: verifier }));
    expect(reused).toBeInstanceOf(ZendeskOAuthError);
    expect(reused).toMatchObject({ code: "invalid_grant", message: expect.stringContaining("refused the authorization code (invalid_grant)") });

    const renewed = await requestToken(fake!.url, client, { grant: "refresh_token", refreshToken: grant.refreshToken! });
    expect(renewed.refreshToken).not.toBe(grant.refreshToken);
    const replay = await refusal(requestToken(fake!.url, client, { grant: "refresh_token", refreshToken: grant.refreshToken! }));
    expect(replay).toMatchObject({ code: "invalid_grant", message: expect.stringContaining("Reconnect the desk with Zendesk") });
    expect(fake!.oauth.counters).toMatchObject({ refreshes: 1, refreshReuse: 1 });
  });

  it.each([
    ["a wrong secret", { clientId: "zdc-server", clientSecret: "wrong-secret-1" }, "invalid_client", /refused the OAuth client id or secret \(invalid_client\)/],
    ["an unknown client", { clientId: "nobody", clientSecret: "whatever-123" }, "invalid_client", /invalid_client/],
    ["a public client", { clientId: "zdc-public", clientSecret: null }, "unauthorized_client", /make it a confidential client/],
    ["a client whose allowed scopes lack read", { clientId: "zdc-narrow", clientSecret: "narrow-secret-123" }, "invalid_scope", /refused the scope "read webhooks:write" \(invalid_scope\)/],
  ])("refuses client credentials of %s with Zendesk's code and no secret in the message", async (_what, client, code, message) => {
    await start();
    const error = await refusal(requestToken(fake!.url, client, { grant: "client_credentials" }));
    expect(error).toBeInstanceOf(ZendeskOAuthError);
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(error!.message).not.toContain(client.clientSecret ?? "\u0000");
  });

  it("accepts a 200 as well as the documented 201, and a never-expiring token of an older client", async () => {
    await start({ oauth: { tokenStatus: 200 } });
    expect((await requestToken(fake!.url, SERVER, { grant: "client_credentials" })).accessToken).toEqual(expect.any(String));
    const old = await requestToken(fake!.url, { clientId: "zdc-old", clientSecret: "old-secret-1234" }, { grant: "client_credentials" });
    expect(old).toMatchObject({ expiresAt: null, refreshToken: null });
  });

  it("reports an unreachable token endpoint as a network error", async () => {
    const port = await freePort();
    expect(await refusal(requestToken(`http://127.0.0.1:${port}`, SERVER, { grant: "client_credentials" }))).toBeInstanceOf(ZendeskNetworkError);
  });
});

describe("redirectUriProblem", () => {
  it("allows https, and http only on localhost and 127.0.0.1, as Zendesk does", () => {
    expect(redirectUriProblem("https://collector.example.com/api/desks/oauth/callback")).toBeNull();
    expect(redirectUriProblem("http://localhost:3000/cb")).toBeNull();
    expect(redirectUriProblem("http://127.0.0.1:3000/cb")).toBeNull();
    expect(redirectUriProblem("http://collector.example.com/cb")).toMatch(/only https/);
  });
});

describe("ZendeskClient with OAuth", () => {
  /** Bearer auth that gets a new client_credentials token when asked to renew, counting renewals. */
  function bearer(baseUrl: string) {
    const state = { token: "", renewals: 0 };
    const auth: ZendeskAuth = {
      scheme: "oauth",
      identity: "oauth:zdc-server",
      async header() {
        state.token ||= (await requestToken(baseUrl, SERVER, { grant: "client_credentials" })).accessToken;
        return `Bearer ${state.token}`;
      },
      async renew() {
        state.renewals++;
        state.token = "";
      },
    };
    return { auth, state };
  }

  it("renews once on a 401 for an expired token and carries on, with no API token in sight", async () => {
    await start();
    const { auth, state } = bearer(fake!.url);
    const client = new ZendeskClient({ baseUrl: fake!.url, auth, rateLimitShare: 100 });
    await fetchTicketFields(client);
    fake!.oauth.expireAccessTokens();
    const { fields } = await fetchTicketFields(client);
    expect(fields.length).toBeGreaterThan(0);
    expect(state.renewals).toBe(1);
    expect(fake!.oauth.counters.bearerRejected.expired).toBe(1);
    expect(fake!.requests.filter((r) => r.path.startsWith("/api/")).every((r) => r.auth === "bearer" || r.status === 401)).toBe(true);
  });

  it("gives up after one renewal, and says a 403 is about scope or admin rights", async () => {
    await start();
    const stuck: ZendeskAuth = { scheme: "oauth", identity: "oauth:x", header: async () => "Bearer not-a-token", renew: async () => {} };
    const error = await refusal(fetchTicketFields(new ZendeskClient({ baseUrl: fake!.url, auth: stuck })));
    expect(error).toBeInstanceOf(ZendeskAuthError);
    expect(error!.message).toMatch(/refused the OAuth access token \(HTTP 401\) right after it was renewed/);
    expect(fake!.count(/ticket_fields/)).toBe(2);

    const usersOnly = fake!.oauth.issueToken("zdc-server", "users:read").accessToken;
    const narrow: ZendeskAuth = { scheme: "oauth", identity: "oauth:y", header: async () => `Bearer ${usersOnly}` };
    const forbidden = await refusal(fetchTicketFields(new ZendeskClient({ baseUrl: fake!.url, auth: narrow })));
    expect(forbidden).toMatchObject({ status: 403, message: expect.stringMatching(/lacks the scope this request needs \(read\), or the Zendesk user it acts for is not an admin/) });
  });
});
