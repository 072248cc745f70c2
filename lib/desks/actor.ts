// Who asks for a desk operation: a signed-in user of the app, the command line (whoever runs it has
// the database's keys already), or the system itself (Inngest functions, the scheduler).
import { ForbiddenError } from "@/lib/data/errors";

export type Actor =
  | { kind: "user"; id: string; email: string; role: "admin" | "viewer" }
  | { kind: "cli" }
  | { kind: "system" };

/**
 * Work an operation started that may outlast the request (an in-process sync): the app runs it after
 * its response is sent, the CLI before it exits. The string is the work's one-line summary.
 */
export type Deferred = () => Promise<string>;

export type Caller = { actor: Actor; defer: (work: Deferred) => void };

export const isAdmin = (actor: Actor) => actor.kind !== "user" || actor.role === "admin";

export function assertAdmin(actor: Actor, what: string): void {
  if (!isAdmin(actor)) throw new ForbiddenError(`Only admins can ${what}.`);
}
