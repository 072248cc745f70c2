// Opens a Zendesk client for one desk: credentials (an OAuth token renewed as needed), the desk's rate
// budget, a Retry-After block persisted on the desk so every process holds off, and the account's
// export budget shared in PostgreSQL. A desk that needs reconnecting gets no client.
import { deskCredentials } from "@/lib/sync/credentials";
import { DeskNeedsReconnectError } from "@/lib/sync/errors";
import { DEFAULT_EXPORT_LIMIT, takeExportSlot } from "@/lib/sync/export-budget";
import { holdOffUntil, loadDeskState, type DeskState } from "@/lib/sync/state";
import { ZendeskClient, type ZendeskClientOptions } from "@/lib/zendesk/client";
import type { RequestHistory } from "@/lib/zendesk/pacer";

/** Knobs for tests and the benchmark; production uses the defaults. */
export type SyncTuning = Partial<
  Pick<ZendeskClientOptions, "timeoutMs" | "maxAttempts" | "backoffBaseMs" | "maxInlineWaitMs" | "windowMs" | "exportLimitPerWindow">
> & {
  /** Export page size (Zendesk's maximum, 1000, by default). */
  pageSize?: number;
};

export async function openDeskClient(
  deskId: number,
  tuning: SyncTuning = {},
  history?: RequestHistory,
): Promise<{ client: ZendeskClient; desk: DeskState }> {
  const desk = await loadDeskState(deskId);
  if (desk.reconnectReason) throw new DeskNeedsReconnectError(desk.reconnectReason);
  const { baseUrl, auth } = await deskCredentials(deskId, { timeoutMs: tuning.timeoutMs });
  const exportLimit = tuning.exportLimitPerWindow ?? desk.exportLimitPerMinute ?? DEFAULT_EXPORT_LIMIT;
  const client = new ZendeskClient({
    baseUrl,
    auth,
    timeoutMs: tuning.timeoutMs,
    maxAttempts: tuning.maxAttempts,
    backoffBaseMs: tuning.backoffBaseMs,
    maxInlineWaitMs: tuning.maxInlineWaitMs,
    windowMs: tuning.windowMs,
    exportLimitPerWindow: exportLimit,
    exportSlot: () => takeExportSlot(deskId, exportLimit, tuning.windowMs),
    rateLimitPerMinute: desk.rateLimitPerMinute,
    rateLimitShare: desk.rateLimitShare,
    retryAfterUntil: desk.retryAfterUntil,
    history,
    onRetryAfter: (until) => holdOffUntil(deskId, until),
  });
  return { client, desk };
}
