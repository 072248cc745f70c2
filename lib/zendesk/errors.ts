// Errors the Zendesk client raises. Messages name the desk's host and the status, never a credential.

/** How a request signed in: the words of a refusal depend on it. */
export type AuthScheme = "api-token" | "oauth";

function refusal(status: number, host: string, scheme: AuthScheme): string {
  if (scheme === "api-token") {
    return `Zendesk at ${host} rejected the credentials (HTTP ${status}): check the desk's email and API token, and that token access is enabled`;
  }
  if (status === 403) {
    return `Zendesk at ${host} refused access (HTTP 403 Forbidden): the OAuth token lacks the scope this request needs (read), or the Zendesk user it acts for is not an admin`;
  }
  return `Zendesk at ${host} refused the OAuth access token (HTTP ${status}) right after it was renewed: check that the OAuth client is still active in Zendesk`;
}

/** Zendesk rejected the credentials (401/403): retrying cannot help until someone fixes the desk. */
export class ZendeskAuthError extends Error {
  constructor(
    readonly status: number,
    host: string,
    scheme: AuthScheme | { message: string } = "api-token",
  ) {
    super(typeof scheme === "string" ? refusal(status, host, scheme) : scheme.message);
  }
}

/**
 * The OAuth token endpoint refused a grant (invalid_client, invalid_grant, invalid_scope…): final
 * until someone fixes the client, its scopes or the grant. `code` is Zendesk's OAuth error code.
 */
export class ZendeskOAuthError extends ZendeskAuthError {
  constructor(
    readonly code: string,
    status: number,
    host: string,
    message: string,
  ) {
    super(status, host, { message });
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
