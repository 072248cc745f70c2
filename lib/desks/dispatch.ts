// How a desk's sync work gets done, chosen once per process from its settings: events to Inngest when
// an Inngest server is configured, else work in this process under the desk's advisory lock. Every
// desk operation that starts or stops syncing goes through here, from the app, the CLI or Inngest.
import { context } from "@/lib/context";
import { inngestConfigured, inngestDevMode } from "@/lib/env";
import { inngestDispatcher } from "@/lib/desks/dispatch-inngest";
import { inProcessDispatcher } from "@/lib/desks/dispatch-in-process";
import type { Deferred } from "@/lib/desks/actor";

export type Dispatch =
  /** Inngest has the event and will run it. */
  | { kind: "queued" }
  /** Inngest is configured but did not take the event; nothing will run. */
  | { kind: "failed"; error: string }
  /** Work for the caller to run (after the response in the app, in the foreground in the CLI). */
  | { kind: "work"; work: Deferred };

/** "app" or "cli": recorded on the run, so the monitor tells where a sync came from. */
export type Origin = "app" | "cli";

export type SyncDispatcher = {
  readonly kind: "inngest" | "in-process";
  sync(desk: { id: number; domain: string }, origin: Origin): Promise<Dispatch>;
  backfill(desk: { id: number; domain: string }, since: Date, origin: Origin): Promise<Dispatch>;
  repairComments(deskId: number, ticketId: number): Promise<Dispatch>;
  /** Webhooks queued changed tickets (realtime_ticket_queue): fetch them, coalescing with a fetch under way. */
  ticketsChanged(deskId: number): Promise<Dispatch>;
  /** After a desk was deactivated or removed: cancel what runs for it. Null, or why that failed. */
  stopped(deskId: number, why: "deactivated" | "removed"): Promise<string | null>;
};

const holder = globalThis as unknown as { dispatcher?: { env: object; dispatcher: SyncDispatcher } };

export function dispatcher(): SyncDispatcher {
  const { env } = context();
  if (holder.dispatcher?.env !== env) {
    holder.dispatcher = { env, dispatcher: inngestConfigured(env) ? inngestDispatcher(env) : inProcessDispatcher() };
  }
  return holder.dispatcher.dispatcher;
}

/** Where to watch the durable runs, when Inngest schedules syncs; null when this install syncs itself. */
export function inngestDashboardUrl(): string | null {
  const { env } = context();
  if (!inngestConfigured(env)) return null;
  if (env.INNGEST_BASE_URL) return env.INNGEST_BASE_URL;
  // The dev server's UI; a signing key alone means Inngest Cloud.
  return inngestDevMode(env) ? "http://localhost:8288" : "https://app.inngest.com";
}
