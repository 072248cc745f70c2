import "server-only";
// How fresh the copy of Zendesk is, for the ticket list, the ticket page and the desk page: per desk,
// when it was last known complete (a sync read the ticket export to its end, or the tickets webhooks
// named were fetched), and for the sync monitor, what the desk's webhook delivered and what it cost.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { shared, SHARED_TTL_MS } from "@/lib/data/shared-cache";

export type DeskFreshness = {
  deskId: number;
  name: string;
  realtime: boolean;
  /** The later of the last caught-up sync and the last real-time fetch; null before either. */
  updatedAt: Date | null;
  /** Tickets webhooks named that are not fetched yet. */
  queued: number;
};

type FreshnessRow = { id: number; name: string; realtime: boolean; updated_at: Date | null; queued: number };

const toFreshness = (r: FreshnessRow): DeskFreshness => ({ deskId: r.id, name: r.name, realtime: r.realtime, updatedAt: r.updated_at, queued: r.queued });

/** Active desks (or the ones named), by name. */
export async function listDeskFreshness(deskIds?: number[]): Promise<DeskFreshness[]> {
  const rows = await db().$queryRaw<FreshnessRow[]>`
    SELECT d.id, coalesce(d.name, d.domain) AS name, d.webhook_id IS NOT NULL AS realtime,
      -- The last catch-up of the exports (lib/sync/state.ts closeRun) or the last real-time fetch; greatest skips nulls.
      greatest(d.last_caught_up_at, d.realtime_fetched_at) AS updated_at,
      (SELECT count(*) FROM realtime_ticket_queue q WHERE q.desk_id = d.id)::int AS queued
    FROM desks d
    WHERE ${deskIds ? Prisma.sql`d.id = ANY(${deskIds}::int[])` : Prisma.sql`d.active`}
    ORDER BY coalesce(d.name, d.domain)`;
  return rows.map(toFreshness);
}

/** Every active desk's freshness for the ticket list: shared by all readers, at most a few seconds old. */
export function recentDeskFreshness(): Promise<DeskFreshness[]> {
  return shared("desk-freshness", SHARED_TTL_MS, () => listDeskFreshness());
}

export type TicketFreshness = { syncedAt: Date; desk: DeskFreshness };

/** When this ticket's row was last written, and its desk's freshness; null for an unknown row. */
export async function getTicketFreshness(ticketRowId: string): Promise<TicketFreshness | null> {
  if (!/^\d{1,19}$/.test(ticketRowId)) return null;
  const [row] = await db().$queryRaw<{ synced_at: Date; desk_id: number }[]>`
    SELECT synced_at, desk_id FROM zendesk_tickets WHERE id = ${ticketRowId}::bigint`;
  if (!row) return null;
  const [desk] = await listDeskFreshness([row.desk_id]);
  return desk ? { syncedAt: row.synced_at, desk } : null;
}

export type WebhookActivity = {
  deskId: number;
  realtime: boolean;
  windowMinutes: number;
  accepted: number;
  /** Authentic deliveries with nothing to fetch (a test request, a desk switched off). */
  ignored: number;
  /** Refusals by why, most first. */
  refused: { reason: string; count: number }[];
  lastDeliveryAt: Date | null;
  lastRefusal: { reason: string; at: Date } | null;
  fetchedTickets: number;
  fetchRequests: number;
  /** Bursts left to an export sync. */
  overflows: number;
};

const WINDOW_MINUTES = 60;

/** The last hour of webhook deliveries and real-time fetches per desk, from realtime_counters. */
export async function listWebhookActivity(deskIds: number[], now = new Date()): Promise<Map<number, WebhookActivity>> {
  const result = new Map<number, WebhookActivity>();
  if (deskIds.length === 0) return result;
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const [desks, counts] = await Promise.all([
    db().desk.findMany({ where: { id: { in: deskIds } }, select: { id: true, webhookId: true } }),
    db().$queryRaw<{ desk_id: number; name: string; value: number; last_at: Date }[]>`
      SELECT desk_id, name, sum(value)::int AS value, max(last_at) AS last_at FROM realtime_counters
      WHERE desk_id = ANY(${deskIds}::int[]) AND minute >= date_trunc('minute', ${since}::timestamptz)
      GROUP BY desk_id, name`,
  ]);
  for (const desk of desks) {
    result.set(desk.id, {
      deskId: desk.id,
      realtime: desk.webhookId !== null,
      windowMinutes: WINDOW_MINUTES,
      accepted: 0,
      ignored: 0,
      refused: [],
      lastDeliveryAt: null,
      lastRefusal: null,
      fetchedTickets: 0,
      fetchRequests: 0,
      overflows: 0,
    });
  }
  for (const count of counts) {
    const activity = result.get(count.desk_id);
    if (!activity) continue;
    const isDelivery = count.name.startsWith("delivery.");
    if (isDelivery && (!activity.lastDeliveryAt || count.last_at > activity.lastDeliveryAt)) activity.lastDeliveryAt = count.last_at;
    if (count.name === "delivery.accepted") activity.accepted = count.value;
    else if (count.name === "delivery.ignored") activity.ignored = count.value;
    else if (count.name.startsWith("delivery.refused.")) {
      const reason = count.name.slice("delivery.refused.".length);
      activity.refused.push({ reason, count: count.value });
      if (!activity.lastRefusal || count.last_at > activity.lastRefusal.at) activity.lastRefusal = { reason, at: count.last_at };
    } else if (count.name === "fetch.tickets") activity.fetchedTickets = count.value;
    else if (count.name === "fetch.requests") activity.fetchRequests = count.value;
    else if (count.name === "fetch.overflows") activity.overflows = count.value;
  }
  for (const activity of result.values()) activity.refused.sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return result;
}
