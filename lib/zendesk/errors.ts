// Errors the Zendesk client raises. Messages name the desk's host and the status, never a credential.

/** Zendesk rejected the credentials (401/403): retrying cannot help until someone fixes the desk. */
export class ZendeskAuthError extends Error {
  constructor(
    readonly status: number,
    host: string,
  ) {
    super(
      `Zendesk at ${host} rejected the credentials (HTTP ${status}): check the desk's email and API token, and that token access is enabled`,
    );
  }
}

export class ZendeskNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`Zendesk answered 404 for ${path}`);
  }
}

/** A response that stayed bad after every retry (5xx, HTML error page, timeout, unparseable JSON). */
export class ZendeskRequestError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** No answer within the client's timeout, after every attempt. */
export class ZendeskTimeoutError extends ZendeskRequestError {}

/** The connection failed (refused, reset, DNS), after every attempt. */
export class ZendeskNetworkError extends ZendeskRequestError {}

/**
 * The next request may not go out before `until` (Retry-After or the pacing budget) and the wait is
 * longer than the caller wants to spend inside one step; the caller sleeps durably and tries again.
 */
export class ZendeskWaitError extends Error {
  constructor(readonly until: number) {
    super(`Zendesk rate limit: next request allowed at ${new Date(until).toISOString()}`);
  }
}
