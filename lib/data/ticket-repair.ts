// "Refresh comments" on the ticket page: with Inngest configured the repair becomes an event (throttled
// per desk by the function); without it the request re-reads the ticket's comments itself.
import { inngest } from "@/inngest/client";
import { ticketCommentsRepairRequested } from "@/inngest/events";
import { getTicketRef } from "@/lib/data/tickets";
import { inngestConfigured, parseEnv } from "@/lib/env";
import { repairTicketComments } from "@/lib/sync/repair";

export type RepairOutcome = { ok: true; message: string } | { ok: false; message: string };

export async function requestCommentRepair(ticketId: string): Promise<RepairOutcome> {
  const ref = await getTicketRef(ticketId);
  if (!ref) return { ok: false, message: "This ticket is no longer in the database." };
  if (inngestConfigured(parseEnv())) {
    await inngest.send(ticketCommentsRepairRequested.create({ deskId: ref.deskId, ticketId: ref.zendeskId }));
    return { ok: true, message: "Refresh queued: the comments update within a minute." };
  }
  const result = await repairTicketComments(ref.deskId, ref.zendeskId);
  if (result.notFound) return { ok: false, message: "Zendesk no longer has this ticket; the stored comments are kept." };
  return { ok: true, message: `Re-read ${result.comments} comment${result.comments === 1 ? "" : "s"} from Zendesk.` };
}
