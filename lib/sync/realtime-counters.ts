// Per-desk, per-minute counts for the sync monitor: webhook deliveries (accepted, ignored, refused and
// why) and real-time fetches. Fetches count inside their own transaction. Deliveries are counted in
// this process's memory and written at most once a second per process: the webhook route is open to
// anyone, so a flood of refused requests must not become a flood of writes (a refusal writes nothing
// at the time it is answered).
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { json } from "@/lib/sync/upsert";

type Tx = Prisma.TransactionClient;

export type Refusal = "bad-signature" | "stale-timestamp" | "replay" | "too-large" | "malformed";

/** What one delivery came to; refusals carry why. */
export type DeliveryOutcome = "accepted" | "ignored" | `refused.${Refusal}`;

export type CounterName = `delivery.${DeliveryOutcome}` | "fetch.tickets" | "fetch.requests" | "fetch.overflows";

type Count = { deskId: number; minute: string; name: CounterName; value: number; lastAt: string };

const FLUSH_MS = 1_000;
/** Counts older than this are of no use to the monitor. */
const KEEP_DAYS = 7;

type CountBuffer = { pending: Map<string, Count>; timer?: NodeJS.Timeout; prunedAt: number };
const holder = globalThis as unknown as { zdcDeliveryCounts?: CountBuffer };
const buffer = (): CountBuffer => (holder.zdcDeliveryCounts ??= { pending: new Map(), prunedAt: 0 });

const minuteOf = (at: Date) => new Date(Math.floor(at.getTime() / 60_000) * 60_000).toISOString();

/** Adds to the counters in the caller's transaction (a fetch's own). */
export async function addCounts(tx: Tx, deskId: number, counts: Partial<Record<CounterName, number>>, at = new Date()): Promise<void> {
  const rows = Object.entries(counts)
    .filter(([, value]) => value)
    .map(([name, value]) => ({ desk_id: deskId, minute: minuteOf(at), name, value, last_at: at.toISOString() }));
  await write(tx, rows);
}

/** The sum of a counter over the last `seconds` (whole minutes, so up to a minute more). */
export async function recentCount(deskId: number, name: CounterName, seconds: number): Promise<number> {
  const [row] = await db().$queryRaw<{ value: number }[]>`
    SELECT coalesce(sum(value), 0)::int AS value FROM realtime_counters
    WHERE desk_id = ${deskId} AND name = ${name} AND minute >= date_trunc('minute', now() - make_interval(secs => ${seconds}))`;
  return row?.value ?? 0;
}

/** Counts one delivery; written within about a second, by a timer that keeps no process alive. */
export function countDelivery(deskId: number, outcome: DeliveryOutcome, at = new Date()): void {
  const state = buffer();
  const name: CounterName = `delivery.${outcome}`;
  const minute = minuteOf(at);
  const key = `${deskId}|${minute}|${name}`;
  const count = state.pending.get(key) ?? { deskId, minute, name, value: 0, lastAt: at.toISOString() };
  count.value++;
  count.lastAt = at.toISOString();
  state.pending.set(key, count);
  state.timer ??= setTimeout(() => void flushDeliveryCounts().catch(logFailure), FLUSH_MS).unref();
}

function logFailure(error: unknown): void {
  const code = (error as { code?: string }).code;
  console.error(`webhook delivery counts not written yet (${code ?? (error instanceof Error ? error.message : String(error))}); kept for the next try`);
}

/** Writes the counted deliveries now (the timer does it on its own; tests and shutdown call it). */
export async function flushDeliveryCounts(): Promise<void> {
  const state = buffer();
  clearTimeout(state.timer);
  state.timer = undefined;
  const counts = [...state.pending.values()];
  state.pending.clear();
  if (counts.length === 0) return;
  const rows = counts.map((c) => ({ desk_id: c.deskId, minute: c.minute, name: c.name, value: c.value, last_at: c.lastAt }));
  try {
    // A desk removed since its deliveries were counted has nowhere to keep them.
    await write(db(), rows, true);
  } catch (error) {
    // Kept for the next flush (a desk removed meanwhile, a database restarting).
    for (const count of counts) {
      const key = `${count.deskId}|${count.minute}|${count.name}`;
      const pending = state.pending.get(key);
      if (pending) pending.value += count.value;
      else state.pending.set(key, count);
    }
    throw error;
  }
  if (Date.now() - state.prunedAt > 3_600_000) {
    state.prunedAt = Date.now();
    await db().$executeRaw`DELETE FROM realtime_counters WHERE minute < now() - make_interval(days => ${KEEP_DAYS})`;
  }
}

async function write(tx: Tx, rows: { desk_id: number; minute: string; name: string; value: number; last_at: string }[], onlyExistingDesks = false): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO realtime_counters AS c (desk_id, minute, name, value, last_at)
    SELECT r.desk_id, r.minute, r.name, r.value, r.last_at
    FROM jsonb_to_recordset(${json(rows)}::jsonb) AS r(desk_id int, minute timestamptz, name text, value int, last_at timestamptz)
    WHERE ${onlyExistingDesks ? Prisma.sql`EXISTS (SELECT 1 FROM desks d WHERE d.id = r.desk_id)` : Prisma.sql`true`}
    ON CONFLICT (desk_id, minute, name) DO UPDATE SET value = c.value + EXCLUDED.value, last_at = greatest(c.last_at, EXCLUDED.last_at)`;
}
