// "Connect with Zendesk": the OAuth authorization code flow with PKCE. Starting it stores a pending
// flow (state hash, encrypted PKCE verifier, the admin who started it, short expiry) and gives the
// URL of Zendesk's authorization page; Zendesk sends the admin back to the app's callback with a code
// and the state, which is taken once, checked against the signed-in admin, and traded for tokens.
// Until that succeeds the desk keeps whatever credentials it had, so a switch costs no sync.
import { createHash, randomBytes } from "node:crypto";
import { openSecret, sealSecret } from "@/lib/crypto";
import { context } from "@/lib/context";
import { insertOAuthState, takeOAuthState } from "@/lib/data/desk-oauth-states";
import { deskSecrets, findDesk, getDesk } from "@/lib/data/desks";
import { UserError } from "@/lib/data/errors";
import { assertAdmin, type Caller } from "@/lib/desks/actor";
import type { DeskRef } from "@/lib/desks/manage";
import { requestSync } from "@/lib/desks/syncing";
import { storeAuthorizationGrant } from "@/lib/sync/desk-tokens";
import { ZendeskOAuthError, ZendeskRequestError } from "@/lib/zendesk/errors";
import { authorizationUrl, pkcePair, redirectUriProblem, requestToken, type TokenGrant } from "@/lib/zendesk/oauth";
import type { DeskConnect } from "@/lib/validations/desk";
import type { ConnectOutcome } from "@/lib/validations/desk-auth";

/** The app's callback route; the one redirect URL to register on the OAuth client in Zendesk. */
export const OAUTH_CALLBACK_PATH = "/api/desks/oauth/callback";

/** Long enough to sign in to Zendesk on the way; Zendesk's code itself lives 120 s. */
const STATE_TTL_MS = 10 * 60_000;

const hashState = (state: string) => createHash("sha256").update(state).digest("hex");

/**
 * The redirect URL: APP_URL (the app's public address) when set, else the origin the admin's browser
 * used (the app's button). The CLI has no browser origin: it needs APP_URL or --redirect-uri.
 */
export function oauthRedirectUri(requestOrigin?: string | null): string {
  const base = context().env.APP_URL ?? requestOrigin;
  if (!base) throw new UserError("Set APP_URL to the app's public address (or pass --redirect-uri): Zendesk must know where to send the admin back.");
  return `${base.replace(/\/+$/, "")}${OAUTH_CALLBACK_PATH}`;
}

export type StartedConnection = { url: string; redirectUri: string; expiresAt: Date };

export async function startDeskConnection(caller: Caller, ref: DeskRef, input: DeskConnect & { redirectUri: string }): Promise<StartedConnection> {
  assertAdmin(caller.actor, "connect desks");
  const desk = await getDesk(ref);
  const problem = redirectUriProblem(input.redirectUri);
  if (problem) throw new UserError(problem);
  const clientId = input.clientId ?? desk.oauthClientId;
  if (!clientId) throw new UserError("Enter the OAuth client's unique identifier", "clientId");
  // A secret left out is the desk's own, when it is the same client; a public client has none.
  const stored = clientId === desk.oauthClientId ? (await deskSecrets(desk.id)).oauthClientSecretCiphertext : null;
  const clientSecretCiphertext = input.clientSecret ? sealSecret(input.clientSecret) : stored;
  const state = randomBytes(32).toString("base64url");
  const { verifier, challenge } = pkcePair();
  const expiresAt = new Date(Date.now() + STATE_TTL_MS);
  await insertOAuthState({
    stateHash: hashState(state),
    deskId: desk.id,
    adminUserId: caller.actor.kind === "user" ? Number(caller.actor.id) : null,
    clientId,
    clientSecretCiphertext,
    codeVerifierCiphertext: sealSecret(verifier),
    redirectUri: input.redirectUri,
    expiresAt,
  });
  const url = authorizationUrl(desk.baseUrl, { clientId, redirectUri: input.redirectUri, state, codeChallenge: challenge });
  return { url, redirectUri: input.redirectUri, expiresAt };
}

/** What Zendesk sent back to the callback: code and state, or error and state. */
export type AuthorizationAnswer = { state?: string | null; code?: string | null; error?: string | null };

export type CompletedConnection = { deskId: number | null; outcome: ConnectOutcome; reason?: string };

/** Only Zendesk's OAuth error codes travel on to the page, never free text from the URL. */
const oauthCode = (value: string | null | undefined) => (value && /^[a-z_]{1,40}$/.test(value) ? value : "unknown");

export async function completeDeskConnection(caller: Caller, answer: AuthorizationAnswer): Promise<CompletedConnection> {
  assertAdmin(caller.actor, "connect desks");
  // Taken (deleted) before anything else: a state works once, whoever brings it.
  const pending = answer.state ? await takeOAuthState(hashState(answer.state)) : null;
  if (!pending) return { deskId: null, outcome: "refused" };
  const startedBy = pending.adminUserId;
  if (startedBy !== null && !(caller.actor.kind === "user" && Number(caller.actor.id) === startedBy)) return { deskId: pending.deskId, outcome: "refused" };
  const desk = await findDesk(pending.deskId);
  if (!desk) return { deskId: null, outcome: "refused" };
  if (answer.error) return { deskId: desk.id, outcome: "denied", reason: oauthCode(answer.error) };
  if (!answer.code) return { deskId: desk.id, outcome: "failed", reason: "no_code" };

  const client = { clientId: pending.clientId, clientSecret: pending.clientSecretCiphertext ? openSecret(pending.clientSecretCiphertext) : null };
  let grant: TokenGrant;
  try {
    grant = await requestToken(desk.baseUrl, client, {
      grant: "authorization_code",
      code: answer.code,
      redirectUri: pending.redirectUri,
      codeVerifier: openSecret(pending.codeVerifierCiphertext),
    });
  } catch (error) {
    if (error instanceof ZendeskOAuthError) return { deskId: desk.id, outcome: "failed", reason: oauthCode(error.code) };
    if (error instanceof ZendeskRequestError) return { deskId: desk.id, outcome: "failed", reason: "unreachable" };
    throw error;
  }
  await storeAuthorizationGrant(desk.id, { clientId: pending.clientId, clientSecretCiphertext: pending.clientSecretCiphertext }, grant);
  // The first sync with the new grant right away, rather than at the next tick of the schedule.
  if (desk.active) {
    try {
      await requestSync(caller, desk.id);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
    }
  }
  return { deskId: desk.id, outcome: "connected" };
}
