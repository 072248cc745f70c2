// The authorization page, GET /oauth/authorizations/new: checks the client and redirect URL (an error
// page, no redirect, when either is wrong), then, by consent mode, redirects back at once with a code
// or with error=access_denied, or shows a small Allow/Deny page that posts to /oauth/authorizations.
import { randomUUID } from "node:crypto";
import type { FakeOAuth, OAuthClient } from "@/lib/testing/fake-zendesk/oauth";
import { bodyFields, type FakeRequest, type Reply } from "@/lib/testing/fake-zendesk/reply";
import { parseScope } from "@/lib/testing/fake-zendesk/scopes";

type Pending = { client: OAuthClient; redirectUri: string; state: string | null; scopes: string[]; challenge?: string };

const ACCESS_DENIED = "The end-user or authorization server denied the request.";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function redirect(uri: string, params: Record<string, string | null | undefined>): Reply {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) url.searchParams.set(k, v);
  return { status: 302, body: "", headers: { location: url.toString() } };
}

const errorPage = (status: number, message: string): Reply => ({
  status,
  body: `<!doctype html><html><head><title>Zendesk (fake) — OAuth error</title></head><body><h1>Invalid authorization request</h1><p id="oauth-error">${escapeHtml(message)}</p></body></html>`,
});

export class AuthorizationPage {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly oauth: FakeOAuth) {}

  handle(req: FakeRequest): Reply | undefined {
    if (req.path === "/oauth/authorizations/new" && req.method === "GET") return this.start(req.query);
    if (req.path === "/oauth/authorizations" && req.method === "POST") return this.decide(bodyFields(req.body));
    return undefined;
  }

  private start(q: URLSearchParams): Reply {
    const client = this.oauth.client(q.get("client_id") ?? undefined);
    if (!client) return errorPage(400, "Unknown client_id.");
    const redirectUri = q.get("redirect_uri") ?? "";
    if (!client.redirectUris.includes(redirectUri)) return errorPage(400, "The redirect_uri is not registered for this client.");
    const state = q.get("state");
    if (q.get("response_type") !== "code") return redirect(redirectUri, { error: "unsupported_response_type", state });
    const scopes = parseScope(q.get("scope") ?? undefined);
    if (scopes.length === 0) return redirect(redirectUri, { error: "invalid_scope", state });
    const challenge = q.get("code_challenge") ?? undefined;
    const method = q.get("code_challenge_method");
    if (challenge !== undefined && method !== "S256") return redirect(redirectUri, { error: "invalid_request", error_description: "code_challenge_method must be S256", state });
    if (client.kind === "public" && challenge === undefined) return redirect(redirectUri, { error: "invalid_request", error_description: "PKCE is required for public clients", state });
    const request: Pending = { client, redirectUri, state, scopes, challenge };
    if (this.oauth.consent === "deny") return this.deny(request);
    if (this.oauth.consent === "auto-consent") return this.allow(request);
    const id = randomUUID();
    this.pending.set(id, request);
    return { status: 200, body: this.page(id, request) };
  }

  private decide(form: Record<string, string>): Reply {
    const request = this.pending.get(form.request_id ?? "");
    if (!request) return errorPage(400, "This authorization request expired or was already answered.");
    this.pending.delete(form.request_id!);
    return form.decision === "allow" ? this.allow(request) : this.deny(request);
  }

  private allow(r: Pending): Reply {
    return redirect(r.redirectUri, { code: this.oauth.issueCode(r.client, r.redirectUri, r.scopes, r.challenge), state: r.state });
  }

  private deny(r: Pending): Reply {
    return redirect(r.redirectUri, { error: "access_denied", error_description: ACCESS_DENIED, state: r.state });
  }

  private page(id: string, r: Pending): string {
    const scopes = r.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join("");
    return `<!doctype html><html><head><title>Zendesk (fake) — Allow access?</title></head><body>
<h1>Allow ${escapeHtml(r.client.identifier)} to access your Zendesk account?</h1>
<p>Signed in as user ${this.oauth.userId}. The app asks for:</p><ul id="scopes">${scopes}</ul>
<form method="post" action="/oauth/authorizations">
<input type="hidden" name="request_id" value="${id}">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form></body></html>`;
  }
}
