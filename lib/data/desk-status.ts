// The desks list and sync monitor header: each desk's public settings plus how far behind it is,
// how many tickets it holds and whether a sync is running now.
import { db } from "@/lib/db/client";
import { listDesks, type Desk } from "@/lib/data/desks";

export type DeskStatus = Desk & {
  tickets: number;
  /** Seconds between now and the newest Zendesk change synced; null before the first ticket. */
  lagSeconds: number | null;
  running: boolean;
};

export function lagSeconds(newestChangeAt: Date | null, now: Date): number | null {
  if (!newestChangeAt) return null;
  return Math.max(0, Math.round((now.getTime() - newestChangeAt.getTime()) / 1000));
}

export async function listDeskStatuses(now = new Date()): Promise<DeskStatus[]> {
  const [desks, counts, running] = await Promise.all([
    listDesks(),
    // Grouped in SQL; the (desk_id, updated_at) index makes this an index-only scan.
    db().zendeskTicket.groupBy({ by: ["deskId"], _count: { _all: true } }),
    db().syncRun.findMany({ where: { status: "running" }, select: { deskId: true }, distinct: ["deskId"] }),
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

