// The desks list and sync monitor header: each desk's public settings plus how far behind it is,
// how many tickets it holds and whether a sync is running now.
import { db } from "@/lib/db/client";
import { findDesk, listDesks, type Desk } from "@/lib/data/desks";

export type DeskStatus = Desk & {
  tickets: number;
  /** Seconds between now and the newest Zendesk change synced; null before the first ticket. */
  lagSeconds: number | null;
  running: boolean;
};

function lagSeconds(newestChangeAt: Date | null, now: Date): number | null {
  if (!newestChangeAt) return null;
  return Math.max(0, Math.round((now.getTime() - newestChangeAt.getTime()) / 1000));
}

export async function listDeskStatuses(now = new Date()): Promise<DeskStatus[]> {
  return statusesOf(await listDesks(), now);
}

/** One desk's status, or null when there is no such desk. */
export async function findDeskStatus(deskId: number, now = new Date()): Promise<DeskStatus | null> {
  const desk = await findDesk(deskId);
  return desk ? ((await statusesOf([desk], now))[0] ?? null) : null;
}

async function statusesOf(desks: Desk[], now: Date): Promise<DeskStatus[]> {
  const ids = desks.map((d) => d.id);
  const [counts, running] = await Promise.all([
    // Grouped in SQL; the (desk_id, updated_at) index makes this an index-only scan.
    db().zendeskTicket.groupBy({ by: ["deskId"], where: { deskId: { in: ids } }, _count: { _all: true } }),
    db().syncRun.findMany({ where: { status: "running", deskId: { in: ids } }, select: { deskId: true }, distinct: ["deskId"] }),
  ]);
  const ticketsByDesk = new Map(counts.map((c) => [c.deskId, c._count._all]));
  const runningDesks = new Set(running.map((r) => r.deskId));
  return desks.map((desk) => ({
    ...desk,
    tickets: ticketsByDesk.get(desk.id) ?? 0,
    lagSeconds: lagSeconds(desk.newestChangeAt, now),
    running: runningDesks.has(desk.id),
  }));
}

