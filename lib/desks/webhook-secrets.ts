// The webhook route's view of a desk: active or not, and its signing secret, cached in this process
// for a short while. The route is open to anyone, so a flood of requests for a desk that does not
// exist (or has real-time off) costs one cheap database read per desk id and minute, not one each.
import { openSecret } from "@/lib/crypto";
import { findWebhookSecret } from "@/lib/data/desk-realtime";

export type WebhookDesk = { deskId: number; active: boolean; secret: string };

type Entry = { desk: WebhookDesk | null; at: number };

const TTL_MS = 60_000;
/** Past this many desk ids (most of them guesses), the cache starts over rather than grow. */
const MAX_ENTRIES = 1_000;

const holder = globalThis as unknown as { zdcWebhookDesks?: Map<number, Entry> };
const cache = () => (holder.zdcWebhookDesks ??= new Map());

/** The desk as the route needs it, or null: no such desk, or real-time is off. */
export async function webhookDesk(deskId: number, maxAgeMs = TTL_MS): Promise<WebhookDesk | null> {
  const entries = cache();
  const hit = entries.get(deskId);
  if (hit && Date.now() - hit.at < maxAgeMs) return hit.desk;
  const row = await findWebhookSecret(deskId);
  const desk = row ? { deskId, active: row.active, secret: openSecret(row.secretCiphertext) } : null;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(deskId, { desk, at: Date.now() });
  return desk;
}

/** How long ago the cached entry was read (for a second look at a secret that may have changed). */
export function webhookDeskAge(deskId: number): number {
  const hit = cache().get(deskId);
  return hit ? Date.now() - hit.at : Number.POSITIVE_INFINITY;
}

/** After real-time was turned on or off (or the desk changed) in this process. */
export function forgetWebhookDesk(deskId?: number): void {
  if (deskId === undefined) cache().clear();
  else cache().delete(deskId);
}
