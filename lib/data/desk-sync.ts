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
  /** Inngest is configured but did not take the event; nothing will run. */
  | { mode: "failed"; error: string }
  /** The caller runs `run` after answering (next/server `after`), so the request is not held open. */
  | { mode: "in-process"; run: () => Promise<string> };

function viaInngest(): boolean {
  return inngestConfigured(parseEnv());
}

type InngestEvent = Parameters<typeof inngest.send>[0];

/** null once Inngest has the event, else why not, in words for the admin. */
async function send(event: InngestEvent): Promise<string | null> {
  try {
    await inngest.send(event);
    return null;
  } catch (error) {
    return `Inngest did not take the request (${error instanceof Error ? error.message : String(error)}).`;
  }
}

function inProcess(deskId: number, domain: string): SyncRequest {
  return {
    mode: "in-process",
    run: async () => {
      const summary = await withDeskLock(deskId, () => syncDesk(deskId, { steps: inlineSteps, trigger: "app" }));
      return summary ? describeSummary(domain, summary) : `${domain}: a sync is already running`;
    },
  };
}

export async function requestDeskSync(desk: Desk): Promise<SyncRequest> {
  if (viaInngest()) {
    const error = await send(deskSyncRequested.create({ deskId: desk.id }));
    return error ? { mode: "failed", error } : { mode: "inngest" };
  }
  return inProcess(desk.id, desk.domain);
}

export async function requestDeskBackfill(desk: Desk, since: Date): Promise<SyncRequest> {
  if (viaInngest()) {
    const error = await send(deskBackfillRequested.create({ deskId: desk.id, since: since.toISOString() }));
    return error ? { mode: "failed", error } : { mode: "inngest" };
  }
  await resetDeskCursors(desk.id, since);
  return inProcess(desk.id, desk.domain);
}

/** What changed, and a warning when Inngest could not be told to cancel the desk's running sync. */
export type DeskStop = { desk: Desk; warning: string | null };

/** Deactivates the desk and, with Inngest, cancels its running functions. */
export async function deactivateDesk(deskId: number): Promise<DeskStop> {
  const desk = await updateDesk(deskId, { active: false });
  return { desk, warning: viaInngest() ? await send(deskDeactivated.create({ deskId })) : null };
}

/** Removes the desk with all its synced rows and, with Inngest, cancels its running functions. */
export async function removeDeskAndStop(deskId: number): Promise<DeskStop> {
  const desk = await removeDesk(deskId);
  return { desk, warning: viaInngest() ? await send(deskRemoved.create({ deskId })) : null };
}

/** Where to watch the durable runs, when Inngest schedules syncs; null when the app syncs itself. */
export function inngestDashboardUrl(): string | null {
  const env = parseEnv();
  if (!inngestConfigured(env)) return null;
  if (env.INNGEST_BASE_URL) return env.INNGEST_BASE_URL;
  // The dev server's UI; a signing key alone means Inngest Cloud.
  return env.INNGEST_DEV ? "http://localhost:8288" : "https://app.inngest.com";
}
