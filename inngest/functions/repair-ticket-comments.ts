// Re-reads one ticket's comments on request (the ticket page's "refresh comments"). Throttled per
// desk: each call costs a request of the desk's plan budget, and a burst must not starve the sync.
import { inngest } from "@/inngest/client";
import { cancelOnDeskStop, ticketCommentsRepairRequested } from "@/inngest/events";
import { inngestSteps } from "@/inngest/steps";
import { repairTicketComments } from "@/lib/sync/repair";

export const repairTicketCommentsFunction = inngest.createFunction(
  {
    id: "repair-ticket-comments",
    triggers: [ticketCommentsRepairRequested],
    throttle: { limit: 30, period: "1m", key: "event.data.deskId", burst: 5 },
    retries: 3,
    cancelOn: cancelOnDeskStop,
  },
  async ({ event, step }) => {
    const { deskId, ticketId } = event.data;
    return inngestSteps(step).run("repair-comments", () => repairTicketComments(deskId, ticketId));
  },
);
