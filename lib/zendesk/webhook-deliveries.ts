// What arrives from a Zendesk webhook: the signature check (base64 HMAC-SHA256 of the timestamp header
// followed by the raw body, keyed with the webhook's signing secret; see
// https://developer.zendesk.com/documentation/webhooks/verifying/) and the ticket a payload names.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * The signature the body should carry, base64; null when `given` is not it. Compared in constant
 * time. The expected value is returned (not the header as sent) so a replay cannot pass as new by
 * spelling the same bytes differently.
 */
export function verifiedSignature(secret: string, timestamp: string, body: Uint8Array, given: string): string | null {
  const expected = createHmac("sha256", secret).update(timestamp).update(body).digest();
  const received = Buffer.from(given, "base64");
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) return null;
  return expected.toString("base64");
}

/** Events after which the ticket's comments are read too (a new ticket carries its first comment). */
const COMMENT_EVENTS = new Set(
  ["comment_added", "comment_made_private", "comment_redacted", "attachment_linked_to_comment", "attachment_redacted_from_comment", "created", "merged"].map(
    (name) => `zen:event-type:ticket.${name}`,
  ),
);

const id = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) {
    ctx.addIssue({ code: "custom", message: "not a ticket id" });
    return z.NEVER;
  }
  return n;
});

const payloadSchema = z.looseObject({
  type: z.string().nullish().catch(null),
  subject: z.string().nullish().catch(null),
  detail: z.looseObject({ id: id.nullish().catch(null) }).nullish().catch(null),
  /** A trigger-connected webhook carries the JSON its trigger writes, e.g. {"ticket_id": "{{ticket.id}}"}. */
  ticket_id: id.nullish().catch(null),
});

export type ChangedTicket = { ticketId: number; needsComments: boolean; type: string | null };

/**
 * The ticket a delivery is about: from `subject` ("zen:ticket:123"), a ticket event's `detail.id`, or a
 * trigger payload's `ticket_id`. Null for anything else (a test request, another kind of event).
 */
export function changedTicketOf(payload: unknown): ChangedTicket | null {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return null;
  const { type, subject, detail, ticket_id: ticketId } = parsed.data;
  const fromSubject = /^zen:ticket:(\d+)$/.exec(subject ?? "")?.[1];
  const isTicketEvent = Boolean(type?.startsWith("zen:event-type:ticket."));
  const found = fromSubject ? Number(fromSubject) : isTicketEvent ? detail?.id : ticketId;
  if (!found || !Number.isSafeInteger(found)) return null;
  // Without an event type (a trigger's own payload) the change may be anything, comments included.
  return { ticketId: found, needsComments: !type || COMMENT_EVENTS.has(type), type: type ?? null };
}
