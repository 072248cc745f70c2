// Starting sync work for a desk: sync now, backfill from a date, refresh one ticket's comments.
// Inngest queues it, or the caller runs it (see Caller.defer); the answer says which.
import { getDesk } from "@/lib/data/desks";
import { UserError } from "@/lib/data/errors";
import { getTicketRef } from "@/lib/data/tickets";
import { assertAdmin, type Caller } from "@/lib/desks/actor";
import { dispatcher, type Dispatch, type Origin } from "@/lib/desks/dispatch";
import type { DeskRef } from "@/lib/desks/manage";
import { ZendeskAuthError, ZendeskRequestError, ZendeskWaitError } from "@/lib/zendesk/errors";

const needsReconnect = (reason: string) => `This desk needs reconnecting before it can sync: ${reason}`;

const originOf = (caller: Caller): Origin => (caller.actor.kind === "user" ? "app" : "cli");

/** Runs or queues the dispatch; a refusal from Inngest is the caller's error. */
function hand(caller: Caller, dispatch: Dispatch, messages: { queued: string; work: string }): string {
  if (dispatch.kind === "failed") throw new UserError(dispatch.error);
  if (dispatch.kind === "work") {
    caller.defer(dispatch.work);
    return messages.work;
  }
  return messages.queued;
}

export async function requestSync(caller: Caller, ref: DeskRef): Promise<string> {
  assertAdmin(caller.actor, "start syncs");
  const desk = await getDesk(ref);
  if (!desk.active) throw new UserError("This desk is inactive: activate it to sync.");
  if (desk.reconnectReason) throw new UserError(needsReconnect(desk.reconnectReason));
  return hand(caller, await dispatcher().sync(desk, originOf(caller)), {
    queued: "Sync requested from Inngest.",
    work: "Sync started: follow it on the Sync page.",
  });
}

export async function requestBackfill(caller: Caller, ref: DeskRef, since: Date): Promise<string> {
  assertAdmin(caller.actor, "start backfills");
  const desk = await getDesk(ref);
  if (!desk.active) throw new UserError("This desk is inactive: activate it before a backfill.");
  if (desk.reconnectReason) throw new UserError(needsReconnect(desk.reconnectReason));
  const day = since.toISOString().slice(0, 10);
  const message = `Backfill from ${day} started: every ticket changed since then is exported again.`;
  return hand(caller, await dispatcher().backfill(desk, since, originOf(caller)), { queued: message, work: message });
}

/**
 * Any signed-in user may: it only refreshes the copy of what Zendesk already shows them. Done in
 * process, it is one request per 100 comments, so the answer waits for it and says what changed.
 */
export async function repairComments(_caller: Caller, ticketRowId: string): Promise<string> {
  const ref = await getTicketRef(ticketRowId);
  if (!ref) throw new UserError("This ticket is no longer in the database.");
  const dispatch = await dispatcher().repairComments(ref.deskId, ref.zendeskId);
  if (dispatch.kind === "failed") throw new UserError(dispatch.error);
  if (dispatch.kind === "work") {
    try {
      return await dispatch.work();
    } catch (error) {
      // An outage or a revoked token is news for the person who clicked, not a crash of the page.
      if (error instanceof ZendeskAuthError || error instanceof ZendeskRequestError || error instanceof ZendeskWaitError) {
        throw new UserError(`Zendesk could not be reached: ${error.message}`);
      }
      throw error;
    }
  }
  return "Refresh queued: the comments update within a minute.";
}
