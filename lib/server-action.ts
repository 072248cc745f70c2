import "server-only";
// The one wrapper around every server action: who is signed in (re-read from the database), the role
// the action needs, zod parsing of its input, and one answer shape (ActionResult). Refusals the use
// cases raise (UserError, ForbiddenError) become answers; anything else is a bug and propagates.
// Each signed-in user has a budget of actions per minute (ACTION_RATE_PER_MINUTE), shared by every
// app instance, so no one can turn a button into a flood of database work or Zendesk requests.
import { after } from "next/server";
import type { z } from "zod";
import { currentUser } from "@/lib/auth";
import type { Actor, Caller, Deferred } from "@/lib/desks";
import { log } from "@/lib/log";
import { performAction, type Access, type Handler, type Parsed } from "@/lib/perform-action";
import { echoValues, type ActionResult } from "@/lib/validations/action-result";

async function signedInActor(): Promise<Actor | null> {
  const user = await currentUser();
  return user ? { kind: "user", id: user.id, email: user.email, role: user.role } : null;
}

/** In-process work runs after the response is sent; its summary line holds counts, never credentials. */
function deferAfterResponse(work: Deferred): void {
  after(() =>
    work().then(
      (line) => log.info(line),
      (error: unknown) => log.error("background work failed", { err: error }),
    ),
  );
}

/** The signed-in user as a Caller, for route handlers (e.g. an OAuth callback); null when signed out. */
export async function currentCaller(): Promise<Caller | null> {
  const actor = await signedInActor();
  return actor ? { actor, defer: deferAfterResponse } : null;
}

/** An action called with one value (a bound id, or an object): `action.bind(null, value)` in a page. */
export function serverAction<S extends z.ZodType>(access: Access, schema: S, handler: Handler<z.output<S>>) {
  return async (raw: z.input<S>): Promise<ActionResult> =>
    performAction(await signedInActor(), access, schema.safeParse(raw) as Parsed<z.output<S>>, handler, deferAfterResponse);
}

/** A form's action for useActionState: parses the FormData; refills the form minus `secrets` on refusal. */
export function formAction<I>(
  access: Access,
  parse: (formData: FormData) => Parsed<I>,
  handler: Handler<I>,
  secrets: readonly string[] = [],
) {
  return async (_state: ActionResult, formData: FormData): Promise<ActionResult> =>
    performAction(await signedInActor(), access, parse(formData), handler, deferAfterResponse, echoValues(formData, secrets));
}
