// The one Zendesk HTTP client: pluggable auth (API token, or OAuth Bearer renewed on expiry and once
// on a 401; see ZendeskAuth), zod-parsed JSON, retries with jittered exponential
// backoff for 5xx / HTML error pages / timeouts, Retry-After honoured exactly, pacing per desk.
import type { z } from "zod";
import {
  type AuthScheme,
  ZendeskAuthError,
  ZendeskNetworkError,
  ZendeskNotFoundError,
  ZendeskRequestError,
  ZendeskTimeoutError,
  ZendeskWaitError,
} from "@/lib/zendesk/errors";
import { pacerFor, type Pacer, type RequestHistory, type RequestKind } from "@/lib/zendesk/pacer";

/**
 * How requests sign in. The client asks for a header before every request and, after a 401, asks
 * `renew` once for a better one (an OAuth token renewed, maybe by another process) and retries.
 */
export type ZendeskAuth = {
  readonly scheme: AuthScheme;
  /** Who signs in, without any secret: keeps pacing apart per credential on one host. */
  readonly identity: string;
  header(): Promise<string>;
  /** Called with the refused header; throws when nothing can be renewed (e.g. the grant was revoked). */
  renew?(refused: string): Promise<void>;
};

/** Legacy email + API token (Basic auth), which Zendesk turns off on 2027-04-30. */
export function apiTokenAuth(email: string, token: string): ZendeskAuth {
  const header = `Basic ${Buffer.from(`${email}/token:${token}`).toString("base64")}`;
  return { scheme: "api-token", identity: email, header: async () => header };
}

export type ZendeskClientOptions = {
  baseUrl: string;
  /** Either an auth strategy, or an API token's email and token. */
  auth?: ZendeskAuth;
  email?: string;
  token?: string;
  /** The plan limit per minute set on the desk; null to read it from X-Rate-Limit. */
  rateLimitPerMinute?: number | null;
  rateLimitShare?: number;
  /** A Retry-After block another process stored (desks.retry_after_until). */
  retryAfterUntil?: Date | null;
  /** Requests of earlier steps of the same run, which may have run in another process. */
  history?: RequestHistory;
  /** Persists a Retry-After block so other processes respect it too. */
  onRetryAfter?: (until: Date) => Promise<void> | void;
  /**
   * Takes a slot of the account's export budget shared by every process (lib/sync/export-budget.ts):
   * resolves 0 to send now, else the milliseconds until a slot frees up. Without it, this process's
   * pacer keeps the export limit alone.
   */
  exportSlot?: () => Promise<number>;
  timeoutMs?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  /** Longer waits throw ZendeskWaitError so a durable runner can sleep instead of holding a step. */
  maxInlineWaitMs?: number;
  /** 60 s in production; tests shorten it together with the fake server's window. */
  windowMs?: number;
  exportLimitPerWindow?: number;
};

export type Query = Record<string, string | number | undefined>;

export type RequestOptions = {
  kind?: RequestKind;
  /** GET unless said (the webhooks API writes); a body goes as JSON. */
  method?: "GET" | "POST" | "PUT" | "DELETE";
  body?: unknown;
  /** Called after a timeout to ask for less (e.g. a smaller per_page). */
  shrink?: (query: Query) => Query;
};

const MAX_RATE_LIMITED = 10;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ZendeskClient {
  readonly stats = { requests: 0, rateLimited: 0 };
  /** This client's own requests, for the runner to hand to the next step. */
  readonly sent: RequestHistory = { api: [], export: [] };
  readonly host: string;
  private readonly auth: ZendeskAuth;
  private readonly pacer: Pacer;
  private readonly options: Required<
    Omit<ZendeskClientOptions, "retryAfterUntil" | "onRetryAfter" | "rateLimitPerMinute" | "history" | "auth" | "email" | "token" | "exportSlot">
  > &
    Pick<ZendeskClientOptions, "onRetryAfter" | "exportSlot">;

  constructor(options: ZendeskClientOptions) {
    const base = new URL(options.baseUrl);
    this.host = base.host;
    this.auth = options.auth ?? apiTokenAuth(options.email ?? "", options.token ?? "");
    this.options = {
      baseUrl: base.origin,
      rateLimitShare: options.rateLimitShare ?? 50,
      onRetryAfter: options.onRetryAfter,
      exportSlot: options.exportSlot,
      timeoutMs: options.timeoutMs ?? 60_000,
      maxAttempts: options.maxAttempts ?? 6,
      backoffBaseMs: options.backoffBaseMs ?? 1_000,
      maxInlineWaitMs: options.maxInlineWaitMs ?? 70_000,
      windowMs: options.windowMs ?? 60_000,
      exportLimitPerWindow: options.exportLimitPerWindow ?? 10,
    };
    this.pacer = pacerFor(`${base.origin}|${this.auth.identity}`, {
      limitPerWindow: options.rateLimitPerMinute ?? null,
      sharePercent: this.options.rateLimitShare,
      exportLimitPerWindow: this.options.exportLimitPerWindow,
      windowMs: this.options.windowMs,
    });
    if (options.retryAfterUntil) this.pacer.block(options.retryAfterUntil.getTime());
    if (options.history) this.pacer.seed(options.history);
  }

  /** The account's limit as last read from X-Rate-Limit, null before the first response. */
  get observedRateLimit(): number | null {
    return this.pacer.observed;
  }

  /**
   * A write (the webhooks API). A 5xx, timeout or broken connection is not retried: Zendesk may have
   * carried it out. A 204 answers with `{}`.
   */
  send<S extends z.ZodType>(method: "POST" | "PUT" | "DELETE", path: string, body: unknown, schema: S, query: Query = {}): Promise<z.infer<S>> {
    return this.get(path, query, schema, { method, body });
  }

  async get<S extends z.ZodType>(path: string, query: Query, schema: S, request: RequestOptions = {}): Promise<z.infer<S>> {
    const kind = request.kind ?? "api";
    const method = request.method ?? "GET";
    const maxAttempts = method === "GET" ? this.options.maxAttempts : 1;
    let current = query;
    let failures = 0;
    let rateLimited = 0;
    let renewed = false;
    for (;;) {
      await this.waitTurn(kind);
      const authorization = await this.auth.header();
      const url = this.url(path, current);
      const at = Date.now();
      this.pacer.record(kind, at);
      this.sent.api.push(at);
      if (kind === "export") this.sent.export.push(at);
      this.stats.requests++;
      let response: Response;
      let body: string;
      try {
        response = await fetch(url, {
          method,
          headers: { Authorization: authorization, Accept: "application/json", ...(request.body === undefined ? {} : { "Content-Type": "application/json" }) },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        body = await response.text();
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        if (++failures >= maxAttempts) {
          const Failure = timedOut ? ZendeskTimeoutError : ZendeskNetworkError;
          throw new Failure(`${timedOut ? "Timed out" : "Network error"} on ${this.host}${path} after ${failures} attempts`);
        }
        if (timedOut && request.shrink) current = request.shrink(current);
        await this.backoff(failures);
        continue;
      }
      // On a 429, Retry-After alone says when to come back.
      this.pacer.observe(response.headers, Date.now(), { hold: response.status !== 429 });

      if (response.status === 429) {
        this.stats.rateLimited++;
        if (++rateLimited > MAX_RATE_LIMITED) throw new ZendeskRequestError(`Zendesk at ${this.host} kept answering 429`, 429);
        await this.holdOff(response.headers);
        continue;
      }
      // An OAuth token can die before its expiry (revoked, or rotated by another process): renew once.
      if (response.status === 401 && this.auth.renew && !renewed) {
        renewed = true;
        await this.auth.renew(authorization);
        continue;
      }
      if (response.status === 401 || response.status === 403) throw new ZendeskAuthError(response.status, this.host, this.auth.scheme);
      if (response.status === 404) throw new ZendeskNotFoundError(path);

      const json = response.status === 204 ? {} : response.status < 500 ? parseJson(body, response.headers) : undefined;
      if (response.status >= 500 || json === undefined) {
        if (++failures >= maxAttempts) {
          throw new ZendeskRequestError(
            `Zendesk at ${this.host} answered ${path} with HTTP ${response.status}${json === undefined ? " and no JSON" : ""} after ${failures} attempts`,
            response.status,
          );
        }
        // A 503 during maintenance or an account move says when to come back, like a 429.
        if (response.headers.has("retry-after")) await this.holdOff(response.headers);
        else await this.backoff(failures);
        continue;
      }
      if (!response.ok) {
        throw new ZendeskRequestError(`Zendesk at ${this.host} answered ${path} with HTTP ${response.status}: ${body.slice(0, 200)}`, response.status);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw new ZendeskRequestError(`Unexpected response from ${this.host}${path}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      }
      return parsed.data;
    }
  }

  /** Blocks every request to this desk (in this and, through onRetryAfter, other processes) until Retry-After. */
  private async holdOff(headers: Headers): Promise<void> {
    const until = Date.now() + retryAfterMs(headers, this.options.windowMs);
    this.pacer.block(until);
    await this.options.onRetryAfter?.(new Date(until));
  }

  /**
   * `path` may be a next-page link as Zendesk writes it: absolute, often on the account's own
   * `https://<subdomain>.zendesk.com` even when the desk is reached through a proxy, so only its path
   * and query are kept and put on the desk's base URL (credentials never go to another host).
   */
  private url(path: string, query: Query): string {
    const target = new URL(path, this.options.baseUrl);
    const url = new URL(`${target.pathname}${target.search}`, this.options.baseUrl);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  }

  private async waitTurn(kind: RequestKind): Promise<void> {
    // A shared export budget keeps the account's export limit; this process's pacer then keeps the API share.
    const shared = kind === "export" ? this.options.exportSlot : undefined;
    for (;;) {
      let wait = this.pacer.nextSlot(shared ? "api" : kind) - Date.now();
      if (wait <= 0 && shared) wait = await shared();
      if (wait <= 0) return;
      if (wait > this.options.maxInlineWaitMs) throw new ZendeskWaitError(Date.now() + wait);
      await sleep(wait);
    }
  }

  private backoff(failures: number): Promise<void> {
    const ceiling = this.options.backoffBaseMs * 2 ** (failures - 1);
    return sleep(ceiling / 2 + Math.random() * (ceiling / 2));
  }
}

/** Retry-After is seconds (or an HTTP date); without it, wait a whole window. */
function retryAfterMs(headers: Headers, fallbackMs: number): number {
  const value = headers.get("retry-after");
  if (!value) return fallbackMs;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : fallbackMs;
}

/** undefined for HTML error pages and truncated bodies, which a retry usually fixes. */
function parseJson(body: string, headers: Headers): unknown {
  const type = headers.get("content-type") ?? "";
  if (!type.includes("json") && body.trimStart().startsWith("<")) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
