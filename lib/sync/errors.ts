// The failures a sync step can end with that its runner must treat specially: bad credentials are
// final (no retry can help), a long rate-limit wait is a durable sleep. Runners (inngest/steps.ts)
// import them from here, the pipeline's contract, rather than from the client.
export { ZendeskAuthError, ZendeskWaitError } from "@/lib/zendesk/errors";
