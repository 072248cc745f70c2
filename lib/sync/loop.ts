// The in-process scheduler for installs without Inngest (`sync --watch`, and `npm start` when no
// Inngest server is configured): every second, sync the active desks whose wait interval has passed.
// It outlives its database: while PostgreSQL is away (a restart, a failover) it says so once, polls
// with a short back-off, and picks up again within seconds of the database coming back. Its state is
// kept for /api/health.
import type { SyncTuning } from "@/lib/sync/desk-client";
import { withDeskLock } from "@/lib/db/locks";
import { describeSummary, syncDesk } from "@/lib/sync/run";
import { findDueDesks } from "@/lib/sync/state";
import { inlineSteps } from "@/lib/sync/steps";

export type SyncLoopOptions = {
  signal: AbortSignal;
  log?: (line: string) => void;
  tuning?: SyncTuning;
  pollMs?: number;
  /** Desks synced at once; the rest wait for a free slot (the database pool is small). */
  maxConcurrent?: number;
};

/** What /api/health reports about this process's loop. */
export type SyncLoopState = {
  state: "running" | "waiting-for-database" | "stopped";
  lastTickAt: string | null;
  /** Why the database could not be read, while it cannot. */
  lastError: string | null;
  syncing: number;
  restarts: number;
};

const holder = globalThis as unknown as { zdcSyncLoop?: SyncLoopState };

/** This process's loop, or null when it runs none. */
export function syncLoopState(): SyncLoopState | null {
  return holder.zdcSyncLoop ? { ...holder.zdcSyncLoop } : null;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n").find((l) => l.trim()) ?? "unknown error";

/** Longest wait between two looks at a database that is away. */
const MAX_BACKOFF_MS = 3_000;

/** Resolves once the signal aborts and the syncs in flight have stopped at a page boundary. */
export async function startSyncLoop(options: SyncLoopOptions): Promise<void> {
  const { signal, tuning } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const pollMs = options.pollMs ?? 1_000;
  const running = new Map<number, Promise<void>>();
  const state: SyncLoopState = (holder.zdcSyncLoop = { state: "running", lastTickAt: null, lastError: null, syncing: 0, restarts: holder.zdcSyncLoop?.restarts ?? 0 });
  let backoff = pollMs;
  while (!signal.aborted) {
    try {
      for (const desk of await findDueDesks()) {
        if (running.size >= (options.maxConcurrent ?? 4)) break;
        if (running.has(desk.id)) continue;
        const sync = withDeskLock(desk.id, () => syncDesk(desk.id, { steps: inlineSteps, trigger: "watch", tuning, signal }))
          .then((summary) => {
            if (summary) log(describeSummary(desk.domain, summary));
          })
          .catch((error: unknown) => log(`${desk.domain}: sync failed: ${firstLine(error)}`))
          .finally(() => {
            running.delete(desk.id);
            state.syncing = running.size;
          });
        running.set(desk.id, sync);
      }
      state.syncing = running.size;
      if (state.state === "waiting-for-database") log("sync loop: the database is back; syncing again");
      state.state = "running";
      state.lastError = null;
      state.lastTickAt = new Date().toISOString();
      backoff = pollMs;
    } catch (error) {
      if (state.state !== "waiting-for-database") log(`sync loop: cannot read the database (${firstLine(error)}); retrying every few seconds`);
      state.state = "waiting-for-database";
      state.lastError = firstLine(error);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
    await pause(state.state === "running" ? pollMs : backoff, signal);
  }
  await Promise.allSettled(running.values());
  state.state = "stopped";
}

/**
 * The loop under supervision: should it ever end with an error instead of its signal, it is logged
 * and started again after a short pause, so the server never keeps answering without syncing.
 */
export async function superviseSyncLoop(options: SyncLoopOptions): Promise<void> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  while (!options.signal.aborted) {
    try {
      await startSyncLoop(options);
    } catch (error) {
      log(`sync loop stopped unexpectedly (${firstLine(error)}); restarting it`);
      holder.zdcSyncLoop = { ...(holder.zdcSyncLoop ?? { lastTickAt: null, syncing: 0, restarts: 0 }), state: "waiting-for-database", lastError: firstLine(error), restarts: (holder.zdcSyncLoop?.restarts ?? 0) + 1 };
      await pause(1_000, options.signal);
    }
  }
}
