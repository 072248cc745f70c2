// Typed, zod-validated events. The web app sends the first three and, for webhook deliveries, the
// fourth; the desk actions send the last two so running syncs of a deactivated or removed desk are
// cancelled.
import { eventType } from "inngest";
import { z } from "zod";

const deskId = z.number().int().positive();

/** "Sync now", and what the scheduler sends for each due desk. */
export const deskSyncRequested = eventType("desk/sync.requested", { schema: z.object({ deskId }) });

/** Reset the desk's cursors to `since` (ISO 8601) and sync everything changed since then again. */
export const deskBackfillRequested = eventType("desk/backfill.requested", {
  schema: z.object({ deskId, since: z.iso.datetime({ offset: true }) }),
});

/** Re-read one ticket's comments through the per-ticket endpoint ("refresh comments"). */
export const ticketCommentsRepairRequested = eventType("desk/ticket-comments.repair-requested", {
  schema: z.object({ deskId, ticketId: z.number().int().positive() }),
});

/** Webhook deliveries queued changed tickets of the desk (realtime_ticket_queue) to fetch. */
export const deskTicketsChanged = eventType("desk/tickets.changed", { schema: z.object({ deskId }) });

export const deskDeactivated = eventType("desk/deactivated", { schema: z.object({ deskId }) });
export const deskRemoved = eventType("desk/removed", { schema: z.object({ deskId }) });

/** Cancels a desk's running functions when it is deactivated or removed. */
export const cancelOnDeskStop = [
  { event: deskDeactivated, if: "async.data.deskId == event.data.deskId" },
  { event: deskRemoved, if: "async.data.deskId == event.data.deskId" },
];
