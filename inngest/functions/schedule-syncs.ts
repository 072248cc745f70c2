// The per-second scheduler. Inngest cron fires once a minute, so each run ticks for about 55 s with
// durable one-second sleeps, ending before the next cron start; `singleton: skip` drops a start while
// a loop is still going, so loops can never fork. Event ids deduplicate requests: one per desk per finished sync, renewed
// hourly so a run that died without finishing cannot block its desk for long.
import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { deskSyncRequested } from "@/inngest/events";
import { findDueDesks } from "@/lib/sync/state";

/** How long one run keeps ticking, and a ceiling on its steps should ticks be faster than 1 s. */
const RUN_MS = 55_000;
const MAX_TICKS = 60;

export const scheduleSyncsFunction = inngest.createFunction(
  {
    id: "schedule-syncs",
    triggers: [cron("* * * * *")],
    singleton: { mode: "skip" },
    retries: 0,
  },
  async ({ step }) => {
    let requested = 0;
    const deadline = await step.run("deadline", async () => Date.now() + RUN_MS);
    for (let tick = 0; tick < MAX_TICKS && Date.now() < deadline; tick++) {
      const due = await step.run(`find-due-desks-${tick}`, async () => {
        const hour = Math.floor(Date.now() / 3_600_000);
        return (await findDueDesks()).map((desk) => ({
          deskId: desk.id,
          id: `desk-${desk.id}-sync-after-${desk.lastSyncFinishedAt ?? "never"}-h${hour}`,
        }));
      });
      if (due.length > 0) {
        await step.sendEvent(
          `request-syncs-${tick}`,
          due.map((d) => deskSyncRequested.create({ deskId: d.deskId }, { id: d.id })),
        );
        requested += due.length;
      }
      await step.sleep(`tick-${tick}`, "1s");
    }
    return { requested };
  },
);
