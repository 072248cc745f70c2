// Another process calling Zendesk for a desk, for the test where two processes need the desk's OAuth
// token renewed at the same moment: run with TSX_NODE_ARGS, the test database's env, and DESK_ID,
// TICKET_ID and START_AT (epoch ms to start at, so both children ask at once). Prints one JSON line.
import { prepareRuntime } from "@/lib/runtime";
import { repairTicketComments } from "@/lib/sync/repair";

await prepareRuntime(() => {});
const wait = Number(process.env.START_AT) - Date.now();
if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
const startedAt = Date.now();
try {
  const result = await repairTicketComments(Number(process.env.DESK_ID), Number(process.env.TICKET_ID));
  console.log(JSON.stringify({ ok: true, startedAt, comments: result.comments }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, startedAt, error: error instanceof Error ? error.message : String(error) }));
}
process.exit(0);
