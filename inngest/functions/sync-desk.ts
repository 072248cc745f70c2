// One desk's sync, one step per Zendesk page. One run per desk at a time; a backfill request resets
// the cursors first. Deactivating or removing the desk cancels the run.
import { inngest } from "@/inngest/client";
import { cancelOnDeskStop, deskBackfillRequested, deskSyncRequested } from "@/inngest/events";
import { inngestSteps } from "@/inngest/steps";
import { syncDesk } from "@/lib/sync/run";
import { deskSyncBlocker, resetCursors } from "@/lib/sync/state";

export const syncDeskFunction = inngest.createFunction(
  {
    id: "sync-desk",
    triggers: [deskSyncRequested, deskBackfillRequested],
    concurrency: { limit: 1, key: "event.data.deskId" },
    retries: 5,
    cancelOn: cancelOnDeskStop,
  },
  async ({ event, step }) => {
    const { deskId } = event.data;
    // Removed, inactive, or waiting for an admin to reconnect it to Zendesk: no call to Zendesk.
    const blocker = await step.run("check-desk", () => deskSyncBlocker(deskId));
    if (blocker) return { deskId, skipped: blocker };
    if (event.name === deskBackfillRequested.name && "since" in event.data) {
      const since = event.data.since;
      await step.run("reset-cursors", () => resetCursors(deskId, new Date(since)));
    }
    // Waits longer than a few seconds become durable sleeps instead of holding a request open.
    const summary = await syncDesk(deskId, { steps: inngestSteps(step), trigger: "inngest", tuning: { maxInlineWaitMs: 5_000 } });
    // A long backfill spans several runs (each has a step budget): queue the next one right away.
    if (!summary.caughtUp && !summary.error) await step.sendEvent("continue-sync", deskSyncRequested.create({ deskId }));
    return summary;
  },
);
