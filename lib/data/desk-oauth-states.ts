import "server-only";
// Pending "Connect with Zendesk" flows (desk_oauth_states): one row per started authorization,
// found by the hash of its state, taken exactly once. Secrets in it arrive encrypted (lib/desks).
import { db } from "@/lib/db/client";

export type OAuthStateRow = {
  stateHash: string;
  deskId: number;
  adminUserId: number | null;
  clientId: string;
  clientSecretCiphertext: string | null;
  codeVerifierCiphertext: string;
  redirectUri: string;
  expiresAt: Date;
};

/** Stores a started flow, and forgets every flow that expired unanswered. */
export async function insertOAuthState(row: OAuthStateRow): Promise<void> {
  await db().$transaction([db().deskOAuthState.deleteMany({ where: { expiresAt: { lt: new Date() } } }), db().deskOAuthState.create({ data: row })]);
}

/**
 * Takes the flow with this state hash: deleted in the same statement that reads it, so a state is
 * used once even when two requests bring it at the same moment. Null when unknown, used or expired.
 */
export async function takeOAuthState(stateHash: string): Promise<OAuthStateRow | null> {
  const rows = await db().$queryRaw<
    {
      state_hash: string;
      desk_id: number;
      admin_user_id: number | null;
      client_id: string;
      client_secret_ciphertext: string | null;
      code_verifier_ciphertext: string;
      redirect_uri: string;
      expires_at: Date;
    }[]
  >`DELETE FROM desk_oauth_states WHERE state_hash = ${stateHash} RETURNING *`;
  const row = rows[0];
  if (!row || row.expires_at.getTime() <= Date.now()) return null;
  return {
    stateHash: row.state_hash,
    deskId: row.desk_id,
    adminUserId: row.admin_user_id,
    clientId: row.client_id,
    clientSecretCiphertext: row.client_secret_ciphertext,
    codeVerifierCiphertext: row.code_verifier_ciphertext,
    redirectUri: row.redirect_uri,
    expiresAt: row.expires_at,
  };
}
