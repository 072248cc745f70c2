// Ticket field definitions (titles and options of custom fields), refreshed at most every few minutes
// because they rarely change and every request counts against the desk's budget.
import { refreshDeskViewIn } from "@/lib/db/analyst-views";
import { allowLongStatements, db } from "@/lib/db/client";
import { openDeskClient, type SyncTuning } from "@/lib/sync/desk-client";
import { ticketFieldRows } from "@/lib/sync/map";
import { countOnRun, markFieldsSynced } from "@/lib/sync/state";
import { deleteTicketFieldsExcept, upsertTicketFields } from "@/lib/sync/upsert";
import { fetchTicketFields } from "@/lib/zendesk/endpoints";
import { ZendeskWaitError } from "@/lib/zendesk/errors";
import type { RequestHistory } from "@/lib/zendesk/pacer";

const FIELDS_MAX_AGE_MS = 15 * 60_000;

export type FieldsResult = { fields: number; requests: number; rateLimited: number; badItems: number; skipped: boolean; sent: RequestHistory };

/** `force` reads them whatever their age (a sync someone asked for by hand should show current titles). */
export async function syncTicketFields(deskId: number, runId: string, tuning?: SyncTuning, force = false): Promise<FieldsResult> {
  const { client, desk } = await openDeskClient(deskId, tuning);
  if (!force && desk.fieldsSyncedAt && Date.now() - desk.fieldsSyncedAt.getTime() < FIELDS_MAX_AGE_MS) {
    return { fields: 0, requests: 0, rateLimited: 0, badItems: 0, skipped: true, sent: client.sent };
  }
  let badItems = 0;
  try {
    const { fields, bad } = await fetchTicketFields(client);
    badItems = bad;
    const rows = ticketFieldRows(fields);
    await db().$transaction(async (tx) => {
      await allowLongStatements(tx);
      await upsertTicketFields(tx, deskId, desk.domain, rows);
      // The list is complete (every page was read): a field it lacks was deleted in Zendesk.
      await deleteTicketFieldsExcept(tx, deskId, rows.map((r) => r.zendesk_id));
      // A view that could not follow now is rebuilt by the next read of the definitions.
      if (await refreshDeskViewIn(tx, deskId)) await markFieldsSynced(tx, deskId);
      await countOnRun(runId, { ...client.stats, badItems }, {}, tx);
    });
    return { fields: rows.length, ...client.stats, badItems, skipped: false, sent: client.sent };
  } catch (error) {
    await countOnRun(runId, { ...client.stats, badItems: 0 });
    // Field titles can wait for the next run; the tickets must not.
    if (error instanceof ZendeskWaitError) return { fields: 0, ...client.stats, badItems: 0, skipped: true, sent: client.sent };
    throw error;
  }
}
