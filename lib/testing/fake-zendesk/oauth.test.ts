// Pins the fake's OAuth server to Zendesk's documented behaviour (see /work/notes/zendesk-oauth.md).
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { pkceChallenge } from "@/lib/testing/fake-zendesk/oauth";
import { FakeZendesk, type FakeZendeskOptions } from "@/lib/testing/fake-zendesk/server";

const REDIRECT = "http://localhost:3999/oauth/callback";
const CLIENTS = [
  { identifier: "zdc-server", secret: "server-secret", kind: "confidential" as const, redirectUris: [REDIRECT], userId: 5001 },
  { identifier: "zdc-browser", kind: "public" as const, redirectUris: [REDIRECT] },
  { identifier: "zdc-old", secret: "old-secret", legacy: true, redirectUris: [REDIRECT] },
];

let fake: FakeZendesk | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: FakeZendeskOptions = {}) {
  fake = await FakeZendesk.start({ tickets: 5, ...options, oauth: { clients: CLIENTS, ...options.oauth } });
  return fake;
}

const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
  fetch(`${fake!.url}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, redirect: "manual" });

const postToken = (body: Record<string, unknown>, form = false) =>
  fetch(`${fake!.url}/oauth/tokens`, {
    method: "POST",
    headers: { "content-type": form ? "application/x-www-form-urlencoded" : "application/json" },
    body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
  });

function authorizeUrl(params: Record<string, string>) {
  return `/oauth/authorizations/new?${new URLSearchParams({ response_type: "code", client_id: "zdc-browser", redirect_uri: REDIRECT, scope: "read", state: "st-1", ...params })}`;
}

async function codeFor(params: Record<string, string>) {
  const res = await get(authorizeUrl(params));
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get("location")!);
  return { location, code: location.searchParams.get("code")! };
}

const EXPORT = "/api/v2/incremental/tickets/cursor.json?start_time=0";

describe("authorization code with PKCE", () => {
  it("redirects back with code and state, and trades the code once for a working token", async () => {
    await start();
    const verifier = randomBytes(32).toString("base64url");
    const { location, code } = await codeFor({ code_challenge: pkceChallenge(verifier), code_challenge_method: "S256" });
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get("state")).toBe("st-1");

    const exchange = { grant_type: "authorization_code", code, client_id: "zdc-browser", redirect_uri: REDIRECT, code_verifier: verifier };
    const res = await postToken(exchange);
    expect(res.status).toBe(201);
    const token = await res.json();
    expect(token).toMatchObject({ token_type: "bearer", scope: "read", expires_in: 1800, refresh_token_expires_in: 2_592_000 });
    expect(token.refresh_token).toEqual(expect.any(String));
    expect((await get(EXPORT, token.access_token)).status).toBe(200);
    expect(fake!.requests.at(-1)).toMatchObject({ auth: "bearer", status: 200 });

    const again = await postToken(exchange);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: "invalid_grant", error_description: expect.stringContaining("The provided access grant is invalid, expired, or revoked") });
  });

  it("refuses a wrong code_verifier, a different redirect_uri and an expired code", async () => {
    await start({ oauth: { codeTtlSeconds: 1 } });
    const verifier = randomBytes(32).toString("base64url");
    const challenge = { code_challenge: pkceChallenge(verifier), code_challenge_method: "S256" };
    const base = { grant_type: "authorization_code", client_id: "zdc-browser", redirect_uri: REDIRECT };

    const wrong = await postToken({ ...base, code: (await codeFor(challenge)).code, code_verifier: `${verifier}x` });
    expect([wrong.status, (await wrong.json()).error]).toEqual([400, "invalid_grant"]);
    const otherUri = await postToken({ ...base, code: (await codeFor(challenge)).code, code_verifier: verifier, redirect_uri: "http://localhost:3999/other" });
    expect([otherUri.status, (await otherUri.json()).error]).toEqual([400, "invalid_grant"]);
    const { code } = await codeFor(challenge);
    await new Promise((r) => setTimeout(r, 1100));
    const late = await postToken({ ...base, code, code_verifier: verifier });
    expect([late.status, (await late.json()).error]).toEqual([400, "invalid_grant"]);
  });

  it("needs PKCE from a public client and the secret (or PKCE) from a confidential one", async () => {
    await start();
    const noPkce = await get(authorizeUrl({}));
    expect(new URL(noPkce.headers.get("location")!).searchParams.get("error")).toBe("invalid_request");

    const { code } = await codeFor({ client_id: "zdc-server" });
    const withoutSecret = await postToken({ grant_type: "authorization_code", code, client_id: "zdc-server", redirect_uri: REDIRECT });
    expect([withoutSecret.status, (await withoutSecret.json()).error]).toEqual([401, "invalid_client"]);
    const { code: code2 } = await codeFor({ client_id: "zdc-server" });
    const ok = await postToken({ grant_type: "authorization_code", code: code2, client_id: "zdc-server", client_secret: "server-secret", redirect_uri: REDIRECT }, true);
    expect(ok.status).toBe(201);
  });

  it("shows an error page, without redirecting, for an unknown client or an unregistered redirect URL", async () => {
    await start();
    for (const params of [{ client_id: "nobody" }, { redirect_uri: "http://localhost:3999/elsewhere" }] as Record<string, string>[]) {
      const res = await get(authorizeUrl(params));
      expect(res.status).toBe(400);
      expect(res.headers.get("location")).toBeNull();
      expect(await res.text()).toContain("oauth-error");
    }
  });

  it("redirects back with access_denied in deny mode", async () => {
    await start({ oauth: { consent: "deny" } });
    const res = await get(authorizeUrl({ code_challenge: pkceChallenge("v".repeat(43)), code_challenge_method: "S256" }));
    const location = new URL(res.headers.get("location")!);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      error: "access_denied",
      error_description: "The end-user or authorization server denied the request.",
      state: "st-1",
    });
  });

  it("shows an Allow/Deny page in page mode whose buttons answer like Zendesk", async () => {
    await start({ oauth: { consent: "page" } });
    const page = await get(authorizeUrl({ client_id: "zdc-server", scope: "read webhooks:write" }));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(">Allow</button>");
    expect(html).toContain("webhooks:write");
    const requestId = /name="request_id" value="([^"]+)"/.exec(html)![1]!;
    const decide = (decision: string) =>
      fetch(`${fake!.url}/oauth/authorizations`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ request_id: requestId, decision }).toString(),
        redirect: "manual",
      });
    const allowed = await decide("allow");
    expect(allowed.status).toBe(302);
    expect(new URL(allowed.headers.get("location")!).searchParams.get("code")).toEqual(expect.any(String));
    expect((await decide("allow")).status).toBe(400);
  });
});

describe("refresh tokens", () => {
  it("rotate: the old access and refresh tokens die, and reusing the old refresh token is invalid_grant", async () => {
    await start();
    const first = fake!.oauth.issueToken("zdc-server", "read");
    const refresh = { grant_type: "refresh_token", refresh_token: first.refreshToken, client_id: "zdc-server", client_secret: "server-secret" };
    const res = await postToken(refresh);
    expect(res.status).toBe(201);
    const second = await res.json();
    expect(second.refresh_token).not.toBe(first.refreshToken);
    expect((await get(EXPORT, first.accessToken)).status).toBe(401);
    expect((await get(EXPORT, second.access_token)).status).toBe(200);

    const reuse = await postToken(refresh);
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toEqual({
      error: "invalid_grant",
      error_description: "The provided access grant is invalid, expired, or revoked (e.g. invalid assertion, expired authorization token, bad end-user password credentials, or mismatching authorization code and redirection URI).",
    });
    expect(fake!.oauth.counters).toMatchObject({ refreshes: 1, refreshReuse: 1, tokenRequests: { refresh_token: 2 } });
    expect((await postToken({ ...refresh, refresh_token: second.refresh_token })).status).toBe(201);
  });

  it("expire on the configured short lifetimes", async () => {
    await start({ oauth: { accessTokenTtlSeconds: 1, refreshTokenTtlSeconds: 2 } });
    const token = fake!.oauth.issueToken("zdc-server");
    expect((await get(EXPORT, token.accessToken)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    const expired = await get(EXPORT, token.accessToken);
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(await expired.json()).toEqual({ error: "invalid_token", error_description: "The access token provided is expired, revoked, malformed or invalid for other reasons." });
    expect(fake!.oauth.counters.bearerRejected.expired).toBe(1);
    await new Promise((r) => setTimeout(r, 1000));
    const late = await postToken({ grant_type: "refresh_token", refresh_token: token.refreshToken, client_id: "zdc-server", client_secret: "server-secret" });
    expect([late.status, (await late.json()).error]).toEqual([400, "invalid_grant"]);
  });
});

describe("token endpoint", () => {
  it("gives client_credentials tokens to confidential clients only, acting as the client's admin, without a refresh token", async () => {
    await start();
    const res = await postToken({ grant_type: "client_credentials", client_id: "zdc-server", client_secret: "server-secret", scope: "read" }, true);
    expect(res.status).toBe(201);
    const token = await res.json();
    expect(token.refresh_token).toBeUndefined();
    const current = await (await get("/api/v2/oauth/tokens/current.json", token.access_token)).json();
    expect(current.token).toMatchObject({ user_id: 5001, scopes: ["read"], token: token.access_token.slice(0, 10) });

    const publicClient = await postToken({ grant_type: "client_credentials", client_id: "zdc-browser", scope: "read" });
    expect([publicClient.status, (await publicClient.json()).error]).toEqual([400, "unauthorized_client"]);
    const badSecret = await postToken({ grant_type: "client_credentials", client_id: "zdc-server", client_secret: "nope", scope: "read" });
    expect([badSecret.status, (await badSecret.json()).error]).toEqual([401, "invalid_client"]);
    const unknown = await postToken({ grant_type: "client_credentials", client_id: "who", client_secret: "x", scope: "read" });
    expect(unknown.status).toBe(401);
    expect((await postToken({ grant_type: "password", client_id: "zdc-server" })).status).toBe(400);
  });

  it("honours expires_in within the documented bounds and refuses it outside them", async () => {
    await start();
    const ask = (extra: Record<string, unknown>) => postToken({ grant_type: "client_credentials", client_id: "zdc-server", client_secret: "server-secret", scope: "read", ...extra });
    expect((await (await ask({ expires_in: 86_400 })).json()).expires_in).toBe(86_400);
    for (const expires_in of [300, 172_800]) expect((await ask({ expires_in })).status).toBe(400);
  });

  it("gives never-expiring tokens without refresh token to clients made before expiry became the default", async () => {
    await start();
    const body = await (await postToken({ grant_type: "client_credentials", client_id: "zdc-old", client_secret: "old-secret", scope: "read" })).json();
    expect(body.expires_in).toBeNull();
    const { code } = await codeFor({ client_id: "zdc-old" });
    const viaCode = await (await postToken({ grant_type: "authorization_code", code, client_id: "zdc-old", client_secret: "old-secret", redirect_uri: REDIRECT })).json();
    expect(viaCode).toMatchObject({ expires_in: null });
    expect(viaCode.refresh_token).toBeUndefined();
  });
});

describe("bearer tokens on the API", () => {
  it("are held to their scopes: users:read reads the users export and nothing else", async () => {
    await start();
    const users = fake!.oauth.issueToken("zdc-server", "users:read").accessToken;
    expect((await get("/api/v2/incremental/users/cursor.json?start_time=0", users)).status).toBe(200);
    const denied = await get(EXPORT, users);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: "Forbidden" });
    const readOnly = fake!.oauth.issueToken("zdc-server", "read").accessToken;
    const write = await fetch(`${fake!.url}/api/v2/tickets/1.json`, { method: "PUT", headers: { authorization: `Bearer ${readOnly}`, "content-type": "application/json" }, body: JSON.stringify({ ticket: { status: "open" } }) });
    expect(write.status).toBe(403);
    // Zendesk issues a token for a malformed scope; every call with it is then Forbidden.
    const malformed = fake!.oauth.issueToken("zdc-server", "read,write").accessToken;
    expect((await get(EXPORT, malformed)).status).toBe(403);
    expect(fake!.oauth.counters.forbidden).toBe(3);
  });

  it("die when revoked through the API or by revoking the grant, refresh tokens included", async () => {
    await start();
    const a = fake!.oauth.issueToken("zdc-server");
    const revoke = await fetch(`${fake!.url}/api/v2/oauth/tokens/current.json`, { method: "DELETE", headers: { authorization: `Bearer ${a.accessToken}` } });
    expect(revoke.status).toBe(204);
    expect((await get(EXPORT, a.accessToken)).status).toBe(401);
    expect(fake!.oauth.counters.bearerRejected.revoked).toBe(1);

    const b = fake!.oauth.issueToken("zdc-server");
    expect(fake!.oauth.revokeGrant("zdc-server")).toBe(1);
    expect((await get(EXPORT, b.accessToken)).status).toBe(401);
    const refresh = await postToken({ grant_type: "refresh_token", refresh_token: b.refreshToken, client_id: "zdc-server", client_secret: "server-secret" });
    expect((await refresh.json()).error).toBe("invalid_grant");
    expect((await get(EXPORT, "not-a-token")).status).toBe(401);
  });
});

describe("API tokens", () => {
  const basic = `Basic ${Buffer.from("agent@example.com/token:fake-token-0123456789").toString("base64")}`;

  it("keep working until turned off, then answer 401", async () => {
    await start();
    expect((await get(EXPORT, undefined, { authorization: basic })).status).toBe(200);
    fake!.apiTokens = false;
    const refused = await get(EXPORT, undefined, { authorization: basic });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: "Couldn't authenticate you" });
  });
});
