// How a desk signs in to Zendesk, for the client only: the sync, "test connection", the comment
// repair and anything else that calls Zendesk for a desk take it from here. An API token is decrypted
// here; an OAuth desk gets an auth strategy that renews its access token through lib/sync/desk-tokens.ts
// (before it expires, and once on a 401). Nothing returned from here is logged or shown.
import { openSecret } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import type { DeskAuthMethod } from "@/lib/generated/prisma/client";
import { expiring, renewDeskToken, storedAccessToken, type AccessToken } from "@/lib/sync/desk-tokens";
import { apiTokenAuth, type ZendeskAuth } from "@/lib/zendesk/client";
import type { TokenRequestOptions } from "@/lib/zendesk/oauth";

export type DeskCredentials = { baseUrl: string; method: DeskAuthMethod; auth: ZendeskAuth };

export async function deskCredentials(deskId: number, options: TokenRequestOptions = {}): Promise<DeskCredentials> {
  const row = await db().desk.findUniqueOrThrow({
    where: { id: deskId },
    select: { baseUrl: true, authMethod: true, email: true, tokenCiphertext: true, oauthClientId: true },
  });
  if (row.authMethod === "api_token") {
    if (!row.email || !row.tokenCiphertext) throw new Error(`desk ${deskId} has no API token`);
    return { baseUrl: row.baseUrl, method: row.authMethod, auth: apiTokenAuth(row.email, openSecret(row.tokenCiphertext)) };
  }
  const auth = oauthDeskAuth(deskId, row.oauthClientId ?? "", await storedAccessToken(deskId), options);
  return { baseUrl: row.baseUrl, method: row.authMethod, auth };
}

/**
 * Bearer auth with the desk's stored access token. Each client (one per page step) starts from what
 * the database holds, so every process picks up a token another one renewed.
 */
function oauthDeskAuth(deskId: number, clientId: string, stored: AccessToken | null, options: TokenRequestOptions): ZendeskAuth {
  let token = stored;
  return {
    scheme: "oauth",
    identity: `oauth:${clientId}`,
    async header() {
      if (!token || expiring(token)) token = await renewDeskToken(deskId, token?.accessToken ?? null, options);
      return `Bearer ${token.accessToken}`;
    },
    async renew(refused) {
      token = await renewDeskToken(deskId, refused.replace(/^Bearer /, ""), options);
    },
  };
}
