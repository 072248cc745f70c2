import "server-only";
// The desks list and sync monitor header: each desk's public settings plus how far behind it is,
// how many tickets it holds and whether a sync is running now.
import { db } from "@/lib/db/client";
import { deskLockHeld } from "@/lib/db/locks";
import { Prisma } from "@/lib/generated/prisma/client";
import { findDesk, listDesks, type Desk } from "@/lib/data/desks";

/** What the sync monitor needs: cheap enough to re-read every few seconds. */
export type DeskSyncState = Desk & {
  /** Seconds between now and the newest Zendesk change synced; null before the first ticket. */
  lagSeconds: number | null;
  running: boolean;
};

/** The desks pages add the ticket count, which costs a scan of the desk's index entries. */
export type DeskStatus = DeskSyncState & { tickets: number };

function lagSeconds(newestChangeAt: Date | null, now: Date): number | null {
  if (!newestChangeAt) return null;
  return Math.max(0, Math.round((now.getTime() - newestChangeAt.getTime()) / 1000));
}

export async function listDeskSyncStates(now = new Date()): Promise<DeskSyncState[]> {
  return syncStatesOf(await listDesks(), now);
}

export async function findDeskSyncState(deskId: number, now = new Date()): Promise<DeskSyncState | null> {
  const desk = await findDesk(deskId);
  return desk ? ((await syncStatesOf([desk], now))[0] ?? null) : null;
}

export async function listDeskStatuses(now = new Date()): Promise<DeskStatus[]> {
  return withTickets(await listDeskSyncStates(now));
}

/** One desk's status, or null when there is no such desk. */
export async function findDeskStatus(deskId: number, now = new Date()): Promise<DeskStatus | null> {
  const state = await findDeskSyncState(deskId, now);
  return state ? ((await withTickets([state]))[0] ?? null) : null;
}

/**
 * A run marked running counts only while someone still holds the desk's lock, when a lock guards it:
 * a CLI or app process killed mid-sync leaves its row behind until the next run closes it. Inngest
 * runs hold no lock; Inngest itself retries or fails them.
 */
async function syncStatesOf(desks: Desk[], now: Date): Promise<DeskSyncState[]> {
  const running = await db().$queryRaw<{ desk_id: number }[]>`
    SELECT DISTINCT r.desk_id FROM sync_runs r
    WHERE r.status = 'running' AND r.desk_id = ANY(${desks.map((d) => d.id)}::int[])
      AND (NOT r.holds_desk_lock OR ${deskLockHeld(Prisma.sql`r.desk_id`)})`;
  const runningDesks = new Set(running.map((r) => r.desk_id));
  return desks.map((desk) => ({ ...desk, lagSeconds: lagSeconds(desk.newestChangeAt, now), running: runningDesks.has(desk.id) }));
}

async function withTickets(states: DeskSyncState[]): Promise<DeskStatus[]> {
  // Grouped in SQL; the (desk_id, updated_at) index makes this an index-only scan.
  const counts = await db().zendeskTicket.groupBy({
    by: ["deskId"],
    where: { deskId: { in: states.map((s) => s.id) } },
    _count: { _all: true },
  });
  const ticketsByDesk = new Map(counts.map((c) => [c.deskId, c._count._all]));
  return states.map((state) => ({ ...state, tickets: ticketsByDesk.get(state.id) ?? 0 }));
}
