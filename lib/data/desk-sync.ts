// "Sync now", "backfill from date", deactivate and remove, for the web app. With Inngest configured
// these become events (inngest/events.ts) so the durable functions do the work and running syncs are
// cancelled; without it the app process syncs the desk itself, under the same per-desk lock the CLI
// and the watch loop take.
import { inngest } from "@/inngest/client";
import { deskBackfillRequested, deskDeactivated, deskRemoved, deskSyncRequested } from "@/inngest/events";
import { updateDesk, removeDesk, type Desk } from "@/lib/data/desks";
import { inngestConfigured, parseEnv } from "@/lib/env";
import { withDeskLock } from "@/lib/sync/lock";
import { describeSummary, resetDeskCursors, syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";

export type SyncRequest =
  /** Inngest has the event and will run it. */
  | { mode: "inngest" }
  /** The caller runs `run` after answering (next/server `after`), so the request is not held open. */
  | { mode: "in-process"; run: () => Promise<string> };

function viaInngest(): boolean {
  return inngestConfigured(parseEnv());
}

function inProcess(deskId: number, domain: string): SyncRequest {
  return {
    mode: "in-process",
    run: async () => {
      const summary = await withDeskLock(deskId, () => syncDesk(deskId, { steps: inlineSteps, trigger: "watch" }));
      return summary ? describeSummary(domain, summary) : `${domain}: a sync is already running`;
    },
  };
}

export async function requestDeskSync(desk: Desk): Promise<SyncRequest> {
  if (viaInngest()) {
    await inngest.send(deskSyncRequested.create({ deskId: desk.id }));
    return { mode: "inngest" };
  }
  return inProcess(desk.id, desk.domain);
}

export async function requestDeskBackfill(desk: Desk, since: Date): Promise<SyncRequest> {
  if (viaInngest()) {
    await inngest.send(deskBackfillRequested.create({ deskId: desk.id, since: since.toISOString() }));
    return { mode: "inngest" };
  }
  await resetDeskCursors(desk.id, since);
  return inProcess(desk.id, desk.domain);
}

/** Deactivates the desk and, with Inngest, cancels its running functions. */
export async function deactivateDesk(deskId: number): Promise<Desk> {
  const desk = await updateDesk(deskId, { active: false });
  if (viaInngest()) await inngest.send(deskDeactivated.create({ deskId }));
  return desk;
}

/** Removes the desk with all its synced rows and, with Inngest, cancels its running functions. */
export async function removeDeskAndStop(deskId: number): Promise<Desk> {
  const desk = await removeDesk(deskId);
  if (viaInngest()) await inngest.send(deskRemoved.create({ deskId }));
  return desk;
}

/** Where to watch the durable runs, when Inngest schedules syncs; null when the app syncs itself. */
export function inngestDashboardUrl(): string | null {
  const env = parseEnv();
  if (!inngestConfigured(env)) return null;
  if (env.INNGEST_BASE_URL) return env.INNGEST_BASE_URL;
  // The dev server's UI; a signing key alone means Inngest Cloud.
  return env.INNGEST_DEV ? "http://localhost:8288" : "https://app.inngest.com";
}
