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
import type { FactoryOptions, Json } from "@/lib/testing/fake-zendesk/factory";
import { FakeOAuth, type FakeOAuthOptions, type OAuthToken } from "@/lib/testing/fake-zendesk/oauth";
import { AuthorizationPage } from "@/lib/testing/fake-zendesk/oauth-authorize";
import { peopleExports } from "@/lib/testing/fake-zendesk/people-exports";
import { invalidEndpoint, readBody, recordNotFound, type FakeRequest, type Reply } from "@/lib/testing/fake-zendesk/reply";
import { ticketSideloads } from "@/lib/testing/fake-zendesk/sideloads";
import { FakeState } from "@/lib/testing/fake-zendesk/state";
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

const MAX_PER_PAGE = 1000;

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
  private server?: Server;
  private faults: (Fault & { times: number })[] = [];
  private window = { start: 0, count: 0, exportCount: 0 };
  private blockedUntil = 0;
  private emptyPages = 0;
  private sinceThrottle = 0;

  constructor(private readonly options: FakeZendeskOptions = {}) {
    this.state = new FakeState(options);
    this.email = options.email ?? "agent@example.com";
    this.token = options.token ?? "fake-token-0123456789";
    this.apiTokens = options.apiTokens ?? true;
    this.oauth = new FakeOAuth(options.oauth ?? {}, (p) => this.link(p));
    this.authorizationPage = new AuthorizationPage(this.oauth);
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
      if (fault.emptyPage) return send(this.emptyExportPage(url.searchParams, fault.emptyPage));
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
      (req.method === "GET" || req.method === "HEAD" ? this.route(req.path, req.query) : this.edit(req.method, req.path, req.body.json))
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

  /**
   * The few writes of the Tickets API, so a standalone fake can be edited between syncs with curl:
   * POST /api/v2/tickets {ticket}, PUT /api/v2/tickets/{id} {ticket: {…, comment: {body, public}}},
   * DELETE /api/v2/tickets/{id}.
   */
  private edit(method: string, path: string, body: Json | undefined): Reply {
    const one = /^\/api\/v2\/tickets\/(\d+)$/.exec(path);
    const id = one ? Number(one[1]) : null;
    if (id !== null && !this.state.byId.has(id)) return recordNotFound();
    const { comment, ...fields } = ((body?.ticket ?? {}) as Json & { comment?: { body?: string; public?: boolean } });
    if (method === "POST" && path === "/api/v2/tickets") return { status: 201, body: { ticket: this.state.createTicket(fields) } };
    if (method === "PUT" && id !== null) {
      if (Object.keys(fields).length > 0) this.state.updateTicket(id, fields);
      if (comment?.body) this.state.addComment(id, comment.body, comment.public ?? true);
      return { status: 200, body: { ticket: this.state.ticket(id) } };
    }
    if (method === "DELETE" && id !== null) {
      this.state.deleteTicket(id);
      return { status: 204, body: {} };
    }
    return invalidEndpoint();
  }

  private route(path: string, query: URLSearchParams): Reply {
    if (path === "/api/v2/incremental/tickets/cursor") return this.ticketExport(query);
    if (path === "/api/v2/incremental/ticket_events") return this.ticketEvents(query);
    if (path === "/api/v2/ticket_fields") return { status: 200, body: this.list("ticket_fields", this.state.account.ticketFields, path, query) };
    const comments = /^\/api\/v2\/tickets\/(\d+)\/comments$/.exec(path);
    if (comments) return this.ticketComments(Number(comments[1]), query);
    return invalidEndpoint();
  }

  private get variant(): FakeVariant {
    return this.options.variant ?? {};
  }

  /** Absolute links as Zendesk writes them: on the account's own origin, which may not be ours. */
  private link(pathAndQuery: string): string {
    return `${this.variant.linkOrigin ?? this.url}${pathAndQuery}`;
  }

  /** A list endpoint's page: cursor pagination (page[size], page[after]) or, in that variant, offset pagination. */
  private list(key: string, items: readonly unknown[], path: string, query: URLSearchParams): Json {
    const max = this.variant.maxPageSize ?? 100;
    if (this.variant.offsetPagination) {
      const size = Math.min(max, Math.max(1, Number(query.get("per_page") ?? 100)));
      const page = Math.max(1, Number(query.get("page") ?? 1));
      const from = (page - 1) * size;
      const at = (n: number) => this.link(`${path}.json?page=${n}&per_page=${size}`);
      return {
        [key]: items.slice(from, from + size),
        next_page: from + size < items.length ? at(page + 1) : null,
        previous_page: page > 1 ? at(page - 1) : null,
        count: items.length,
      };
    }
    const size = Math.min(max, Math.max(1, Number(query.get("page[size]") ?? 100)));
    const after = query.get("page[after]");
    const from = after ? Number(Buffer.from(after, "base64url").toString()) : 0;
    const hasMore = from + size < items.length;
    const next = hasMore ? Buffer.from(String(from + size)).toString("base64url") : null;
    return {
      [key]: items.slice(from, from + size),
      meta: { has_more: hasMore, after_cursor: next, before_cursor: null },
      links: { next: next ? this.link(`${path}.json?page%5Bsize%5D=${size}&page%5Bafter%5D=${next}`) : null, prev: null },
    };
  }

  private perPage(query: URLSearchParams): number {
    return Math.min(MAX_PER_PAGE, Math.max(1, Number(query.get("per_page") ?? MAX_PER_PAGE)));
  }

  private ticketExport(query: URLSearchParams): Reply {
    const order = this.state.order;
    let position: [number, number];
    const cursor = query.get("cursor");
    if (cursor) {
      const [ts, id] = Buffer.from(cursor, "base64url").toString().split(".").map(Number);
      if (!Number.isFinite(ts) || !Number.isFinite(id)) return { status: 400, body: { error: "InvalidCursor" } };
      position = [ts!, id!];
    } else {
      const start = Number(query.get("start_time"));
      if (!Number.isFinite(start) || !query.has("start_time")) return { status: 400, body: { error: "InvalidValue", description: "start_time is required" } };
      if (start > Date.now() / 1000 - 60) return { status: 400, body: { error: "InvalidValue", description: "start_time is too recent" } };
      position = [start - 1, Number.MAX_SAFE_INTEGER];
    }
    let low = 0;
    let high = order.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const t = order[mid]!;
      if (t.generated_timestamp < position[0] || (t.generated_timestamp === position[0] && t.id <= position[1])) low = mid + 1;
      else high = mid;
    }
    const slice = order.slice(low, low + this.perPage(query));
    const tickets = this.variant.minimalDeleted
      ? slice.map((t) =>
          t.status === "deleted"
            ? { id: t.id, url: t.url, status: t.status, created_at: t.created_at, updated_at: t.updated_at, generated_timestamp: t.generated_timestamp }
            : t,
        )
      : slice;
    const last = tickets.at(-1);
    const after = last ? Buffer.from(`${last.generated_timestamp}.${last.id}`).toString("base64url") : Buffer.from(position.join(".")).toString("base64url");
    const body: Json = {
      tickets,
      after_url: this.link(`/api/v2/incremental/tickets/cursor.json?cursor=${after}`),
      after_cursor: this.variant.afterUrlOnly ? null : after,
      before_url: null,
      before_cursor: null,
      end_of_stream: low + tickets.length >= order.length,
      ...ticketSideloads(this.state.account, tickets, query.get("include")),
    };
    if (this.variant.omitEndOfStream) delete body.end_of_stream;
    return { status: 200, body };
  }

  private emptyExportPage(query: URLSearchParams, kind: "new-cursor" | "same-cursor"): Reply {
    const given = query.get("cursor");
    const start = Number(query.get("start_time") ?? 0);
    const [ts, id] = given ? Buffer.from(given, "base64url").toString().split(".") : [String(start - 1), String(Number.MAX_SAFE_INTEGER)];
    const after = kind === "same-cursor" ? given : Buffer.from(`${ts}.${id}.${++this.emptyPages}`).toString("base64url");
    return {
      status: 200,
      body: { tickets: [], after_cursor: after, after_url: after ? this.link(`/api/v2/incremental/tickets/cursor.json?cursor=${after}`) : null, before_cursor: null, before_url: null, end_of_stream: false },
    };
  }

  private ticketEvents(query: URLSearchParams): Reply {
    const start = Number(query.get("start_time"));
    if (!query.has("start_time") || !Number.isFinite(start)) return { status: 400, body: { error: "InvalidValue", description: "start_time is required" } };
    const events = this.state.events;
    let low = 0;
    let high = events.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (events[mid]!.timestamp < start) low = mid + 1;
      else high = mid;
    }
    const perPage = this.perPage(query);
    const withComments = (query.get("include") ?? "").split(",").includes("comment_events");
    const page = events.slice(low, low + perPage).map((e) => ({
      ...e,
      child_events: withComments ? e.child_events : e.child_events.filter((c) => c.event_type !== "Comment"),
    }));
    const endTime = page.at(-1)?.timestamp ?? start;
    const endOfStream = page.length < perPage;
    return {
      status: 200,
      body: {
        ticket_events: page,
        count: page.length,
        end_time: endTime,
        ...(this.variant.omitEndOfStream ? {} : { end_of_stream: endOfStream }),
        // As in Zendesk's docs: there is a next page even at the end of the stream, to poll later.
        next_page: this.link(`/api/v2/incremental/ticket_events.json?start_time=${endTime}&include=comment_events`),
      },
    };
  }

  private ticketComments(ticketId: number, query: URLSearchParams): Reply {
    if (!this.state.byId.has(ticketId)) return recordNotFound();
    const comments = this.state.account.comments.get(ticketId) ?? [];
    return { status: 200, body: this.list("comments", comments, `/api/v2/tickets/${ticketId}/comments`, query) };
  }
}
