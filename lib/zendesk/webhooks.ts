// The Webhooks API (https://developer.zendesk.com/api-reference/webhooks/webhooks-api/webhooks/): the
// one webhook real time needs, subscribed to every ticket event type, pointed at this app, its signing
// secret, a test request, and removal. Needs an admin's credentials (webhooks:read/write).
import { z } from "zod";
import type { ZendeskClient } from "@/lib/zendesk/client";
import { ZendeskNotFoundError } from "@/lib/zendesk/errors";

/**
 * Zendesk has no "ticket changed" event: any change is one (or several) of these. Event-subscribed
 * webhooks must POST JSON; their payload is Zendesk's and always signed.
 */
export const TICKET_EVENT_TYPES = [
  "agent_assignment_changed", "attachment_linked_to_comment", "attachment_redacted_from_comment", "brand_changed",
  "comment_added", "comment_made_private", "comment_redacted", "custom_field_changed", "custom_status_changed",
  "description_changed", "external_id_changed", "email_ccs_changed", "followers_changed", "form_changed",
  "group_assignment_changed", "organization_changed", "priority_changed", "problem_link_changed", "requester_changed",
  "status_changed", "subject_changed", "submitter_changed", "tags_changed", "task_due_at_changed", "created",
  "marked_as_spam", "merged", "permanently_deleted", "soft_deleted", "type_changed", "sla_policy_changed",
  "schedule_changed", "ola_policy_changed",
].map((name) => `zen:event-type:ticket.${name}`);

const webhookSchema = z.looseObject({ id: z.string().min(1), endpoint: z.string().nullish(), status: z.string().nullish() });
const created = z.looseObject({ webhook: webhookSchema });
const listed = z.looseObject({
  webhooks: z.array(z.unknown()).nullish(),
  meta: z.looseObject({ has_more: z.boolean().nullish(), after_cursor: z.string().nullish() }).nullish(),
  links: z.looseObject({ next: z.string().nullish() }).nullish(),
});
const secretSchema = z.looseObject({ signing_secret: z.looseObject({ secret: z.string().min(1) }) });
const testedSchema = z.looseObject({ response: z.looseObject({ status: z.coerce.number().nullish() }).nullish() });
const nothing = z.unknown();

export type WebhookSpec = { name: string; endpoint: string; description: string };

/** Creates an active webhook subscribed to every ticket event; returns its id. */
export async function createTicketWebhook(client: ZendeskClient, spec: WebhookSpec): Promise<string> {
  const body = {
    webhook: {
      name: spec.name,
      description: spec.description,
      endpoint: spec.endpoint,
      http_method: "POST",
      request_format: "json",
      status: "active",
      subscriptions: TICKET_EVENT_TYPES,
    },
  };
  return (await client.send("POST", "/api/v2/webhooks", body, created)).webhook.id;
}

/** The secret Zendesk signs the webhook's requests with. */
export async function fetchWebhookSecret(client: ZendeskClient, webhookId: string): Promise<string> {
  return (await client.get(`/api/v2/webhooks/${encodeURIComponent(webhookId)}/signing_secret`, {}, secretSchema)).signing_secret.secret;
}

/** Removes a webhook; false when Zendesk has no such webhook (removed already). */
export async function deleteWebhook(client: ZendeskClient, webhookId: string): Promise<boolean> {
  try {
    await client.send("DELETE", `/api/v2/webhooks/${encodeURIComponent(webhookId)}`, undefined, nothing);
    return true;
  } catch (error) {
    if (error instanceof ZendeskNotFoundError) return false;
    throw error;
  }
}

const MAX_PAGES = 20;

/** Ids of the account's webhooks that deliver to `endpoint` (a leftover of an earlier attempt). */
export async function findWebhooksTo(client: ZendeskClient, endpoint: string): Promise<string[]> {
  const ids: string[] = [];
  let next: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body: z.infer<typeof listed> = await client.get(next ?? "/api/v2/webhooks", next ? {} : { "page[size]": 100 }, listed);
    for (const item of body.webhooks ?? []) {
      const parsed = webhookSchema.safeParse(item);
      if (parsed.success && parsed.data.endpoint === endpoint) ids.push(parsed.data.id);
    }
    next = body.meta?.has_more ? (body.links?.next ?? null) : null;
    if (!next) break;
  }
  return ids;
}

/**
 * Asks Zendesk to send the webhook a test request (signed with its secret): the HTTP status Zendesk
 * got from the endpoint, or null when its answer does not say.
 */
export async function testWebhook(client: ZendeskClient, webhookId: string, endpoint: string): Promise<number | null> {
  const body = { webhook: { endpoint, http_method: "POST", request_format: "json" } };
  const answer = await client.send("POST", "/api/v2/webhooks/test", body, testedSchema, { webhook_id: webhookId });
  return answer.response?.status ?? null;
}
