// Re-reads one ticket's comments through the per-ticket endpoint (e.g. from the ticket page), for the
// rare case the event export missed or redacted something. One request per 100 comments.
import { db } from "@/lib/db/client";
import { openDeskClient, type SyncTuning } from "@/lib/sync/desk-client";
import { commentRows } from "@/lib/sync/map";
import { upsertComments } from "@/lib/sync/upsert";
import { fetchTicketComments } from "@/lib/zendesk/endpoints";
import { ZendeskNotFoundError } from "@/lib/zendesk/errors";

export type RepairResult = { ticketId: number; comments: number; requests: number; rateLimited: number; badItems: number; notFound: boolean };

/** Upserts every comment of the ticket; a ticket Zendesk no longer has (404) is skipped, not an error. */
export async function repairTicketComments(deskId: number, zendeskTicketId: number, tuning?: SyncTuning): Promise<RepairResult> {
  const { client, desk } = await openDeskClient(deskId, tuning);
  let read: Awaited<ReturnType<typeof fetchTicketComments>>;
  try {
    read = await fetchTicketComments(client, zendeskTicketId);
  } catch (error) {
    if (error instanceof ZendeskNotFoundError) return { ticketId: zendeskTicketId, comments: 0, ...client.stats, badItems: 0, notFound: true };
    throw error;
  }
  const rows = commentRows(read.comments.map((c) => ({ ...c, ticket_id: zendeskTicketId })));
  await db().$transaction((tx) => upsertComments(tx, deskId, desk.domain, rows));
  return { ticketId: zendeskTicketId, comments: rows.length, ...client.stats, badItems: read.bad, notFound: false };
}
