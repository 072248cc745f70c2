// The queue of tickets webhook deliveries named as changed (realtime_ticket_queue), shared by every
// process: one row per ticket, so the several events of one action, or of one busy minute, become one
// fetch. Fetchers claim rows for a while instead of locking them, so a fetcher that dies leaves its
// rows to the next one; a row named again while it was being fetched stays for another fetch.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { json } from "@/lib/sync/upsert";

type Tx = Prisma.TransactionClient;

/** A delivery's signature is kept this long: older deliveries are refused as stale anyway (5 minutes). */
const RECEIPT_KEEP_MINUTES = 15;

export type Delivery = { deskId: number; signature: string; ticketId: number | null; needsComments: boolean };

/**
 * Records an accepted delivery and queues its ticket, in one statement: false (and nothing written)
 * when the same signature was accepted before, i.e. the request is a replay.
 */
export async function recordDelivery(delivery: Delivery): Promise<boolean> {
  const rows = await db().$queryRaw<{ fresh: boolean }[]>`
    WITH receipt AS (
      INSERT INTO webhook_receipts (desk_id, signature) VALUES (${delivery.deskId}, ${delivery.signature})
      ON CONFLICT (desk_id, signature) DO NOTHING RETURNING desk_id
    ), queued AS (
      INSERT INTO realtime_ticket_queue AS q (desk_id, ticket_id, needs_comments)
      SELECT desk_id, ${delivery.ticketId}::bigint, ${delivery.needsComments} FROM receipt WHERE ${delivery.ticketId}::bigint IS NOT NULL
      ON CONFLICT (desk_id, ticket_id) DO UPDATE SET notified_at = now(), needs_comments = q.needs_comments OR EXCLUDED.needs_comments
      RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM receipt) AS fresh`;
  return Boolean(rows[0]?.fresh);
}

/** Forgets signatures too old to be accepted again (called now and then, after a response). */
export async function pruneReceipts(): Promise<void> {
  await db().$executeRaw`DELETE FROM webhook_receipts WHERE received_at < now() - make_interval(mins => ${RECEIPT_KEEP_MINUTES})`;
}

/** Queues a ticket without a delivery (e.g. `desk realtime fetch`). */
export async function queueTicket(deskId: number, ticketId: number, needsComments = true): Promise<void> {
  await db().$executeRaw`
    INSERT INTO realtime_ticket_queue AS q (desk_id, ticket_id, needs_comments) VALUES (${deskId}, ${ticketId}, ${needsComments})
    ON CONFLICT (desk_id, ticket_id) DO UPDATE SET notified_at = now(), needs_comments = q.needs_comments OR EXCLUDED.needs_comments`;
}

export type Pending = { total: number; withComments: number; claimable: number; nextDueAt: Date | null; lastNotifiedAt: Date | null };

export type Timing = { debounceMs: number; maxDelayMs: number };

/**
 * What waits for a desk. A row is due once no delivery named it for `debounceMs` (the events of one
 * action come together), or once it has waited `maxDelayMs` whatever keeps naming it.
 */
export async function pendingTickets(deskId: number, timing: Timing): Promise<Pending> {
  const [row] = await db().$queryRaw<{ total: number; with_comments: number; claimable: number; next_due_at: Date | null; last_notified_at: Date | null }[]>`
    SELECT count(*)::int AS total, (count(*) FILTER (WHERE needs_comments))::int AS with_comments,
      (count(*) FILTER (WHERE claimed_until IS NULL OR claimed_until < now()))::int AS claimable,
      min(least(notified_at + make_interval(secs => ${timing.debounceMs / 1000}), first_notified_at + make_interval(secs => ${timing.maxDelayMs / 1000})))
        FILTER (WHERE claimed_until IS NULL OR claimed_until < now()) AS next_due_at,
      max(notified_at) AS last_notified_at
    FROM realtime_ticket_queue WHERE desk_id = ${deskId}`;
  return {
    total: row?.total ?? 0,
    withComments: row?.with_comments ?? 0,
    claimable: row?.claimable ?? 0,
    nextDueAt: row?.next_due_at ?? null,
    lastNotifiedAt: row?.last_notified_at ?? null,
  };
}

/** A claimed row; `notifiedAt` is kept as the database wrote it (microseconds), to tell a row named again. */
export type Claim = { ticketId: number; notifiedAt: string; needsComments: boolean };

/** Claims up to `limit` due rows, oldest first, for `claimMs`; rows other fetchers hold are skipped. */
export async function claimTickets(deskId: number, limit: number, timing: Timing, claimMs: number): Promise<Claim[]> {
  const rows = await db().$queryRaw<{ ticket_id: bigint; notified_at: string; needs_comments: boolean }[]>`
    UPDATE realtime_ticket_queue q SET claimed_until = now() + make_interval(secs => ${claimMs / 1000})
    FROM (
      SELECT desk_id, ticket_id FROM realtime_ticket_queue
      WHERE desk_id = ${deskId} AND (claimed_until IS NULL OR claimed_until < now())
        AND (notified_at <= now() - make_interval(secs => ${timing.debounceMs / 1000})
             OR first_notified_at <= now() - make_interval(secs => ${timing.maxDelayMs / 1000}))
      ORDER BY first_notified_at, ticket_id LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE q.desk_id = due.desk_id AND q.ticket_id = due.ticket_id
    RETURNING q.ticket_id, q.notified_at::text AS notified_at, q.needs_comments`;
  return rows.map((r) => ({ ticketId: Number(r.ticket_id), notifiedAt: r.notified_at, needsComments: r.needs_comments }));
}

/**
 * After the claimed tickets were stored (in the same transaction): rows nobody named since they were
 * claimed are done; the others are released for another fetch.
 */
export async function completeClaims(tx: Tx, deskId: number, claims: Claim[]): Promise<number> {
  if (claims.length === 0) return 0;
  const rows = json(claims.map((c) => ({ ticket_id: c.ticketId, notified_at: c.notifiedAt })));
  const done = await tx.$executeRaw`
    DELETE FROM realtime_ticket_queue q USING jsonb_to_recordset(${rows}::jsonb) AS r(ticket_id bigint, notified_at timestamptz)
    WHERE q.desk_id = ${deskId} AND q.ticket_id = r.ticket_id AND q.notified_at = r.notified_at`;
  await releaseClaims(deskId, claims, tx);
  return done;
}

/** Gives claimed rows back (a fetch that failed or must wait), for the next fetcher. */
export async function releaseClaims(deskId: number, claims: Claim[], tx: Tx = db()): Promise<void> {
  if (claims.length === 0) return;
  await tx.$executeRaw`
    UPDATE realtime_ticket_queue SET claimed_until = NULL
    WHERE desk_id = ${deskId} AND ticket_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(claims.map((c) => c.ticketId))}::jsonb)::bigint)`;
}

/**
 * After a sync that read every export to its end: what webhooks named before it started is stored by
 * now, so fetching it again would only spend requests.
 */
export async function dropCoveredTickets(deskId: number, syncStartedAt: Date): Promise<number> {
  return db().$executeRaw`
    DELETE FROM realtime_ticket_queue WHERE desk_id = ${deskId} AND notified_at < ${syncStartedAt}
      AND (claimed_until IS NULL OR claimed_until < now())`;
}

/** Empties a desk's queue (real-time turned off). */
export async function clearTicketQueue(deskId: number): Promise<void> {
  await db().$executeRaw`DELETE FROM realtime_ticket_queue WHERE desk_id = ${deskId}`;
}
