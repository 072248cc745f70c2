// Syncs run by this install's own processes when no Inngest server schedules them: the loop in the
// app's server process (started by instrumentation.ts) and `sync --watch`, and `sync --once`.
import { getDesk, listDesks, type Desk } from "@/lib/data/desks";
import { withDeskLock } from "@/lib/db/locks";
import { assertAdmin, type Caller } from "@/lib/desks/actor";
import { superviseSyncLoop, syncLoopState, type SyncLoopOptions, type SyncLoopState } from "@/lib/sync/loop";
import { describeSummary, syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { reconnectText } from "@/lib/validations/desk-auth";

export type CatchUpLine = { domain: string; line: string; failed: boolean };

/** Each active desk (or the one named) until caught up, one after the other; a summary line each. */
export async function syncUntilCaughtUp(caller: Caller, ref: string | undefined, signal: AbortSignal): Promise<CatchUpLine[]> {
  assertAdmin(caller.actor, "run syncs");
  const desks: Desk[] = ref ? [await getDesk(ref)] : (await listDesks()).filter((d) => d.active);
  const lines: CatchUpLine[] = [];
  for (const desk of desks) {
    if (signal.aborted) break;
    // Zendesk refused its grant: no request until an admin reconnects it; the other desks go on.
    if (desk.reconnectReason) {
      lines.push({ domain: desk.domain, line: `${desk.domain}: skipped. ${reconnectText(desk.reconnectReason)}`, failed: true });
      continue;
    }
    // No page limit: inline there is no step budget, and "once" means "until caught up".
    const summary = await withDeskLock(desk.id, () =>
      syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", maxPages: Number.POSITIVE_INFINITY, signal }),
    );
    lines.push(
      summary
        ? { domain: desk.domain, line: describeSummary(desk.domain, summary), failed: Boolean(summary.error) }
        : { domain: desk.domain, line: `${desk.domain}: skipped, another process is syncing it`, failed: false },
    );
  }
  return lines;
}

/** The in-process scheduler: every second, sync the active desks whose wait interval has passed; restarted if it ever fails. */
export function runSyncLoop(options: SyncLoopOptions): Promise<void> {
  return superviseSyncLoop(options);
}

/** This process's sync loop, for /api/health; null when it runs none. */
export function inProcessSyncLoop(): SyncLoopState | null {
  return syncLoopState();
}
