// The Webhooks API (create/clone, list, show, update, patch, delete, signing secret show/reset, test)
// and the link from ticket changes to deliveries: every active webhook subscribed to a ticket event
// type gets a signed request for it. Webhooks connected to triggers ("conditional_ticket_events") are
// stored but never fire: the fake has no triggers. Shapes: /work/notes/zendesk-webhooks.md.
import { randomBytes, randomUUID } from "node:crypto";
import { iso, type Json } from "@/lib/testing/fake-zendesk/factory";
import { noContent, type FakeRequest, type Reply } from "@/lib/testing/fake-zendesk/reply";
import type { FakeState } from "@/lib/testing/fake-zendesk/state";
import { WebhookDeliveries, type DeliveryOptions, type DeliveryTarget } from "@/lib/testing/fake-zendesk/webhook-delivery";
import { TICKET_EVENT_TYPES, ticketDetail, ticketEvents } from "@/lib/testing/fake-zendesk/webhook-events";

export type WebhookRecord = {
  id: string;
  name: string;
  description?: string;
  endpoint: string;
  http_method: string;
  request_format: string;
  status: "active" | "inactive";
  subscriptions: string[];
  authentication?: Json;
  custom_headers?: Record<string, string>;
  signing_secret: { algorithm: "SHA256"; secret: string };
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
};

/** Test requests sent before a webhook exists are signed with this static secret. */
const TEST_SIGNING_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";

const CONDITIONAL = "conditional_ticket_events";
const USER_EVENTS = /^zen:event-type:(user|organization|article|community_post|agent_availability|omnichannel_config)\./;
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const newId = () => `01${Array.from(randomBytes(24), (b) => CROCKFORD[b % 32]).join("")}`;
const newSecret = () => randomBytes(32).toString("base64url");
const now = () => iso(Math.floor(Date.now() / 1000));
const errors = (status: number, code: string, title: string): Reply => ({ status, body: { errors: [{ code, title }] } });
const notFound = () => errors(404, "RecordNotFound", "Webhook not found");

export class FakeWebhooks {
  readonly webhooks: WebhookRecord[] = [];
  readonly deliveries: WebhookDeliveries;

  constructor(private readonly state: FakeState, private readonly accountId: number, private readonly link: (path: string) => string, options: DeliveryOptions = {}) {
    this.deliveries = new WebhookDeliveries(accountId, options);
    state.onTicketChange((change) => {
      const events = ticketEvents(state.account, change);
      for (const { type, event } of events) {
        for (const webhook of this.webhooks) {
          if (webhook.status !== "active" || !webhook.subscriptions.includes(type)) continue;
          const payload = {
            type,
            account_id: accountId,
            id: randomUUID(),
            time: now(),
            zendesk_event_version: "2022-11-06",
            subject: `zen:ticket:${change.ticket.id}`,
            detail: ticketDetail(change.ticket, 5000),
            event,
          };
          this.deliveries.enqueue({ target: target(webhook), eventId: payload.id, type, ticketId: change.ticket.id, body: JSON.stringify(payload) });
        }
      }
    });
  }

  /** Creates a webhook as POST /api/v2/webhooks would (throws on invalid input). */
  create(input: Json, actorId = 5000): WebhookRecord {
    const result = this.build(input, actorId);
    if (!("id" in result)) throw new Error(`fake webhooks: ${JSON.stringify(result.body)}`);
    this.webhooks.push(result);
    return result;
  }

  find(id: string): WebhookRecord | undefined {
    return this.webhooks.find((w) => w.id === id);
  }

  async handle(req: FakeRequest, actorId: number): Promise<Reply | undefined> {
    if (!req.path.startsWith("/api/v2/webhooks")) return undefined;
    const input = (req.body.json?.webhook ?? undefined) as Json | undefined;
    if (req.path === "/api/v2/webhooks") {
      if (req.method === "GET") return this.list(req.query);
      if (req.method !== "POST") return undefined;
      const cloneOf = req.query.get("clone_webhook_id");
      if (cloneOf) {
        const source = this.find(cloneOf);
        if (!source) return notFound();
        const copy: Json = { ...source, name: `${source.name} (copy)` };
        delete copy.signing_secret;
        return this.created(copy, actorId);
      }
      if (!input) return errors(400, "InvalidInput", "webhook is required");
      return this.created(input, actorId);
    }
    if (req.path === "/api/v2/webhooks/test" && req.method === "POST") return this.test(req, input);
    const m = /^\/api\/v2\/webhooks\/([^/]+)(\/signing_secret)?$/.exec(req.path);
    if (!m) return undefined;
    const webhook = this.find(m[1]!);
    if (!webhook) return notFound();
    if (m[2]) {
      if (req.method === "GET") return { status: 200, body: { signing_secret: webhook.signing_secret } };
      if (req.method !== "POST") return undefined;
      webhook.signing_secret = { algorithm: "SHA256", secret: newSecret() };
      return { status: 201, body: { signing_secret: webhook.signing_secret } };
    }
    if (req.method === "GET") return { status: 200, body: { webhook: this.json(webhook) } };
    if (req.method === "DELETE") {
      this.webhooks.splice(this.webhooks.indexOf(webhook), 1);
      return noContent();
    }
    if (req.method === "PUT" || req.method === "PATCH") {
      if (!input) return errors(400, "InvalidInput", "webhook is required");
      const merged = req.method === "PATCH" ? { ...webhook, ...input } : { ...input, signing_secret: webhook.signing_secret };
      const result = this.build(merged, actorId, webhook);
      if (!("id" in result)) return result;
      Object.assign(webhook, result);
      return noContent();
    }
    return undefined;
  }

  private created(input: Json, actorId: number): Reply {
    const result = this.build(input, actorId);
    if (!("id" in result)) return result;
    this.webhooks.push(result);
    return { status: 201, body: { webhook: this.json(result) } };
  }

  /** Validates and builds a webhook; `existing` keeps its id, creation and connection method. */
  private build(input: Json, actorId: number, existing?: WebhookRecord): WebhookRecord | Reply {
    for (const field of ["name", "endpoint", "http_method", "request_format", "status"]) {
      if (typeof input[field] !== "string" || !input[field]) return errors(400, "InvalidValue", `${field} is required`);
    }
    try {
      const url = new URL(String(input.endpoint));
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
    } catch {
      return errors(400, "InvalidValue", "endpoint must be an http(s) URL");
    }
    if (!["GET", "POST", "PUT", "PATCH", "DELETE"].includes(String(input.http_method))) return errors(400, "InvalidValue", "http_method is invalid");
    if (!["json", "xml", "form_encoded"].includes(String(input.request_format))) return errors(400, "InvalidValue", "request_format is invalid");
    if (input.status !== "active" && input.status !== "inactive") return errors(400, "InvalidValue", "status must be active or inactive");
    const subscriptions = (input.subscriptions ?? []) as unknown;
    if (!Array.isArray(subscriptions) || subscriptions.some((s) => typeof s !== "string")) return errors(400, "InvalidValue", "subscriptions must be an array of strings");
    const conditional = subscriptions.includes(CONDITIONAL);
    if (conditional && subscriptions.length > 1) return errors(400, "InvalidValue", "conditional_ticket_events can't be combined with event types");
    for (const s of subscriptions as string[]) {
      if (s !== CONDITIONAL && !TICKET_EVENT_TYPES.includes(s) && !USER_EVENTS.test(s)) return errors(400, "InvalidValue", `unknown event type ${s}`);
    }
    const events = subscriptions.length > 0 && !conditional;
    if (events && (input.http_method !== "POST" || input.request_format !== "json")) return errors(400, "InvalidValue", "webhooks subscribed to events must use POST and json");
    if (existing && existing.subscriptions.length > 0 && subscriptions.length > 0 && existing.subscriptions.includes(CONDITIONAL) !== conditional) {
      return errors(400, "InvalidValue", "a webhook's connection method can't be changed");
    }
    const secret = input.signing_secret as { secret?: string } | undefined;
    const at = now();
    return {
      id: existing?.id ?? newId(),
      name: String(input.name),
      description: input.description === undefined ? undefined : String(input.description),
      endpoint: String(input.endpoint),
      http_method: String(input.http_method),
      request_format: String(input.request_format),
      status: input.status,
      subscriptions: subscriptions as string[],
      authentication: input.authentication as Json | undefined,
      custom_headers: input.custom_headers as Record<string, string> | undefined,
      signing_secret: { algorithm: "SHA256", secret: existing?.signing_secret.secret ?? secret?.secret ?? newSecret() },
      created_at: existing?.created_at ?? at,
      created_by: existing?.created_by ?? String(actorId),
      updated_at: at,
      updated_by: String(actorId),
    };
  }

  /** The webhook as the API shows it: no signing secret (that has its own endpoint), no credentials. */
  private json(webhook: WebhookRecord): Json {
    const shown: Json = { ...webhook };
    delete shown.signing_secret;
    if (webhook.authentication) shown.authentication = { type: webhook.authentication.type, add_position: webhook.authentication.add_position ?? "header" };
    return JSON.parse(JSON.stringify(shown)) as Json;
  }

  private list(query: URLSearchParams): Reply {
    let items = [...this.webhooks];
    const contains = query.get("filter[name_contains]");
    if (contains) items = items.filter((w) => w.name.includes(contains));
    const status = query.get("filter[status]");
    if (status) items = items.filter((w) => w.status === status);
    const sort = query.get("sort");
    if (sort === "name" || sort === "status") items.sort((a, b) => a[sort].localeCompare(b[sort]));
    const size = Math.min(100, Math.max(1, Number(query.get("page[size]") ?? 100) || 100));
    const after = query.get("page[after]");
    const from = after ? Number(Buffer.from(after, "base64url").toString()) || 0 : 0;
    const page = items.slice(from, from + size);
    const more = from + size < items.length;
    const next = more ? Buffer.from(String(from + size)).toString("base64url") : null;
    return {
      status: 200,
      body: {
        webhooks: page.map((w) => this.json(w)),
        meta: { has_more: more, after_cursor: next, before_cursor: null },
        links: { next: next ? this.link(`/api/v2/webhooks?page%5Bsize%5D=${size}&page%5Bafter%5D=${next}`) : null, prev: null },
      },
    };
  }

  private async test(req: FakeRequest, input: Json | undefined): Promise<Reply> {
    const id = req.query.get("webhook_id");
    const existing = id ? this.find(id) : undefined;
    if (id && !existing) return notFound();
    const merged = { ...(existing ?? {}), ...(input ?? {}) } as Partial<WebhookRecord>;
    if (!merged.endpoint) return errors(400, "InvalidValue", "endpoint is required");
    const payload = req.body.json?.request_body ?? req.body.json?.payload ?? { type: "zen:event-type:webhook.test", account_id: this.accountId };
    const body = typeof payload === "string" ? payload : JSON.stringify(payload);
    const result = await this.deliveries.sendOnce(
      { ...target({ ...merged, id: existing?.id ?? "test" } as WebhookRecord), secret: existing?.signing_secret.secret ?? TEST_SIGNING_SECRET },
      body,
    );
    return { status: 200, body: { response: { status: typeof result.status === "number" ? result.status : 0, headers: result.headers, body: result.text } } };
  }
}

function target(webhook: WebhookRecord): DeliveryTarget {
  return {
    id: webhook.id,
    endpoint: webhook.endpoint,
    http_method: webhook.http_method ?? "POST",
    secret: webhook.signing_secret?.secret ?? TEST_SIGNING_SECRET,
    authentication: webhook.authentication,
    custom_headers: webhook.custom_headers,
  };
}
