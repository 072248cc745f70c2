import "server-only";
// The desks list, the sync monitor and the overview's health strip: each desk's public settings plus
// how far behind it is, whether a sync is running or waiting for Zendesk's rate limit, and one health
// verdict with its reason, computed here once so every page says the same.
import { db } from "@/lib/db/client";
import { deskLockHeld } from "@/lib/db/locks";
import { Prisma } from "@/lib/generated/prisma/client";
import { findDesk, listDesks, type Desk } from "@/lib/data/desks";
import { liveTicketsPerDesk } from "@/lib/data/rollups";
import { NOT_CONNECTED, reconnectText } from "@/lib/validations/desk-auth";

type DeskHealthState = "ok" | "catching-up" | "inactive" | "not-connected" | "reconnect" | "failing" | "rate-limited" | "stale";
export type DeskHealth = { state: DeskHealthState; reason: string };

/** What the sync monitor needs: cheap enough to re-read every few seconds. */
export type DeskSyncState = Desk & {
  /** When a sync last reached the end of both exports. */
  lastCaughtUpAt: Date | null;
  /** Seconds since then: how old the newest data may be. Null before the first catch-up. */
  lagSeconds: number | null;
  running: boolean;
  /** The running sync waits for Zendesk's rate limit until then (null when it is not waiting). */
  waitingUntil: Date | null;
  health: DeskHealth;
};

/** The desks pages add the number of tickets (deleted ones excluded, as everywhere). */
export type DeskStatus = DeskSyncState & { tickets: number };

/** A desk is stale when its last catch-up is older than this many wait intervals, and at least STALE_MIN. */
const STALE_INTERVALS = 5;
const STALE_MIN_SECONDS = 15 * 60;

function staleAfterSeconds(waitIntervalSeconds: number): number {
  return Math.max(STALE_MIN_SECONDS, STALE_INTERVALS * waitIntervalSeconds);
}

const hhmmss = (date: Date) => `${date.toISOString().slice(11, 19)} UTC`;

function ago(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} d`;
}

/**
 * Red for a desk that needs reconnecting (no request goes to Zendesk until an admin does), failing,
 * rate-limited (Zendesk answered 429) or stale; amber while a first sync catches up.
 */
export function deskHealth(
  desk: Pick<Desk, "active" | "reconnectReason" | "lastError" | "retryAfterUntil" | "waitIntervalSeconds" | "createdAt">,
  lagSeconds: number | null,
  running: boolean,
  now: Date,
): DeskHealth {
  if (!desk.active) return { state: "inactive", reason: "Inactive: not syncing" };
  if (desk.reconnectReason) return { state: desk.reconnectReason === NOT_CONNECTED ? "not-connected" : "reconnect", reason: reconnectText(desk.reconnectReason) };
  if (desk.lastError) return { state: "failing", reason: `Last sync failed: ${desk.lastError}` };
  if (desk.retryAfterUntil && desk.retryAfterUntil > now) {
    return { state: "rate-limited", reason: `Zendesk answered 429: no requests until ${hhmmss(desk.retryAfterUntil)}` };
  }
  const staleAfter = staleAfterSeconds(desk.waitIntervalSeconds);
  if (lagSeconds === null) {
    const age = Math.round((now.getTime() - desk.createdAt.getTime()) / 1000);
    if (running || age < staleAfter) return { state: "catching-up", reason: "First sync in progress: not caught up yet" };
    return { state: "stale", reason: "Never caught up" };
  }
  if (lagSeconds > staleAfter) return { state: "stale", reason: `Last caught up ${ago(lagSeconds)} ago${running ? "; a sync is running" : ""}` };
  return { state: "ok", reason: `Caught up ${ago(lagSeconds)} ago` };
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
  const rows = await db().$queryRaw<{ id: number; last_caught_up_at: Date | null; running: boolean; waiting_until: Date | null }[]>`
    SELECT d.id, d.last_caught_up_at, r.running, r.waiting_until
    FROM desks d
    CROSS JOIN LATERAL (
      SELECT count(*) > 0 AS running, max(r.waiting_until) FILTER (WHERE r.waiting_until > ${now}) AS waiting_until
      FROM sync_runs r
      WHERE r.desk_id = d.id AND r.status = 'running' AND (NOT r.holds_desk_lock OR ${deskLockHeld(Prisma.sql`r.desk_id`)})) r
    WHERE d.id = ANY(${desks.map((d) => d.id)}::int[])`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return desks.map((desk) => {
    const row = byId.get(desk.id);
    const lastCaughtUpAt = row?.last_caught_up_at ?? null;
    const lagSeconds = lastCaughtUpAt ? Math.max(0, Math.round((now.getTime() - lastCaughtUpAt.getTime()) / 1000)) : null;
    const running = row?.running ?? false;
    return {
      ...desk,
      lastCaughtUpAt,
      lagSeconds,
      running,
      waitingUntil: running ? (row?.waiting_until ?? null) : null,
      health: deskHealth(desk, lagSeconds, running, now),
    };
  });
}

async function withTickets(states: DeskSyncState[]): Promise<DeskStatus[]> {
  const counts = await liveTicketsPerDesk(states.map((s) => s.id));
  return states.map((state) => ({ ...state, tickets: counts.get(state.id) ?? 0 }));
}
