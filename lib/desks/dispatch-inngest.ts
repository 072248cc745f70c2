// Sync work as Inngest events (inngest/events.ts): the durable functions run it, one run per desk at a
// time, and a deactivated or removed desk's runs are cancelled by its event.
import { deskBackfillRequested, deskDeactivated, deskRemoved, deskSyncRequested, deskTicketsChanged, ticketCommentsRepairRequested } from "@/inngest/events";
import type { Env } from "@/lib/env";
import { configuredInngest } from "@/lib/desks/inngest-client";
import type { Dispatch, SyncDispatcher } from "@/lib/desks/dispatch";

type InngestEvent = Parameters<ReturnType<typeof configuredInngest>["send"]>[0];

/**
 * The fetch function is debounced by a second per desk: an event within half that since the last one
 * this process sent changes nothing, so a burst of deliveries is not a burst of events.
 */
const TICKETS_CHANGED_EVERY_MS = 500;
const holder = globalThis as unknown as { zdcTicketsChangedSent?: Map<number, number> };

export function inngestDispatcher(env: Env): SyncDispatcher {
  // The client takes its settings from the parsed environment, like everything else.
  const inngest = configuredInngest(env);

  /** Null once Inngest has the event, else why not, in words for the admin. */
  async function send(event: InngestEvent): Promise<string | null> {
    try {
      await inngest.send(event);
      return null;
    } catch (error) {
      return `Inngest did not take the request (${error instanceof Error ? error.message : String(error)}).`;
    }
  }
  const queued = async (event: InngestEvent): Promise<Dispatch> => {
    const error = await send(event);
    return error ? { kind: "failed", error } : { kind: "queued" };
  };

  return {
    kind: "inngest",
    sync: (desk) => queued(deskSyncRequested.create({ deskId: desk.id })),
    backfill: (desk, since) => queued(deskBackfillRequested.create({ deskId: desk.id, since: since.toISOString() })),
    repairComments: (deskId, ticketId) => queued(ticketCommentsRepairRequested.create({ deskId, ticketId })),
    ticketsChanged: async (deskId) => {
      const sent = (holder.zdcTicketsChangedSent ??= new Map());
      if (Date.now() - (sent.get(deskId) ?? 0) < TICKETS_CHANGED_EVERY_MS) return { kind: "queued" };
      sent.set(deskId, Date.now());
      return queued(deskTicketsChanged.create({ deskId }));
    },
    stopped: (deskId, why) => send((why === "removed" ? deskRemoved : deskDeactivated).create({ deskId })),
  };
}
