// A sync in its own process, for the test that SIGKILLs it mid-page: run with TSX_NODE_ARGS and
// DATABASE_URL, TOKEN_ENCRYPTION_KEY and SYNC_DESK_ID set.
import { withDeskLock } from "@/lib/db/locks";
import { prepareRuntime } from "@/lib/runtime";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";

await prepareRuntime(() => {});
const deskId = Number(process.env.SYNC_DESK_ID);
await withDeskLock(deskId, () =>
  syncDesk(deskId, { steps: inlineSteps, trigger: "cli", tuning: { pageSize: 6, exportLimitPerWindow: 10_000 } }),
);
process.exit(0);
