// Re-reads one ticket's comments through the per-ticket endpoint (e.g. from the ticket page), for the
// rare case the event export missed or redacted something. One request per 100 comments.
import { db } from "@/lib/db/client";
import { openDeskClient, type SyncTuning } from "@/lib/sync/desk-client";
import { commentRows } from "@/lib/sync/map";
import { upsertComments } from "@/lib/sync/upsert";
import { fetchTicketCommentsPage } from "@/lib/zendesk/endpoints";
import { ZendeskNotFoundError } from "@/lib/zendesk/errors";

export type RepairResult = { ticketId: number; comments: number; requests: number; rateLimited: number; badItems: number; notFound: boolean };

/** Upserts every comment of the ticket; a ticket Zendesk no longer has (404) is skipped, not an error. */
export async function repairTicketComments(deskId: number, zendeskTicketId: number, tuning?: SyncTuning): Promise<RepairResult> {
  const { client, desk } = await openDeskClient(deskId, tuning);
  const rows: ReturnType<typeof commentRows> = [];
  let badItems = 0;
  const seen = new Set<string>();
  let next: string | null = null;
  try {
    do {
      const page: Awaited<ReturnType<typeof fetchTicketCommentsPage>> = await fetchTicketCommentsPage(client, zendeskTicketId, next);
      rows.push(...commentRows(page.comments.map((c) => ({ ...c, ticket_id: zendeskTicketId }))));
      badItems += page.bad;
      next = page.next && !seen.has(page.next) ? page.next : null;
      if (next) seen.add(next);
    } while (next);
  } catch (error) {
    if (error instanceof ZendeskNotFoundError) return { ticketId: zendeskTicketId, comments: 0, ...client.stats, badItems, notFound: true };
    throw error;
  }
  await db().$transaction((tx) => upsertComments(tx, deskId, desk.domain, rows));
  return { ticketId: zendeskTicketId, comments: rows.length, ...client.stats, badItems, notFound: false };
}
