// Sync work in this process, for installs without Inngest: each sync takes the desk's advisory lock,
// so the app, its in-process scheduler and a CLI run never sync one desk at once. Comment refreshes
// are throttled per desk as the Inngest function is (REPAIR_RATE_PER_MINUTE, bursts of 5), with the
// budget in PostgreSQL so it holds across every process of the install.
import { context } from "@/lib/context";
import { takeToken } from "@/lib/db/rate-limits";
import { withDeskLock } from "@/lib/db/locks";
import type { Dispatch, SyncDispatcher } from "@/lib/desks/dispatch";
import { drainChangedTickets } from "@/lib/desks/realtime-drainer";
import { repairTicketComments } from "@/lib/sync/repair";
import { describeSummary, syncDesk } from "@/lib/sync/run";
import { resetCursors } from "@/lib/sync/state";
import { inlineSteps } from "@/lib/sync/steps";

function syncWork(desk: { id: number; domain: string }, trigger: "app" | "cli"): Dispatch {
  return {
    kind: "work",
    work: async () => {
      // --once semantics for the CLI: a person waits for "caught up", so there is no page budget.
      const maxPages = trigger === "cli" ? Number.POSITIVE_INFINITY : undefined;
      const summary = await withDeskLock(desk.id, () => syncDesk(desk.id, { steps: inlineSteps, trigger, maxPages }));
      if (!summary) return `${desk.domain}: a sync is already running`;
      // A failed run is already recorded on the desk; thrown, it also fails the command that waited for it.
      if (summary.error) throw new Error(describeSummary(desk.domain, summary));
      return describeSummary(desk.domain, summary);
    },
  };
}

/** As the Inngest function's throttle (inngest/functions/repair-ticket-comments.ts). */
const REPAIR_BURST = 5;

function repairWork(deskId: number, ticketId: number): Dispatch {
  return {
    kind: "work",
    work: async () => {
      const result = await repairTicketComments(deskId, ticketId);
      if (result.notFound) return "Zendesk no longer has this ticket; the stored comments are kept.";
      return `Re-read ${result.comments} comment${result.comments === 1 ? "" : "s"} from Zendesk.`;
    },
  };
}

export function inProcessDispatcher(): SyncDispatcher {
  return {
    kind: "in-process",
    sync: async (desk, origin) => syncWork(desk, origin),
    backfill: async (desk, since, origin) => {
      await resetCursors(desk.id, since);
      return syncWork(desk, origin);
    },
    repairComments: async (deskId, ticketId) => {
      const budget = await takeToken(`zendesk:repair:desk:${deskId}`, context().env.REPAIR_RATE_PER_MINUTE, REPAIR_BURST);
      if (!budget.ok) {
        return { kind: "failed", error: `Comments of this desk's tickets were refreshed many times in the last minute; try again in ${budget.retryAfterSeconds} s.` };
      }
      return repairWork(deskId, ticketId);
    },
    ticketsChanged: async (deskId) => ({ kind: "work", work: () => drainChangedTickets(deskId) }),
    // A sync in this process notices at its next page that the desk is gone; nothing to cancel.
    stopped: async () => null,
  };
}
