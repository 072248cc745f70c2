// Fetches the tickets webhooks named as changed, a batch of up to 100 per step, through the ordinary
// API. Debounced per desk (the run starts a second after the last delivery's event, three at most in a
// steady stream) and one run per desk at a time. A burst larger than the API share can fetch in a few
// seconds becomes one export-driven sync (at most one requested per desk and minute).
import { inngest } from "@/inngest/client";
import { cancelOnDeskStop, deskSyncRequested, deskTicketsChanged } from "@/inngest/events";
import { inngestSteps } from "@/inngest/steps";
import { fetchQueuedTickets } from "@/lib/sync/ticket-fetch";

const MAX_BATCHES = 100;

export const fetchChangedTicketsFunction = inngest.createFunction(
  {
    id: "fetch-changed-tickets",
    triggers: [deskTicketsChanged],
    debounce: { key: "event.data.deskId", period: "1s", timeout: "3s" },
    concurrency: { limit: 1, key: "event.data.deskId" },
    retries: 3,
    cancelOn: cancelOnDeskStop,
  },
  async ({ event, step }) => {
    const { deskId } = event.data;
    const steps = inngestSteps(step);
    let tickets = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const result = await steps.run(`fetch-${batch}`, () => fetchQueuedTickets(deskId, { tuning: { maxInlineWaitMs: 5_000 } }));
      if (result.kind === "fetched") {
        tickets += result.tickets;
        continue;
      }
      if (result.kind === "wait") {
        await steps.sleep(`wait-${batch}`, result.until - Date.now());
        continue;
      }
      if (result.kind === "overflow") {
        const minute = await steps.run("overflow-minute", async () => Math.floor(Date.now() / 60_000));
        await step.sendEvent("overflow-sync", deskSyncRequested.create({ deskId }, { id: `desk-${deskId}-realtime-overflow-${minute}` }));
        return { deskId, tickets, overflow: result.pending };
      }
      break;
    }
    return { deskId, tickets };
  },
);
