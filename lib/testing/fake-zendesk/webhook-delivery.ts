// Sends webhook requests as Zendesk does: POST with the x-zendesk-* headers, signed
// base64(HMAC-SHA256(secret, timestamp + body)), 12 s timeout, retries for timeouts (5), 409 (3) and
// 429/503 with Retry-After under 60 s. Deliveries go one at a time, in order; tests can pause and
// flush them, tamper with the next one (bad signature, old timestamp, replay) and read every attempt.
import { createHmac } from "node:crypto";
import { iso, type Json } from "@/lib/testing/fake-zendesk/factory";

export type TamperKind = "bad-signature" | "old-timestamp" | "replay";

export type DeliveryTarget = {
  id: string;
  endpoint: string;
  http_method: string;
  secret: string;
  authentication?: Json;
  custom_headers?: Record<string, string>;
};

export type DeliveryAttempt = {
  webhookId: string;
  invocationId: string;
  /** The payload's `id` (null for test requests). */
  eventId: string | null;
  type: string;
  ticketId: number | null;
  attempt: number;
  at: number;
  /** The receiver's status code, or why there was none. */
  status: number | "timeout" | "network-error";
  /** How this attempt was tampered with; "replayed" for the second copy of a replay. */
  tamper?: TamperKind | "replayed";
  test?: boolean;
  request: { url: string; method: string; headers: Record<string, string>; body: string };
};

export type DeliveryOptions = {
  /** Zendesk gives up on a request after 12 s. */
  timeoutMs?: number;
  /** Wait before retrying a timeout or 409 (Retry-After is honoured for 429/503). */
  retryDelayMs?: number;
};

type Job = { target: DeliveryTarget; invocationId: string; eventId: string | null; type: string; ticketId: number | null; body: string; test?: boolean };
type Tamper = { kind: TamperKind; ageSeconds: number };

const MAX_RETRIES = { timeout: 5, conflict: 3, throttled: 5 };

const webhookSignature = (secret: string, timestamp: string, body: string) =>
  createHmac("sha256", secret).update(timestamp + body).digest("base64");

export class WebhookDeliveries {
  readonly log: DeliveryAttempt[] = [];
  private readonly queue: Job[] = [];
  private readonly tampers: Tamper[] = [];
  private paused = false;
  private flushing = 0;
  private stopped = false;
  private running?: Promise<void>;
  private readonly inFlight = new Set<AbortController>();
  private nextInvocation = 8_350_205_582;

  constructor(private readonly accountId: number, private readonly options: DeliveryOptions = {}) {}

  enqueue(job: Omit<Job, "invocationId">): string {
    if (this.stopped) return "";
    const invocationId = String(this.nextInvocation++);
    this.queue.push({ ...job, invocationId });
    if (!this.paused) void this.kick();
    return invocationId;
  }

  /** Holds deliveries in the queue until resume() or flush(). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    void this.kick();
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Delivers everything queued (even while paused) and waits for it, retries included. */
  async flush(): Promise<void> {
    this.flushing++;
    try {
      while (this.queue.length || this.running) await (this.running ?? this.kick());
    } finally {
      this.flushing--;
    }
  }

  /** Waits until nothing is being delivered (queued items stay queued while paused). */
  async idle(): Promise<void> {
    while (this.running || (!this.paused && this.queue.length)) await (this.running ?? this.kick());
  }

  /**
   * The next delivery is tampered with: signed with a wrong secret, stamped `ageSeconds` ago (default
   * 600; correctly signed over that old timestamp), or sent twice with the same invocation id, headers
   * and body.
   */
  tamperNext(kind: TamperKind, options: { ageSeconds?: number } = {}): void {
    this.tampers.push({ kind, ageSeconds: options.ageSeconds ?? 600 });
  }

  /** Sends a logged request again, byte for byte (a replay by someone who captured it). */
  async replay(invocationId: string): Promise<DeliveryAttempt> {
    const original = [...this.log].reverse().find((a) => a.invocationId === invocationId);
    if (!original) throw new Error(`fake webhooks: no delivery ${invocationId}`);
    const status = await this.send(original.request);
    const attempt: DeliveryAttempt = { ...original, attempt: original.attempt + 1, at: Date.now(), status, tamper: "replayed" };
    this.log.push(attempt);
    return attempt;
  }

  /** Drops the queue and aborts requests in flight (the server is closing). */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    for (const controller of this.inFlight) controller.abort();
  }

  /** One request, no retries, logged (POST /api/v2/webhooks/test). */
  async sendOnce(target: DeliveryTarget, body: string): Promise<{ status: number | "timeout" | "network-error"; text: string; headers: Record<string, string> }> {
    const invocationId = String(this.nextInvocation++);
    const request = this.request(target, this.stamp(), body, target.secret, invocationId);
    const result = await this.exchange(request);
    this.log.push({ webhookId: target.id, invocationId, eventId: null, type: "test", ticketId: null, attempt: 1, at: Date.now(), status: result.status, test: true, request });
    return result;
  }

  private kick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        while (this.queue.length && (!this.paused || this.flushing > 0) && !this.stopped) await this.deliver(this.queue.shift()!);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private stamp(ageSeconds = 0): string {
    return iso(Math.floor(Date.now() / 1000) - ageSeconds);
  }

  private request(target: DeliveryTarget, timestamp: string, body: string, secret: string, invocationId: string): DeliveryAttempt["request"] {
    const headers: Record<string, string> = {
      "content-type": "application/json; charset=utf-8",
      "user-agent": "Zendesk Webhook",
      ...target.custom_headers,
      ...authHeaders(target.authentication),
      "x-zendesk-account-id": String(this.accountId),
      "x-zendesk-webhook-id": target.id,
      "x-zendesk-webhook-invocation-id": invocationId,
      "x-zendesk-webhook-signature": webhookSignature(secret, timestamp, body),
      "x-zendesk-webhook-signature-timestamp": timestamp,
    };
    return { url: target.endpoint, method: target.http_method, headers, body };
  }

  private async deliver(job: Job): Promise<void> {
    const tamper = this.tampers.shift();
    const counts = { timeout: 0, conflict: 0, throttled: 0 };
    for (let attempt = 1; !this.stopped; attempt++) {
      const timestamp = this.stamp(tamper?.kind === "old-timestamp" ? tamper.ageSeconds : 0);
      const secret = tamper?.kind === "bad-signature" ? `${job.target.secret}-wrong` : job.target.secret;
      const request = this.request(job.target, timestamp, job.body, secret, job.invocationId);
      const result = await this.exchange(request);
      const entry: DeliveryAttempt = { webhookId: job.target.id, invocationId: job.invocationId, eventId: job.eventId, type: job.type, ticketId: job.ticketId, attempt, at: Date.now(), status: result.status, tamper: tamper?.kind, request };
      this.log.push(entry);
      if (tamper?.kind === "replay" && attempt === 1) {
        const again = await this.send(request);
        this.log.push({ ...entry, at: Date.now(), status: again, tamper: "replayed" });
      }
      const wait = this.retryWait(result.status, result.retryAfter, counts);
      if (wait === null) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Milliseconds to wait before retrying, or null when Zendesk would not retry. */
  private retryWait(status: number | "timeout" | "network-error", retryAfter: number | null, counts: { timeout: number; conflict: number; throttled: number }): number | null {
    const delay = this.options.retryDelayMs ?? 100;
    if (status === "timeout") return ++counts.timeout <= MAX_RETRIES.timeout ? delay : null;
    if (status === 409) return ++counts.conflict <= MAX_RETRIES.conflict ? delay : null;
    if ((status === 429 || status === 503) && retryAfter !== null && retryAfter < 60) {
      return ++counts.throttled <= MAX_RETRIES.throttled ? retryAfter * 1000 : null;
    }
    return null;
  }

  private async send(request: DeliveryAttempt["request"]): Promise<number | "timeout" | "network-error"> {
    return (await this.exchange(request)).status;
  }

  private async exchange(request: DeliveryAttempt["request"]): Promise<{ status: number | "timeout" | "network-error"; retryAfter: number | null; text: string; headers: Record<string, string> }> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort("timeout"), this.options.timeoutMs ?? 12_000);
    try {
      const res = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.method === "GET" || request.method === "DELETE" ? undefined : request.body,
        signal: controller.signal,
        redirect: "manual",
      });
      const text = await res.text();
      const retryAfter = res.headers.get("retry-after");
      return { status: res.status, retryAfter: retryAfter === null ? null : Number(retryAfter), text, headers: Object.fromEntries(res.headers) };
    } catch {
      return { status: controller.signal.aborted && controller.signal.reason === "timeout" ? "timeout" : "network-error", retryAfter: null, text: "", headers: {} };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }
}

function authHeaders(authentication: Json | undefined): Record<string, string> {
  if (!authentication) return {};
  const data = (authentication.data ?? {}) as Record<string, string>;
  if (authentication.type === "basic_auth") return { authorization: `Basic ${Buffer.from(`${data.username}:${data.password}`).toString("base64")}` };
  if (authentication.type === "bearer_token") return { authorization: `Bearer ${data.token}` };
  if (authentication.type === "api_key" && data.name) return { [data.name.toLowerCase()]: String(data.value ?? "") };
  return {};
}
