// The failures a sync step can end with that its runner must treat specially: bad credentials are
// final (no retry can help), a long rate-limit wait is a durable sleep. Runners (inngest/steps.ts)
// import them from here, the pipeline's contract, rather than from the client.
import { reconnectText } from "@/lib/validations/desk-auth";
import { ZendeskAuthError } from "@/lib/zendesk/errors";

export { ZendeskAuthError, ZendeskWaitError } from "@/lib/zendesk/errors";

/**
 * The desk's grant is gone (revoked, expired refresh token, bad client) or was never given: nothing
 * calls Zendesk for it until an admin reconnects it. Final like any ZendeskAuthError.
 */
export class DeskNeedsReconnectError extends ZendeskAuthError {
  constructor(readonly reason: string) {
    super(401, "", { message: reconnectText(reason) });
  }
}
