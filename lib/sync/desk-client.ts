// Opens a Zendesk client for one desk: credentials, the desk's rate budget, and a Retry-After block
// persisted to desks.retry_after_until so every process holds off.
import { db } from "@/lib/db/client";
import { getDeskCredentials } from "@/lib/data/desks";
import { ZendeskClient, type ZendeskClientOptions } from "@/lib/zendesk/client";
import type { RequestHistory } from "@/lib/zendesk/pacer";

/** Knobs for tests and the benchmark; production uses the defaults. */
export type SyncTuning = Partial<
  Pick<ZendeskClientOptions, "timeoutMs" | "maxAttempts" | "backoffBaseMs" | "maxInlineWaitMs" | "windowMs" | "exportLimitPerWindow">
> & {
  /** Export page size (Zendesk's maximum, 1000, by default). */
  pageSize?: number;
};

export type DeskState = {
  id: number;
  domain: string;
  ticketCursor: string | null;
  eventStartTime: number | null;
  syncSince: Date;
  fieldsSyncedAt: Date | null;
  rateLimitPerMinute: number | null;
};

export async function openDeskClient(
  deskId: number,
  tuning: SyncTuning = {},
  history?: RequestHistory,
): Promise<{ client: ZendeskClient; desk: DeskState }> {
  const row = await db().desk.findUniqueOrThrow({
    where: { id: deskId },
    select: {
      id: true,
      domain: true,
      ticketCursor: true,
      eventStartTime: true,
      syncSince: true,
      fieldsSyncedAt: true,
      rateLimitPerMinute: true,
      rateLimitShare: true,
      retryAfterUntil: true,
    },
  });
  const credentials = await getDeskCredentials(deskId);
  const client = new ZendeskClient({
    ...credentials,
    timeoutMs: tuning.timeoutMs,
    maxAttempts: tuning.maxAttempts,
    backoffBaseMs: tuning.backoffBaseMs,
    maxInlineWaitMs: tuning.maxInlineWaitMs,
    windowMs: tuning.windowMs,
    exportLimitPerWindow: tuning.exportLimitPerWindow,
    rateLimitPerMinute: row.rateLimitPerMinute,
    rateLimitShare: row.rateLimitShare,
    retryAfterUntil: row.retryAfterUntil,
    history,
    onRetryAfter: async (until) => {
      // Never shortens a block another process stored.
      await db().$executeRaw`
        UPDATE desks SET retry_after_until = greatest(retry_after_until, ${until}::timestamptz) WHERE id = ${deskId}`;
    },
  });
  const desk: DeskState = {
    id: row.id,
    domain: row.domain,
    ticketCursor: row.ticketCursor,
    eventStartTime: row.eventStartTime === null ? null : Number(row.eventStartTime),
    syncSince: row.syncSince,
    fieldsSyncedAt: row.fieldsSyncedAt,
    rateLimitPerMinute: row.rateLimitPerMinute,
  };
  return { client, desk };
}
