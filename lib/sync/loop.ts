// The in-process scheduler for installs without Inngest (`sync --watch`, and `npm start` when no
// Inngest server is configured): every second, sync the active desks whose wait interval has passed.
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

/** Resolves once the signal aborts and the syncs in flight have stopped at a page boundary. */
export async function startSyncLoop(options: SyncLoopOptions): Promise<void> {
  const { signal, tuning } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const running = new Map<number, Promise<void>>();
  while (!signal.aborted) {
    try {
      for (const desk of await findDueDesks()) {
        if (running.size >= (options.maxConcurrent ?? 4)) break;
        if (running.has(desk.id)) continue;
        const sync = withDeskLock(desk.id, () => syncDesk(desk.id, { steps: inlineSteps, trigger: "watch", tuning, signal }))
          .then((summary) => {
            if (summary) log(describeSummary(desk.domain, summary));
          })
          .catch((error: unknown) => log(`${desk.domain}: sync failed: ${error instanceof Error ? error.message : String(error)}`))
          .finally(() => running.delete(desk.id));
        running.set(desk.id, sync);
      }
    } catch (error) {
      log(`sync loop: ${error instanceof Error ? error.message : String(error)}`);
    }
    await pause(options.pollMs ?? 1_000, signal);
  }
  await Promise.allSettled(running.values());
}
