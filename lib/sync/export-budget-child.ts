// An export-sending process for the test that runs two at once: run with TSX_NODE_ARGS, DATABASE_URL,
// TOKEN_ENCRYPTION_KEY, EXPORT_DESK_ID, EXPORT_REQUESTS and EXPORT_WINDOW_MS set. It reads the first
// page of the ticket export that many times through the desk's client, as a sync would, and exits.
import { prepareRuntime } from "@/lib/runtime";
import { openDeskClient } from "@/lib/sync/desk-client";
import { fetchTicketExportPage } from "@/lib/zendesk/endpoints";

await prepareRuntime(() => {});
const deskId = Number(process.env.EXPORT_DESK_ID);
const { client } = await openDeskClient(deskId, { windowMs: Number(process.env.EXPORT_WINDOW_MS) });
for (let i = 0; i < Number(process.env.EXPORT_REQUESTS); i++) await fetchTicketExportPage(client, { startTime: 0 }, 1);
console.log(JSON.stringify(client.stats));
process.exit(0);
