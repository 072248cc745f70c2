// A desk's OAuth tokens: the one place that renews and stores them. Renewal runs under the desk's
// token lock (lib/db/locks.ts) inside one transaction, so a refresh token, which Zendesk rotates on
// every use, is never sent twice: a process that waited for the lock uses what the holder committed.
// The new pair is committed before anyone uses it. A refusal from Zendesk's token endpoint is final:
// the desk is marked "needs reconnecting" (lib/sync/state.ts) and no process calls Zendesk for it.
import { openSecret, sealSecret } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import { lockDeskTokens } from "@/lib/db/locks";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DeskNeedsReconnectError } from "@/lib/sync/errors";
import { clearReconnectNeeded, markReconnectNeeded } from "@/lib/sync/state";
import { NOT_CONNECTED } from "@/lib/validations/desk-auth";
import { ZendeskOAuthError } from "@/lib/zendesk/errors";
import { requestToken, type GrantRequest, type TokenGrant, type TokenRequestOptions } from "@/lib/zendesk/oauth";

type Tx = Prisma.TransactionClient;

/** The access token a process holds, with what it needs to judge when to renew it. */
export type AccessToken = { accessToken: string; expiresAt: Date | null; issuedAt: Date | null };

/** Renew this long before expiry: a minute, or a tenth of a short lifetime (tests use seconds). */
const MAX_MARGIN_MS = 60_000;

export function expiring(token: AccessToken, now = Date.now()): boolean {
  if (!token.expiresAt) return false;
  const lifetime = token.issuedAt ? token.expiresAt.getTime() - token.issuedAt.getTime() : MAX_MARGIN_MS * 10;
  return token.expiresAt.getTime() - Math.min(MAX_MARGIN_MS, lifetime / 10) <= now;
}

/** The token HTTP call runs inside the transaction that holds the lock. */
const RENEW_TX = { maxWait: 30_000, timeout: 90_000 };


const tokenColumns = {
  baseUrl: true,
  authMethod: true,
  oauthClientId: true,
  oauthClientSecretCiphertext: true,
  oauthAccessTokenCiphertext: true,
  oauthAccessTokenExpiresAt: true,
  oauthTokenIssuedAt: true,
  oauthRefreshTokenCiphertext: true,
  reconnectReason: true,
} satisfies Prisma.DeskSelect;

/** The stored access token, or null when there is none yet. */
export async function storedAccessToken(deskId: number, tx: Tx = db()): Promise<AccessToken | null> {
  const row = await tx.desk.findUniqueOrThrow({ where: { id: deskId }, select: tokenColumns });
  return accessTokenOf(row);
}

function accessTokenOf(row: { oauthAccessTokenCiphertext: string | null; oauthAccessTokenExpiresAt: Date | null; oauthTokenIssuedAt: Date | null }): AccessToken | null {
  if (!row.oauthAccessTokenCiphertext) return null;
  return { accessToken: openSecret(row.oauthAccessTokenCiphertext), expiresAt: row.oauthAccessTokenExpiresAt, issuedAt: row.oauthTokenIssuedAt };
}

type Renewal = { token: AccessToken } | { reconnect: string };

/**
 * A good access token for the desk. `refused` is the token the caller holds and found expiring or
 * Zendesk refused (401): unless another process already replaced it, a new one is obtained (client
 * credentials grant, or the refresh token) and committed before it is returned.
 */
export async function renewDeskToken(deskId: number, refused: string | null, options: TokenRequestOptions = {}): Promise<AccessToken> {
  const outcome = await db().$transaction(async (tx): Promise<Renewal> => {
    await lockDeskTokens(tx, deskId);
    const row = await tx.desk.findUniqueOrThrow({ where: { id: deskId }, select: tokenColumns });
    if (row.reconnectReason) return { reconnect: row.reconnectReason };
    const stored = accessTokenOf(row);
    // Another process renewed it while this one waited for the lock, or it is still good.
    if (stored && stored.accessToken !== refused && !expiring(stored)) return { token: stored };
    if (row.authMethod === "api_token" || !row.oauthClientId) throw new Error(`desk ${deskId} does not sign in with OAuth`);

    let request: GrantRequest;
    if (row.authMethod === "client_credentials") request = { grant: "client_credentials" };
    else if (row.oauthRefreshTokenCiphertext) request = { grant: "refresh_token", refreshToken: openSecret(row.oauthRefreshTokenCiphertext) };
    else {
      // A grant without refresh token (an OAuth client made before 2026-04-30) cannot be renewed.
      const reason = stored ? "Zendesk refused the access token and gave no refresh token to renew it. Reconnect the desk with Zendesk." : NOT_CONNECTED;
      await markReconnectNeeded(deskId, reason, tx);
      return { reconnect: reason };
    }
    const client = { clientId: row.oauthClientId, clientSecret: row.oauthClientSecretCiphertext ? openSecret(row.oauthClientSecretCiphertext) : null };
    let grant: TokenGrant;
    try {
      grant = await requestToken(row.baseUrl, client, request, options);
    } catch (error) {
      if (!(error instanceof ZendeskOAuthError)) throw error;
      await markReconnectNeeded(deskId, error.message, tx);
      return { reconnect: error.message };
    }
    await writeGrant(tx, deskId, grant);
    return { token: { accessToken: grant.accessToken, expiresAt: grant.expiresAt, issuedAt: grant.issuedAt } };
  }, RENEW_TX);
  if ("reconnect" in outcome) throw new DeskNeedsReconnectError(outcome.reconnect);
  return outcome.token;
}

/** Encrypts and stores a grant Zendesk just issued (a rotated refresh token replaces the old one). */
async function writeGrant(tx: Tx, deskId: number, grant: TokenGrant): Promise<void> {
  await tx.desk.update({
    where: { id: deskId },
    select: { id: true },
    data: {
      oauthAccessTokenCiphertext: sealSecret(grant.accessToken),
      oauthAccessTokenExpiresAt: grant.expiresAt,
      oauthTokenIssuedAt: grant.issuedAt,
      oauthRefreshTokenCiphertext: grant.refreshToken ? sealSecret(grant.refreshToken) : null,
      oauthRefreshTokenExpiresAt: grant.refreshExpiresAt,
      oauthScope: grant.scope,
    },
  });
}

/**
 * "Connect with Zendesk" finished: the desk now signs in with the authorization code grant of this
 * client, with the tokens Zendesk just issued; its API token (if any) is dropped, its data and cursors
 * stay, and it no longer needs reconnecting.
 */
export async function storeAuthorizationGrant(
  deskId: number,
  client: { clientId: string; clientSecretCiphertext: string | null },
  grant: TokenGrant,
): Promise<void> {
  await db().$transaction(async (tx) => {
    await lockDeskTokens(tx, deskId);
    await tx.desk.update({
      where: { id: deskId },
      select: { id: true },
      data: {
        authMethod: "authorization_code",
        oauthClientId: client.clientId,
        oauthClientSecretCiphertext: client.clientSecretCiphertext,
        email: null,
        tokenCiphertext: null,
      },
    });
    await writeGrant(tx, deskId, grant);
    await clearReconnectNeeded(deskId, tx);
  }, RENEW_TX);
}
