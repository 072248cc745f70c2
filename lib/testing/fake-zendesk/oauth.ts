// The fake's OAuth server, as Zendesk documents it: registered clients (confidential/public),
// authorization codes (120 s, single use, PKCE S256), POST /oauth/tokens for authorization_code,
// refresh_token (rotating: the old access and refresh tokens are deleted, reuse answers invalid_grant)
// and client_credentials (confidential clients only), Bearer auth with scope checks, and the OAuth
// Tokens API (show/revoke current or by id). Error texts are rack-oauth2's, which Zendesk's match.
// The authorization page lives in oauth-authorize.ts; sources in /work/notes/zendesk-oauth.md.
import { createHash, randomBytes } from "node:crypto";
import { iso } from "@/lib/testing/fake-zendesk/factory";
import { bodyFields, noContent, recordNotFound, type FakeRequest, type Reply } from "@/lib/testing/fake-zendesk/reply";
import { forbidden, grants, parseScope, resourceOf, scopesValid, withinAllowed } from "@/lib/testing/fake-zendesk/scopes";

type OAuthClientKind = "confidential" | "public";

export type OAuthClientInput = {
  /** The client's "Identifier", sent as client_id. */
  identifier: string;
  /** Required for confidential clients. */
  secret?: string;
  kind?: OAuthClientKind;
  /** Absolute; https unless localhost or 127.0.0.1. */
  redirectUris?: string[];
  /** "Allowed scopes": the most a token of this client may ask for (none = anything). */
  allowedScopes?: string[];
  /** The admin who created the client; client_credentials tokens act as this user. */
  userId?: number;
  /**
   * A client created before 2026-04-30: its tokens don't expire and come without a refresh token
   * unless the token request passes expires_in.
   */
  legacy?: boolean;
};

export type OAuthClient = Required<Omit<OAuthClientInput, "secret" | "allowedScopes">> & { id: number; secret?: string; allowedScopes?: string[] };

export type ConsentMode = "auto-consent" | "deny" | "page";

export type FakeOAuthOptions = {
  clients?: OAuthClientInput[];
  /** What the authorization page does: redirect back with a code, redirect back with access_denied, or show Allow/Deny. */
  consent?: ConsentMode;
  /** The signed-in user who consents on the authorization page (5000, the first agent). */
  userId?: number;
  /** Test time compression: every access token lives this long, whatever the request asked for. */
  accessTokenTtlSeconds?: number;
  /** Test time compression for refresh tokens. */
  refreshTokenTtlSeconds?: number;
  /** Authorization codes live 120 s, as documented. */
  codeTtlSeconds?: number;
  /** The token endpoint's success status: the OAS says 201; real servers may say 200. */
  tokenStatus?: 200 | 201;
};

export type GrantType = "authorization_code" | "refresh_token" | "client_credentials";

export type OAuthToken = {
  id: number;
  clientId: number;
  userId: number;
  accessToken: string;
  refreshToken: string | null;
  scopes: string[];
  grant: GrantType;
  createdAt: number;
  expiresAt: number | null;
  refreshExpiresAt: number | null;
  usedAt: number | null;
};

export type OAuthCounters = {
  tokenRequests: Record<GrantType, number>;
  /** Successful refreshes. */
  refreshes: number;
  /** A refresh token presented again after it was rotated away. */
  refreshReuse: number;
  /** Every 400/401 the token endpoint answered, by OAuth error code. */
  tokenErrors: Record<string, number>;
  /** API requests refused for their Bearer token. */
  bearerRejected: { expired: number; revoked: number; unknown: number };
  /** API requests refused for a missing scope. */
  forbidden: number;
};

type Code = { clientId: number; redirectUri: string; scopes: string[]; userId: number; challenge?: string; expiresAt: number; used: boolean };

const DESCRIPTIONS: Record<string, string> = {
  invalid_request: "The request is missing a required parameter, includes an unsupported parameter or parameter value, repeats the same parameter, uses more than one method for including an access token, or is otherwise malformed.",
  invalid_client: "The client identifier provided is invalid, the client failed to authenticate, the client did not include its credentials, provided multiple client credentials, or used unsupported credentials type.",
  invalid_grant: "The provided access grant is invalid, expired, or revoked (e.g. invalid assertion, expired authorization token, bad end-user password credentials, or mismatching authorization code and redirection URI).",
  unauthorized_client: "The authenticated client is not authorized to use the access grant type provided.",
  unsupported_grant_type: "The provided access grant type is not supported by the authorization server.",
  invalid_scope: "The requested scope is invalid, unknown, or malformed.",
};
const INVALID_TOKEN = "The access token provided is expired, revoked, malformed or invalid for other reasons.";

const ACCESS_DEFAULT = 1_800;
const REFRESH_DEFAULT = 2_592_000;

const newSecret = (bytes = 32) => randomBytes(bytes).toString("hex");
export const pkceChallenge = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

/** Why a Bearer token was refused, or the token when it is good. */
type BearerCheck = { ok: true; token: OAuthToken } | { ok: false; reason: "expired" | "revoked" | "unknown" };

export class FakeOAuth {
  readonly clients: OAuthClient[] = [];
  consent: ConsentMode;
  /** Test time compression, changeable between requests: every new access token lives this long. */
  accessTokenTtlSeconds: number | undefined;
  /** Likewise for new refresh tokens. */
  refreshTokenTtlSeconds: number | undefined;
  readonly counters: OAuthCounters = {
    tokenRequests: { authorization_code: 0, refresh_token: 0, client_credentials: 0 },
    refreshes: 0,
    refreshReuse: 0,
    tokenErrors: {},
    bearerRejected: { expired: 0, revoked: 0, unknown: 0 },
    forbidden: 0,
  };
  private readonly codes = new Map<string, Code>();
  private readonly byAccess = new Map<string, OAuthToken>();
  private readonly byRefresh = new Map<string, OAuthToken>();
  /** Tokens that once existed: rotated refresh tokens and revoked access tokens, to tell reuse from nonsense. */
  private readonly rotatedRefresh = new Set<string>();
  private readonly revokedAccess = new Set<string>();
  private nextTokenId = 1;

  constructor(private readonly options: FakeOAuthOptions, private readonly link: (path: string) => string) {
    this.consent = options.consent ?? "auto-consent";
    this.accessTokenTtlSeconds = options.accessTokenTtlSeconds;
    this.refreshTokenTtlSeconds = options.refreshTokenTtlSeconds;
    for (const client of options.clients ?? []) this.addClient(client);
  }

  get userId(): number {
    return this.options.userId ?? 5000;
  }

  addClient(input: OAuthClientInput): OAuthClient {
    const kind = input.kind ?? "confidential";
    if (kind === "confidential" && !input.secret) throw new Error(`fake oauth: confidential client ${input.identifier} needs a secret`);
    if (this.client(input.identifier)) throw new Error(`fake oauth: client ${input.identifier} exists`);
    for (const uri of input.redirectUris ?? []) {
      const url = new URL(uri);
      const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
      if (url.protocol !== "https:" && !(local && url.protocol === "http:")) throw new Error(`fake oauth: redirect URL ${uri} must be https (or http on localhost)`);
    }
    const client: OAuthClient = {
      id: 40 + this.clients.length + 1,
      identifier: input.identifier,
      secret: input.secret,
      kind,
      redirectUris: input.redirectUris ?? [],
      allowedScopes: input.allowedScopes,
      userId: input.userId ?? 5000,
      legacy: input.legacy ?? false,
    };
    this.clients.push(client);
    return client;
  }

  client(identifier: string | undefined): OAuthClient | undefined {
    return this.clients.find((c) => c.identifier === identifier);
  }

  /** A code for the authorization page to send back (it checks the client and redirect URL first). */
  issueCode(client: OAuthClient, redirectUri: string, scopes: string[], challenge: string | undefined): string {
    const code = newSecret(16);
    const ttl = this.options.codeTtlSeconds ?? 120;
    this.codes.set(code, { clientId: client.id, redirectUri, scopes, userId: this.userId, challenge, expiresAt: Date.now() + ttl * 1000, used: false });
    return code;
  }

  /** POST /oauth/tokens. */
  tokenEndpoint(req: FakeRequest): Reply {
    const p = bodyFields(req.body);
    const grant = p.grant_type;
    if (!grant) return this.error("invalid_request");
    if (grant !== "authorization_code" && grant !== "refresh_token" && grant !== "client_credentials") return this.error("unsupported_grant_type");
    this.counters.tokenRequests[grant]++;
    const client = this.client(p.client_id);
    if (!client) return this.error("invalid_client");
    if (client.kind === "confidential" && p.client_secret !== undefined && p.client_secret !== client.secret) return this.error("invalid_client");
    const secretOk = client.kind === "confidential" && p.client_secret === client.secret;
    if (grant === "client_credentials") {
      if (client.kind !== "confidential") return this.error("unauthorized_client");
      if (!secretOk) return this.error("invalid_client");
      const scopes = parseScope(p.scope);
      if (scopes.length === 0 || !withinAllowed(scopes, client.allowedScopes)) return this.error("invalid_scope");
      return this.grant(client, client.userId, scopes, grant, p, false);
    }
    if (grant === "authorization_code") return this.exchangeCode(client, secretOk, p);
    return this.refresh(client, secretOk, p);
  }

  private exchangeCode(client: OAuthClient, secretOk: boolean, p: Record<string, string>): Reply {
    const code = p.code ? this.codes.get(p.code) : undefined;
    if (!p.code) return this.error("invalid_request");
    if (!code || code.clientId !== client.id || code.used || Date.now() >= code.expiresAt || code.redirectUri !== p.redirect_uri) return this.error("invalid_grant");
    if (code.challenge !== undefined && (!p.code_verifier || pkceChallenge(p.code_verifier) !== code.challenge)) return this.error("invalid_grant");
    // Confidential clients prove themselves with the secret or with PKCE; public ones only with PKCE.
    if (client.kind === "confidential" && !secretOk && code.challenge === undefined) return this.error("invalid_client");
    code.used = true;
    const scopes = p.scope ? parseScope(p.scope) : code.scopes;
    if (!withinAllowed(scopes, client.allowedScopes)) return this.error("invalid_scope");
    return this.grant(client, code.userId, scopes, "authorization_code", p, true);
  }

  private refresh(client: OAuthClient, secretOk: boolean, p: Record<string, string>): Reply {
    if (!p.refresh_token) return this.error("invalid_request");
    if (client.kind === "confidential" && !secretOk) return this.error("invalid_client");
    const old = this.byRefresh.get(p.refresh_token);
    if (!old) {
      if (this.rotatedRefresh.has(p.refresh_token)) this.counters.refreshReuse++;
      return this.error("invalid_grant");
    }
    if (old.clientId !== client.id || (old.refreshExpiresAt !== null && Date.now() >= old.refreshExpiresAt)) return this.error("invalid_grant");
    const scopes = p.scope ? parseScope(p.scope) : old.scopes;
    if (!withinAllowed(scopes, client.allowedScopes)) return this.error("invalid_scope");
    const reply = this.grant(client, old.userId, scopes, "refresh_token", p, true);
    if (reply.status < 300) {
      // As the announcement says: the previous access and refresh tokens are deleted.
      this.drop(old);
      this.rotatedRefresh.add(p.refresh_token);
      this.counters.refreshes++;
    }
    return reply;
  }

  private grant(client: OAuthClient, userId: number, scopes: string[], grant: GrantType, p: Record<string, string>, withRefresh: boolean): Reply {
    const ttl = this.lifetimes(client, p);
    if ("error" in ttl) return this.error(ttl.error);
    const now = Date.now();
    const refresh = withRefresh && ttl.access !== null;
    const token: OAuthToken = {
      id: this.nextTokenId++,
      clientId: client.id,
      userId,
      accessToken: newSecret(),
      refreshToken: refresh ? newSecret() : null,
      scopes,
      grant,
      createdAt: now,
      expiresAt: ttl.access === null ? null : now + ttl.access * 1000,
      refreshExpiresAt: refresh ? now + ttl.refresh * 1000 : null,
      usedAt: null,
    };
    this.byAccess.set(token.accessToken, token);
    if (token.refreshToken) this.byRefresh.set(token.refreshToken, token);
    const body: Record<string, unknown> = { access_token: token.accessToken, token_type: "bearer", scope: scopes.join(" "), expires_in: ttl.access };
    if (token.refreshToken) Object.assign(body, { refresh_token: token.refreshToken, refresh_token_expires_in: ttl.refresh });
    return { status: this.options.tokenStatus ?? 201, body, headers: { "cache-control": "no-store" } };
  }

  /** Access and refresh lifetimes in seconds: the test override, else the request's (within the documented bounds), else the defaults. */
  private lifetimes(client: OAuthClient, p: Record<string, string>): { access: number | null; refresh: number } | { error: string } {
    const asked = (v: string | undefined) => (v === undefined || v === "" || v === "null" ? undefined : Number(v));
    const accessAsked = asked(p.expires_in);
    const refreshAsked = asked(p.refresh_token_expires_in);
    if (accessAsked !== undefined && !(Number.isInteger(accessAsked) && accessAsked > 300 && accessAsked < 172_800)) return { error: "invalid_request" };
    if (refreshAsked !== undefined && !(Number.isInteger(refreshAsked) && refreshAsked > 604_800 && refreshAsked < 7_776_000)) return { error: "invalid_request" };
    if (accessAsked !== undefined && refreshAsked !== undefined && accessAsked >= refreshAsked) return { error: "invalid_request" };
    const access = this.accessTokenTtlSeconds ?? accessAsked ?? (client.legacy ? null : ACCESS_DEFAULT);
    const refresh = this.refreshTokenTtlSeconds ?? refreshAsked ?? REFRESH_DEFAULT;
    return { access, refresh };
  }

  private error(code: string): Reply {
    this.counters.tokenErrors[code] = (this.counters.tokenErrors[code] ?? 0) + 1;
    return { status: code === "invalid_client" ? 401 : 400, body: { error: code, error_description: DESCRIPTIONS[code] }, headers: { "cache-control": "no-store" } };
  }

  private drop(token: OAuthToken): void {
    this.byAccess.delete(token.accessToken);
    this.revokedAccess.add(token.accessToken);
    if (token.refreshToken) {
      this.byRefresh.delete(token.refreshToken);
      this.rotatedRefresh.add(token.refreshToken);
    }
  }

  /** Checks a Bearer token (not its scope). */
  bearer(accessToken: string): BearerCheck {
    const token = this.byAccess.get(accessToken);
    if (!token) return { ok: false, reason: this.revokedAccess.has(accessToken) ? "revoked" : "unknown" };
    if (token.expiresAt !== null && Date.now() >= token.expiresAt) return { ok: false, reason: "expired" };
    token.usedAt = Date.now();
    return { ok: true, token };
  }

  /** The 401 Zendesk answers for a bad Bearer token, counted by reason. */
  rejectBearer(reason: "expired" | "revoked" | "unknown"): Reply {
    this.counters.bearerRejected[reason]++;
    return {
      status: 401,
      body: { error: "invalid_token", error_description: INVALID_TOKEN },
      headers: { "www-authenticate": `Bearer realm="Zendesk", error="invalid_token", error_description="${INVALID_TOKEN}"` },
    };
  }

  /** 403 when the token's scopes don't cover the endpoint (GET needs read, anything else write). */
  checkScope(token: OAuthToken, method: string, path: string): Reply | undefined {
    const resource = resourceOf(path);
    if (resource === null) return undefined;
    const access = method === "GET" || method === "HEAD" ? "read" : "write";
    if (scopesValid(token.scopes) && grants(token.scopes, resource === "account" ? null : resource, access)) return undefined;
    this.counters.forbidden++;
    return forbidden();
  }

  /** The OAuth Tokens API: /api/v2/oauth/tokens[/current|/{id}]. `current` is the Bearer token, if any. */
  tokensApi(req: FakeRequest, current: OAuthToken | undefined): Reply | undefined {
    const m = /^\/api\/v2\/oauth\/tokens(?:\/(current|\d+))?$/.exec(req.path);
    if (!m) return undefined;
    if (!m[1]) {
      if (req.method !== "GET") return undefined;
      const tokens = [...this.byAccess.values()].map((t) => this.tokenJson(t));
      return { status: 200, body: { tokens, next_page: null, previous_page: null, count: tokens.length } };
    }
    const token = m[1] === "current" ? current : [...this.byAccess.values()].find((t) => t.id === Number(m[1]));
    if (!token) return recordNotFound();
    if (req.method === "GET") return { status: 200, body: { token: this.tokenJson(token) } };
    if (req.method === "DELETE") {
      this.drop(token);
      return noContent();
    }
    return undefined;
  }

  private tokenJson(t: OAuthToken) {
    const at = (ms: number | null) => (ms === null ? null : iso(Math.floor(ms / 1000)));
    return {
      id: t.id,
      url: this.link(`/api/v2/oauth/tokens/${t.id}.json`),
      client_id: t.clientId,
      user_id: t.userId,
      token: t.accessToken.slice(0, 10),
      refresh_token: t.refreshToken?.slice(0, 10) ?? null,
      scopes: t.scopes,
      created_at: at(t.createdAt),
      expires_at: at(t.expiresAt),
      refresh_token_expires_at: at(t.refreshExpiresAt),
      used_at: at(t.usedAt),
    };
  }

  // ---- test helpers ----

  /** A token as if the flow had run, for tests that only need a Bearer token. */
  issueToken(identifier: string, scope = "read", options: { userId?: number; grant?: GrantType } = {}): { accessToken: string; refreshToken: string | null } {
    const client = this.client(identifier);
    if (!client) throw new Error(`fake oauth: no client ${identifier}`);
    const grant = options.grant ?? "authorization_code";
    const reply = this.grant(client, options.userId ?? this.userId, parseScope(scope), grant, {}, grant !== "client_credentials");
    const body = reply.body as { access_token: string; refresh_token?: string };
    return { accessToken: body.access_token, refreshToken: body.refresh_token ?? null };
  }

  /** Active tokens (not expired refresh-wise, not revoked, not rotated away). */
  tokens(): OAuthToken[] {
    return [...this.byAccess.values()];
  }

  /** The user or an admin revokes the app: every token of the client (for one user, if given) dies, refresh tokens too. */
  revokeGrant(identifier: string, userId?: number): number {
    const client = this.client(identifier);
    if (!client) throw new Error(`fake oauth: no client ${identifier}`);
    const doomed = this.tokens().filter((t) => t.clientId === client.id && (userId === undefined || t.userId === userId));
    for (const token of doomed) this.drop(token);
    return doomed.length;
  }

  /** Revokes the token holding this access or refresh token. */
  revokeToken(accessOrRefresh: string): boolean {
    const token = this.byAccess.get(accessOrRefresh) ?? this.byRefresh.get(accessOrRefresh);
    if (token) this.drop(token);
    return Boolean(token);
  }

  /** Makes every current access token expired now (refresh tokens stay valid). */
  expireAccessTokens(): void {
    const past = Date.now() - 1;
    for (const token of this.byAccess.values()) token.expiresAt = past;
  }
}
