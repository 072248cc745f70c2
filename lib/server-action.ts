import "server-only";
// The one wrapper around every server action: who is signed in (re-read from the database), the role
// the action needs, zod parsing of its input, and one answer shape (ActionResult). Refusals the use
// cases raise (UserError, ForbiddenError) become answers; anything else is a bug and propagates.
import { after } from "next/server";
import type { z } from "zod";
import { currentUser } from "@/lib/auth";
import { UserError } from "@/lib/data/errors";
import { isAdmin, type Actor, type Caller, type Deferred } from "@/lib/desks";
import { log } from "@/lib/log";
import { echoValues, fieldErrorsOf, type ActionResult } from "@/lib/validations/action-result";

/** Who may call the action: anyone signed in, or admins only (the words finish "Only admins can …"). */
export type Access = "signed-in" | { adminsOnly: string };

type Parsed<I> = { success: true; data: I } | { success: false; error: z.ZodError };
type Handler<I> = (caller: Caller, input: I) => Promise<ActionResult>;

const SIGNED_OUT = "Your session has ended: sign in again.";

/**
 * The core of every action, free of Next's request APIs so tests can run it: the actor (null when
 * nobody is signed in), the parsed input, the handler; `values` refills the form after a refusal.
 */
export async function performAction<I>(
  actor: Actor | null,
  access: Access,
  parsed: Parsed<I>,
  handler: Handler<I>,
  defer: (work: Deferred) => void,
  values?: Record<string, string>,
): Promise<ActionResult> {
  if (!actor) return { ok: false, error: SIGNED_OUT };
  if (access !== "signed-in" && !isAdmin(actor)) return { ok: false, error: `Only admins can ${access.adminsOnly}.` };
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    return await handler({ actor, defer }, parsed.data);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (error.field) return { ok: false, fieldErrors: { [error.field]: [error.message] }, values };
    return { ok: false, error: error.message, values };
  }
}

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
