// Fetching changed tickets in this process (installs without Inngest): one drain per desk at a time;
// a delivery arriving during a drain makes it go round once more instead of starting another. Other
// processes may drain the same desk at once: the queue's claims keep them from fetching a ticket twice.
import { withDeskLock } from "@/lib/db/locks";
import { describeSummary, syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { fetchQueuedTickets, type FetchOptions } from "@/lib/sync/ticket-fetch";

type Drain = { again: boolean; done: Promise<string> };

const holder = globalThis as unknown as { zdcDrains?: Map<number, Drain> };
const drains = () => (holder.zdcDrains ??= new Map());

/** Enough batches for a queue the API share can fetch in a few seconds; more is an overflow. */
const MAX_ROUNDS = 200;
/** Waits for a due row (debounce) or a rate limit, checked again at least this often. */
const MAX_PAUSE_MS = 5_000;
/**
 * A burst is synced once its deliveries stop (none for QUIET_MS), or after BURST_WAIT_MS at most: a
 * sync started while thousands of deliveries are still coming would leave their tail to another.
 */
const QUIET_MS = 2_000;
const BURST_WAIT_MS = 30_000;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Drains the desk's queue; resolves with a one-line summary when the queue is empty (or left to a sync). */
export function drainChangedTickets(deskId: number, given: FetchOptions = {}): Promise<string> {
  // A rate-limit wait is taken between batches, where a growing queue can still turn into a sync.
  const options: FetchOptions = { ...given, tuning: { maxInlineWaitMs: MAX_PAUSE_MS, ...given.tuning } };
  const running = drains().get(deskId);
  if (running) {
    running.again = true;
    return running.done;
  }
  const drain: Drain = { again: true, done: Promise.resolve("") };
  drain.done = (async () => {
    const totals = { tickets: 0, requests: 0, syncs: [] as string[] };
    try {
      while (drain.again) {
        drain.again = false;
        await drainOnce(deskId, options, totals);
      }
    } finally {
      drains().delete(deskId);
    }
    const syncs = totals.syncs.length ? `; ${totals.syncs.join("; ")}` : "";
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    return `desk ${deskId}: ${plural(totals.tickets, "changed ticket")} fetched in ${plural(totals.requests, "request")}${syncs}`;
  })();
  drains().set(deskId, drain);
  return drain.done;
}

async function drainOnce(deskId: number, options: FetchOptions, totals: { tickets: number; requests: number; syncs: string[] }): Promise<void> {
  let burstSince: number | null = null;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = await fetchQueuedTickets(deskId, options);
    switch (result.kind) {
      case "fetched":
        totals.tickets += result.tickets;
        totals.requests += result.requests;
        continue;
      case "wait":
        await pause(Math.min(result.until - Date.now(), MAX_PAUSE_MS));
        continue;
      case "overflow": {
        burstSince ??= Date.now();
        const quietFor = Date.now() - result.lastNotifiedAt;
        if (quietFor < QUIET_MS && Date.now() - burstSince < BURST_WAIT_MS) {
          await pause(QUIET_MS - quietFor);
          continue;
        }
        burstSince = null;
        // One export-driven sync for the burst, under the desk's lock. If another process is syncing
        // the desk, its run drops what it covers from the queue when it ends; then look again.
        const summary = await withDeskLock(deskId, () => syncDesk(deskId, { steps: inlineSteps, trigger: "realtime" }));
        if (!summary) {
          await pause(1_000);
          continue;
        }
        totals.syncs.push(`a burst of ${result.pending} left to one export sync (${describeSummary(`desk ${deskId}`, summary)})`);
        if (summary.error) return;
        continue;
      }
      default:
        return;
    }
  }
}
