// The core of every server action, free of Next's request APIs so tests run it as the app does: the
// actor (null when nobody is signed in), the role the action needs, the parsed input, the handler, and
// one answer shape. Refusals the use cases raise (UserError, ForbiddenError) become answers; anything
// else is a bug and propagates. lib/server-action.ts wraps it with the session and after().
import type { z } from "zod";
import { UserError } from "@/lib/data/errors";
import { isAdmin, type Actor, type Caller, type Deferred } from "@/lib/desks";
import { fieldErrorsOf, type ActionResult } from "@/lib/validations/action-result";

/** Who may call the action: anyone signed in, or admins only (the words finish "Only admins can …"). */
export type Access = "signed-in" | { adminsOnly: string };

export type Parsed<I> = { success: true; data: I } | { success: false; error: z.ZodError };
export type Handler<I> = (caller: Caller, input: I) => Promise<ActionResult>;

const SIGNED_OUT = "Your session has ended: sign in again.";

/** `values` refills the form after a refusal. */
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

