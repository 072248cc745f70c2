// A fake Zendesk Support API on 127.0.0.1 for tests and the benchmark: the incremental exports (tickets,
// ticket events, users, organizations), Show Ticket / show_many, ticket comments and fields, a few
// ticket writes, per-window rate limits with 429 + Retry-After, injected faults, and a log of every
// request. Auth: Basic `{email}/token:{token}` (API tokens; `apiTokens: false` refuses them, as Zendesk
// will from 2027-04-30) or an OAuth Bearer token with scope checks. The OAuth server (oauth.ts,
// oauth-authorize.ts), the Webhooks API with signed deliveries (webhooks.ts, webhook-delivery.ts) and
// the newer read endpoints (ticket-reads.ts, people-exports.ts) live in their own modules; this file
// wires them: faults → /oauth/* → authentication + scope → throttling → endpoints.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import type { FactoryOptions } from "@/lib/testing/fake-zendesk/factory";
import { FakeOAuth, type FakeOAuthOptions, type OAuthToken } from "@/lib/testing/fake-zendesk/oauth";
import { AuthorizationPage } from "@/lib/testing/fake-zendesk/oauth-authorize";
import { peopleExports } from "@/lib/testing/fake-zendesk/people-exports";
import { invalidEndpoint, readBody, type FakeRequest, type Reply } from "@/lib/testing/fake-zendesk/reply";
import { FakeState } from "@/lib/testing/fake-zendesk/state";
import { TicketEndpoints } from "@/lib/testing/fake-zendesk/ticket-endpoints";
import { ticketReads } from "@/lib/testing/fake-zendesk/ticket-reads";
import type { DeliveryOptions } from "@/lib/testing/fake-zendesk/webhook-delivery";
import { FakeWebhooks } from "@/lib/testing/fake-zendesk/webhooks";

export type RateLimitOptions = { limit: number; exportLimit?: number; windowMs?: number; retryAfterSeconds?: number };

/**
 * Choices Zendesk's docs leave open, so tests can hold the client to every one of them: list endpoints
 * that ignore page[size] and answer with offset pagination (`next_page`), a smaller page than asked
 * for, absolute links on another host (the account's own `https://<subdomain>.zendesk.com` behind a
 * proxy), gzip bodies.
 */
export type FakeVariant = {
  offsetPagination?: boolean;
  maxPageSize?: number;
  linkOrigin?: string;
  gzip?: boolean;
  /** Headers on every response, e.g. rate-limit headers as some other server writes them. */
  headers?: Record<string, string>;
  /** The ticket export names its next page by after_url alone (after_cursor null). */
  afterUrlOnly?: boolean;
  /** The exports leave end_of_stream out. */
  omitEndOfStream?: boolean;
  /** Deleted tickets in the export carry only id, url, status and their times. */
  minimalDeleted?: boolean;
  /** Every n-th request is answered 429 with this Retry-After, whatever the budget says. */
  throttleEvery?: { n: number; retryAfterSeconds: number };
};

export type FakeZendeskOptions = FactoryOptions & {
  email?: string;
  token?: string;
  /** Basic API-token auth works (default); false answers it 401, as Zendesk will after 2027-04-30. */
  apiTokens?: boolean;
  oauth?: FakeOAuthOptions;
  /** Webhook delivery timing (timeout 12 s as Zendesk; shorter in tests). */
  webhooks?: DeliveryOptions;
  /** x-zendesk-account-id and account_id in webhook payloads. */
  accountId?: number;
  rateLimit?: RateLimitOptions;
  port?: number;
  variant?: FakeVariant;
};

/**
 * A fault for the next `times` matching requests: a status (HTML body for 5xx unless json, with
 * Retry-After when given), or a stall.
 */
export type Fault = {
  path?: RegExp;
  status?: number;
  json?: boolean;
  delayMs?: number;
  retryAfterSeconds?: number;
  times?: number;
  /**
   * A cursor export page with no tickets and end_of_stream false (the docs allow it): with a new
   * cursor for the same place, or (a server gone wrong) the very cursor it was asked with.
   */
  emptyPage?: "new-cursor" | "same-cursor";
};

export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  at: number;
  status: number;
  early: boolean;
  /** How the request authenticated ("none" for /oauth/* and refused requests). */
  auth: "api-token" | "bearer" | "none";
};

type Caller = { kind: "api-token" | "bearer"; token?: OAuthToken };

export class FakeZendesk {
  readonly requests: RecordedRequest[] = [];
  readonly state: FakeState;
  readonly email: string;
  readonly token: string;
  readonly oauth: FakeOAuth;
  readonly webhooks: FakeWebhooks;
  /** Set false to refuse Basic API-token auth from now on. */
  apiTokens: boolean;
  url = "";
  private readonly authorizationPage: AuthorizationPage;
  private readonly tickets: TicketEndpoints;
  private server?: Server;
  private faults: (Fault & { times: number })[] = [];
  private window = { start: 0, count: 0, exportCount: 0 };
  private blockedUntil = 0;
  private sinceThrottle = 0;

  constructor(private readonly options: FakeZendeskOptions = {}) {
    this.state = new FakeState(options);
    this.email = options.email ?? "agent@example.com";
    this.token = options.token ?? "fake-token-0123456789";
    this.apiTokens = options.apiTokens ?? true;
    this.oauth = new FakeOAuth(options.oauth ?? {}, (p) => this.link(p));
    this.authorizationPage = new AuthorizationPage(this.oauth);
    this.tickets = new TicketEndpoints(this.state, () => this.variant, (p) => this.link(p));
    this.webhooks = new FakeWebhooks(this.state, options.accountId ?? 1_234_567, (p) => this.link(p), options.webhooks);
  }

  static async start(options: FakeZendeskOptions = {}): Promise<FakeZendesk> {
    const fake = new FakeZendesk(options);
    await fake.listen();
    return fake;
  }

  /** host:port, as stored in desks.domain for a desk pointing here. */
  get host(): string {
    return new URL(this.url).host;
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, times: fault.times ?? 1 });
  }

  count(path?: RegExp): number {
    return this.requests.filter((r) => !path || path.test(r.path)).length;
  }

  async close(): Promise<void> {
    this.webhooks.deliveries.stop();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private listen(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    return new Promise((resolve) => {
      this.server!.listen(this.options.port ?? 0, "127.0.0.1", () => {
        this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
        resolve();
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = Date.now();
    const url = new URL(req.url ?? "/", this.url);
    const path = url.pathname.replace(/\.json$/, "");
    const method = req.method ?? "GET";
    const record: RecordedRequest = { method, path, query: Object.fromEntries(url.searchParams), at: now, status: 0, early: now < this.blockedUntil, auth: "none" };
    this.requests.push(record);
    const send = (reply: Reply) => {
      record.status = reply.status;
      const html = typeof reply.body === "string";
      const text = reply.status === 204 ? "" : html ? (reply.body as string) : JSON.stringify(reply.body);
      const gzip = this.variant.gzip && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
      res.writeHead(reply.status, {
        "content-type": html ? "text/html; charset=utf-8" : "application/json; charset=utf-8",
        ...(gzip ? { "content-encoding": "gzip" } : {}),
        ...this.rateHeaders(now),
        ...this.variant.headers,
        ...reply.headers,
      });
      res.end(gzip ? gzipSync(text) : text);
    };

    const fault = this.faults.find((f) => f.times > 0 && (!f.path || f.path.test(path)));
    if (fault) {
      fault.times--;
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (res.destroyed) return;
      if (fault.emptyPage) return send(this.tickets.emptyExportPage(url.searchParams, fault.emptyPage));
      if (fault.status === 429) return send(this.tooMany(now, fault.retryAfterSeconds ?? 1));
      if (fault.status) {
        return send({
          status: fault.status,
          body: fault.json ? { error: "InternalError" } : `<html><body><h1>${fault.status} Bad Gateway</h1></body></html>`,
          headers: fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : undefined,
        });
      }
    }
    const body = method === "GET" || method === "HEAD" ? { text: "" } : await readBody(req);
    const request: FakeRequest = { method, path, query: url.searchParams, body };
    if (path.startsWith("/oauth/")) {
      const reply = path === "/oauth/tokens" && method === "POST" ? this.oauth.tokenEndpoint(request) : this.authorizationPage.handle(request);
      return send(reply ?? invalidEndpoint());
    }
    const caller = this.authenticate(req.headers.authorization, method, path);
    if (!("kind" in caller)) return send(caller);
    record.auth = caller.kind;
    const throttle = this.variant.throttleEvery;
    if (throttle && ++this.sinceThrottle >= throttle.n) {
      this.sinceThrottle = 0;
      return send(this.tooMany(now, throttle.retryAfterSeconds));
    }
    const limited = this.rateLimit(now, path.startsWith("/api/v2/incremental/"));
    if (limited) return send(limited);
    send(await this.dispatch(request, caller.token));
  }

  /** Basic API-token auth (unless turned off) or a Bearer token that is live and scoped for the endpoint. */
  private authenticate(header: string | undefined, method: string, path: string): Caller | Reply {
    if (header?.startsWith("Bearer ")) {
      const check = this.oauth.bearer(header.slice(7).trim());
      if (!check.ok) return this.oauth.rejectBearer(check.reason);
      return this.oauth.checkScope(check.token, method, path) ?? { kind: "bearer", token: check.token };
    }
    if (this.apiTokens && header?.startsWith("Basic ") && Buffer.from(header.slice(6), "base64").toString("utf8") === `${this.email}/token:${this.token}`) {
      return { kind: "api-token" };
    }
    return { status: 401, body: { error: "Couldn't authenticate you" } };
  }

  private async dispatch(req: FakeRequest, token: OAuthToken | undefined): Promise<Reply> {
    return (
      this.oauth.tokensApi(req, token) ??
      (await this.webhooks.handle(req, token?.userId ?? 5000)) ??
      ticketReads(this.state, req) ??
      peopleExports(this.state, req, (p) => this.link(p)) ??
      (req.method === "GET" || req.method === "HEAD" ? this.tickets.read(req.path, req.query) : this.tickets.write(req.method, req.path, req.body.json))
    );
  }

  private rateHeaders(now: number): Record<string, string> {
    const limit = this.options.rateLimit;
    if (!limit) return { "x-rate-limit": "100000", "x-rate-limit-remaining": "100000" };
    const windowMs = limit.windowMs ?? 60_000;
    const remaining = String(Math.max(0, limit.limit - this.window.count));
    const reset = String(Math.max(0, Math.ceil((this.window.start + windowMs - now) / 1000)));
    return { "x-rate-limit": String(limit.limit), "x-rate-limit-remaining": remaining, "ratelimit-remaining": remaining, "ratelimit-reset": reset };
  }

  private tooMany(now: number, retryAfterSeconds: number): Reply {
    this.blockedUntil = Math.max(this.blockedUntil, now + retryAfterSeconds * 1000);
    return { status: 429, body: { error: "APIRateLimitExceeded" }, headers: { "retry-after": String(retryAfterSeconds) } };
  }

  private rateLimit(now: number, isExport: boolean): Reply | undefined {
    const limit = this.options.rateLimit;
    if (!limit) return undefined;
    const windowMs = limit.windowMs ?? 60_000;
    if (now >= this.window.start + windowMs) this.window = { start: now, count: 0, exportCount: 0 };
    const over = this.window.count >= limit.limit || (isExport && this.window.exportCount >= (limit.exportLimit ?? 10));
    if (now < this.blockedUntil || over) {
      const seconds = limit.retryAfterSeconds ?? Math.max(1, Math.ceil((this.window.start + windowMs - now) / 1000));
      return this.tooMany(now, seconds);
    }
    this.window.count++;
    if (isExport) this.window.exportCount++;
    return undefined;
  }

  private get variant(): FakeVariant {
    return this.options.variant ?? {};
  }

  /** Absolute links as Zendesk writes them: on the account's own origin, which may not be ours. */
  private link(pathAndQuery: string): string {
    return `${this.variant.linkOrigin ?? this.url}${pathAndQuery}`;
  }
}
