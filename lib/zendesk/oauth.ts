// Zendesk's OAuth endpoints as documented (developer.zendesk.com, "OAuth Tokens for Grant Types"):
// POST /oauth/tokens with a JSON body for the client_credentials, refresh_token and authorization_code
// grants, and the authorization page with PKCE (S256). Answers are parsed with zod; a refusal becomes
// a ZendeskOAuthError carrying Zendesk's error code and words that say what to fix. No secret, token,
// code or verifier ever appears in an error.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { ZendeskNetworkError, ZendeskOAuthError, ZendeskRequestError, ZendeskTimeoutError } from "@/lib/zendesk/errors";

/** What the collector asks for: every GET (exports, fields, comments), and managing its own webhook. */
export const DESK_OAUTH_SCOPE = "read webhooks:write";

export type OAuthClient = { clientId: string; clientSecret: string | null };

type GrantType = "client_credentials" | "refresh_token" | "authorization_code";

export type GrantRequest =
  | { grant: "client_credentials"; scope?: string }
  | { grant: "refresh_token"; refreshToken: string }
  | { grant: "authorization_code"; code: string; redirectUri: string; codeVerifier: string };

/** A token as Zendesk issued it; times are absolute so any process can judge them. */
export type TokenGrant = {
  accessToken: string;
  scope: string | null;
  issuedAt: Date;
  /** null: the token never expires (clients created before 2026-04-30 that asked for no expiry). */
  expiresAt: Date | null;
  refreshToken: string | null;
  refreshExpiresAt: Date | null;
};

const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  scope: z.string().nullish(),
  expires_in: z.number().positive().nullish(),
  refresh_token: z.string().min(1).nullish(),
  refresh_token_expires_in: z.number().positive().nullish(),
});

const errorSchema = z.object({ error: z.string(), error_description: z.string().nullish() });

export type TokenRequestOptions = { timeoutMs?: number };

/**
 * One token request. Refresh tokens and codes are single use, so a request that may have reached
 * Zendesk is never sent twice; a client_credentials request is retried once after a network failure.
 */
export async function requestToken(baseUrl: string, client: OAuthClient, request: GrantRequest, options: TokenRequestOptions = {}): Promise<TokenGrant> {
  const origin = new URL(baseUrl).origin;
  const host = new URL(baseUrl).host;
  const body: Record<string, string> = { grant_type: request.grant, client_id: client.clientId };
  if (client.clientSecret) body.client_secret = client.clientSecret;
  if (request.grant === "client_credentials") body.scope = request.scope ?? DESK_OAUTH_SCOPE;
  if (request.grant === "refresh_token") body.refresh_token = request.refreshToken;
  if (request.grant === "authorization_code") Object.assign(body, { code: request.code, redirect_uri: request.redirectUri, code_verifier: request.codeVerifier });

  const attempts = request.grant === "client_credentials" ? 2 : 1;
  const timeoutMs = options.timeoutMs ?? 30_000;
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    let text: string;
    const issuedAt = new Date();
    try {
      response = await fetch(`${origin}/oauth/tokens`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      if (attempt < attempts) continue;
      const Failure = timedOut ? ZendeskTimeoutError : ZendeskNetworkError;
      throw new Failure(`${timedOut ? "Timed out" : "Network error"} asking ${host} for an OAuth token`);
    }
    const json = parseJson(text);
    if (response.ok) {
      const parsed = tokenSchema.safeParse(json);
      if (!parsed.success) throw new ZendeskRequestError(`Unexpected answer from ${host}/oauth/tokens: no access token in it`, response.status);
      return grantOf(parsed.data, issuedAt);
    }
    const refusal = errorSchema.safeParse(json);
    if (refusal.success && response.status < 500) {
      const scope = request.grant === "client_credentials" ? body.scope! : DESK_OAUTH_SCOPE;
      throw new ZendeskOAuthError(refusal.data.error, response.status, host, explain(refusal.data.error, request.grant, host, scope, refusal.data.error_description));
    }
    if (response.status >= 500 && attempt < attempts) continue;
    throw new ZendeskRequestError(`Zendesk at ${host} answered the token request with HTTP ${response.status}`, response.status);
  }
}

function grantOf(token: z.infer<typeof tokenSchema>, issuedAt: Date): TokenGrant {
  const after = (seconds: number | null | undefined) => (seconds ? new Date(issuedAt.getTime() + seconds * 1000) : null);
  return {
    accessToken: token.access_token,
    scope: token.scope ?? null,
    issuedAt,
    expiresAt: after(token.expires_in),
    refreshToken: token.refresh_token ?? null,
    refreshExpiresAt: token.refresh_token ? after(token.refresh_token_expires_in) : null,
  };
}

const ADMIN_CENTER = "Admin Center → Apps and integrations → APIs → OAuth clients";

/** What the person fixing the desk should do, by Zendesk's OAuth error code. */
function explain(code: string, grant: GrantType, host: string, scope: string, description: string | null | undefined): string {
  const at = `Zendesk at ${host}`;
  switch (code) {
    case "invalid_client":
      return `${at} refused the OAuth client id or secret (invalid_client): check the client's identifier and secret in ${ADMIN_CENTER}`;
    case "unauthorized_client":
      return grant === "client_credentials"
        ? `${at} does not let this OAuth client use client credentials (unauthorized_client): make it a confidential client, or use Connect with Zendesk`
        : `${at} does not let this OAuth client use the ${grant} grant (unauthorized_client)`;
    case "invalid_scope":
      return `${at} refused the scope "${scope}" (invalid_scope): allow read and webhooks:write in the OAuth client's allowed scopes`;
    case "invalid_grant":
      if (grant === "refresh_token") {
        return `${at} refused the desk's refresh token (invalid_grant): the access was revoked in Zendesk, or the token went unused for too long. Reconnect the desk with Zendesk.`;
      }
      if (grant === "authorization_code") {
        return `${at} refused the authorization code (invalid_grant): it expired (codes live 120 s), was used already, or the redirect URL or PKCE verifier did not match. Connect again.`;
      }
      return `${at} refused the grant (invalid_grant)`;
    default:
      return `${at} refused the token request (${code})${description ? `: ${description.slice(0, 200)}` : ""}`;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A PKCE pair: the verifier stays on the server, the S256 challenge goes to the authorization page. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** The authorization page an admin is sent to; Zendesk sends them back to redirectUri with code and state. */
export function authorizationUrl(
  baseUrl: string,
  params: { clientId: string; redirectUri: string; state: string; codeChallenge: string; scope?: string },
): string {
  const url = new URL("/oauth/authorizations/new", new URL(baseUrl).origin);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    scope: params.scope ?? DESK_OAUTH_SCOPE,
    state: params.state,
    code_challenge: params.codeChallenge,
    code_challenge_method: "S256",
  }).toString();
  return url.toString();
}

/** Zendesk accepts only https redirect URLs, except on localhost and 127.0.0.1. */
export function redirectUriProblem(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `"${uri}" is not a URL`;
  }
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  if (url.protocol === "https:" || (url.protocol === "http:" && local)) return null;
  return `Zendesk accepts only https redirect URLs (http only on localhost or 127.0.0.1), not ${url.origin}`;
}
