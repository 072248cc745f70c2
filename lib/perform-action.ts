import "server-only";
// The core of every server action (lib/server-action.ts wraps it with Next's request APIs): the actor's
// role, the per-user action budget, parsed input, the handler, and one answer shape. Refusals the use
// cases raise (UserError, ForbiddenError) become answers; anything else is a bug and propagates. Free
// of Next and Auth.js imports so tests run it as it is.
import type { z } from "zod";
import { context } from "@/lib/context";
import { UserError } from "@/lib/data/errors";
import { takeToken } from "@/lib/db/rate-limits";
import { isAdmin, type Actor, type Caller, type Deferred } from "@/lib/desks";
import { fieldErrorsOf, type ActionResult } from "@/lib/validations/action-result";

export type Parsed<I> = { success: true; data: I } | { success: false; error: z.ZodError };
export type Handler<I> = (caller: Caller, input: I) => Promise<ActionResult>;

/** Who may call the action: anyone signed in, or admins only (the words finish "Only admins can …"). */
export type Access = "signed-in" | { adminsOnly: string };

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
  if (actor.kind === "user") {
    const budget = await takeToken(`action:user:${actor.id}`, context().env.ACTION_RATE_PER_MINUTE);
    if (!budget.ok) return { ok: false, error: `Too many requests: wait ${budget.retryAfterSeconds} s and try again.`, values };
  }
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    return await handler({ actor, defer }, parsed.data);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (error.field) return { ok: false, fieldErrors: { [error.field]: [error.message] }, values };
    return { ok: false, error: error.message, values };
  }
}

