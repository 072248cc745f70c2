// The webhook route's work: anyone can call it, so it refuses cheaply and writes nothing until a
// delivery proves itself (a desk with real-time on, a body within the limit, Zendesk's signature with
// that desk's secret, a fresh timestamp, a signature not seen before). Then it queues the ticket in
// one statement and answers; fetching the ticket happens after the answer (Inngest, or this process).
// Bodies are never logged: they hold ticket contents.
import { dispatcher } from "@/lib/desks/dispatch";
import type { Caller } from "@/lib/desks/actor";
import { forgetWebhookDesk, webhookDesk, webhookDeskAge, type WebhookDesk } from "@/lib/desks/webhook-secrets";
import { countDelivery, type Refusal } from "@/lib/sync/realtime-counters";
import { pruneReceipts, recordDelivery } from "@/lib/sync/ticket-queue";
import { changedTicketOf, verifiedSignature } from "@/lib/zendesk/webhook-deliveries";

/** Zendesk's ticket event payloads are a few kilobytes; a comment of 64k characters, escaped, fits. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
/** Zendesk documents no tolerance; five minutes covers its retries and clock differences. */
const MAX_TIMESTAMP_AGE_MS = 5 * 60_000;
/** A secret read this long ago gets a second look before a signature is called bad (rotated elsewhere). */
const SECRET_RECHECK_MS = 5_000;
const PRUNE_EVERY_MS = 60_000;

export type WebhookAnswer = { status: number; body: { ok: true; ticketId?: number } | { error: string } };

const STATUS: Record<Refusal, number> = { "bad-signature": 401, "stale-timestamp": 401, replay: 409, "too-large": 413, malformed: 400 };
const WORDS: Record<Refusal, string> = {
  "bad-signature": "missing or invalid X-Zendesk-Webhook-Signature",
  "stale-timestamp": "X-Zendesk-Webhook-Signature-Timestamp is more than 5 minutes off",
  replay: "this delivery was received before",
  "too-large": `body larger than ${MAX_WEBHOOK_BODY_BYTES} bytes`,
  malformed: "the body is not JSON",
};

function refuse(desk: WebhookDesk, why: Refusal): WebhookAnswer {
  countDelivery(desk.deskId, `refused.${why}`);
  return { status: STATUS[why], body: { error: WORDS[why] } };
}

const NOT_FOUND: WebhookAnswer = { status: 404, body: { error: "no desk with real-time on here" } };

const holder = globalThis as unknown as { zdcReceiptsPrunedAt?: number };

export async function receiveZendeskWebhook(deskParam: string, request: Request, caller: Caller): Promise<WebhookAnswer> {
  if (!/^[1-9]\d{0,8}$/.test(deskParam)) return NOT_FOUND;
  const deskId = Number(deskParam);
  let desk = await webhookDesk(deskId);
  if (!desk) return NOT_FOUND;

  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_WEBHOOK_BODY_BYTES) return refuse(desk, "too-large");
  const body = await readLimited(request, MAX_WEBHOOK_BODY_BYTES);
  if (!body) return refuse(desk, "too-large");

  const signature = request.headers.get("x-zendesk-webhook-signature");
  const timestamp = request.headers.get("x-zendesk-webhook-signature-timestamp");
  if (!signature || !timestamp) return refuse(desk, "bad-signature");
  let verified = verifiedSignature(desk.secret, timestamp, body, signature);
  if (!verified && webhookDeskAge(deskId) > SECRET_RECHECK_MS) {
    // Real-time may have been turned on again (a new secret) by another process.
    forgetWebhookDesk(deskId);
    const fresh = await webhookDesk(deskId);
    if (!fresh) return NOT_FOUND;
    desk = fresh;
    verified = verifiedSignature(desk.secret, timestamp, body, signature);
  }
  if (!verified) return refuse(desk, "bad-signature");
  const sentAt = Date.parse(timestamp);
  if (!Number.isFinite(sentAt) || Math.abs(Date.now() - sentAt) > MAX_TIMESTAMP_AGE_MS) return refuse(desk, "stale-timestamp");

  // Authentic from here on. An inactive desk takes nothing; Zendesk need not retry.
  if (!desk.active) {
    countDelivery(deskId, "ignored");
    return { status: 200, body: { ok: true } };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body).toString("utf8"));
  } catch {
    return refuse(desk, "malformed");
  }
  const changed = changedTicketOf(payload);
  const fresh = await recordDelivery({ deskId, signature: verified, ticketId: changed?.ticketId ?? null, needsComments: changed?.needsComments ?? false });
  if (!fresh) return refuse(desk, "replay");
  countDelivery(deskId, changed ? "accepted" : "ignored");
  if (changed) caller.defer(() => fetchLater(deskId));
  if (Date.now() - (holder.zdcReceiptsPrunedAt ?? 0) > PRUNE_EVERY_MS) {
    holder.zdcReceiptsPrunedAt = Date.now();
    caller.defer(async () => {
      await pruneReceipts();
      return "webhook receipts pruned";
    });
  }
  return { status: 200, body: changed ? { ok: true, ticketId: changed.ticketId } : { ok: true } };
}

/** After the answer: Inngest gets an event, or this process fetches (coalescing with a fetch under way). */
async function fetchLater(deskId: number): Promise<string> {
  const dispatch = await dispatcher().ticketsChanged(deskId);
  if (dispatch.kind === "failed") throw new Error(dispatch.error);
  return dispatch.kind === "work" ? dispatch.work() : `desk ${deskId}: changed tickets queued for Inngest`;
}

/** The body as bytes, or null once it passes `limit` (reading stops there). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
