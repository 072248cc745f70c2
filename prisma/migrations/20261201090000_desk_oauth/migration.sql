-- OAuth for desks: a sign-in method per desk (OAuth client credentials, OAuth authorization code with
-- PKCE, or the legacy API token Zendesk turns off on 2027-04-30), the encrypted OAuth client secret and
-- tokens, the "needs reconnecting" state, and the pending "Connect with Zendesk" flows.
-- Existing desks keep their API token: they become api_token desks. The column's default stays
-- api_token, so a row written with an email and token (older tools, raw SQL) still means what it says;
-- the app always names the method, and its forms and CLI default to OAuth client credentials.
CREATE TYPE "desk_auth_method" AS ENUM ('client_credentials', 'authorization_code', 'api_token');

ALTER TABLE "desks"
  ADD COLUMN "auth_method" "desk_auth_method" NOT NULL DEFAULT 'api_token',
  ALTER COLUMN "email" DROP NOT NULL,
  ALTER COLUMN "token_ciphertext" DROP NOT NULL,
  ADD COLUMN "oauth_client_id" TEXT,
  ADD COLUMN "oauth_client_secret_ciphertext" TEXT,
  ADD COLUMN "oauth_access_token_ciphertext" TEXT,
  ADD COLUMN "oauth_access_token_expires_at" TIMESTAMPTZ(6),
  ADD COLUMN "oauth_refresh_token_ciphertext" TEXT,
  ADD COLUMN "oauth_refresh_token_expires_at" TIMESTAMPTZ(6),
  ADD COLUMN "oauth_scope" TEXT,
  ADD COLUMN "oauth_token_issued_at" TIMESTAMPTZ(6),
  ADD COLUMN "reconnect_reason" TEXT,
  ADD COLUMN "reconnect_needed_since" TIMESTAMPTZ(6);

-- What each method needs, so no code path can store a desk that cannot sign in.
ALTER TABLE "desks" ADD CONSTRAINT "desks_auth_method_credentials" CHECK (
  CASE "auth_method"
    WHEN 'api_token' THEN "email" IS NOT NULL AND "token_ciphertext" IS NOT NULL
    WHEN 'client_credentials' THEN "oauth_client_id" IS NOT NULL AND "oauth_client_secret_ciphertext" IS NOT NULL
    ELSE "oauth_client_id" IS NOT NULL
  END
);

COMMENT ON COLUMN "desks"."auth_method" IS 'How the desk signs in to Zendesk; desks made before OAuth are api_token.';
COMMENT ON COLUMN "desks"."email" IS 'The agent an API token belongs to (api_token desks only).';
COMMENT ON COLUMN "desks"."token_ciphertext" IS 'AES-256-GCM ciphertext of the API token (lib/crypto.ts); never the token itself. api_token desks only.';
COMMENT ON COLUMN "desks"."oauth_client_id" IS 'The OAuth client''s identifier (client_id) as registered in Zendesk Admin Center; not a secret.';
COMMENT ON COLUMN "desks"."oauth_client_secret_ciphertext" IS 'AES-256-GCM ciphertext of the OAuth client secret; null for a public client.';
COMMENT ON COLUMN "desks"."oauth_access_token_ciphertext" IS 'AES-256-GCM ciphertext of the current OAuth access token.';
COMMENT ON COLUMN "desks"."oauth_access_token_expires_at" IS 'When Zendesk expires the access token; null for a token that never expires (clients made before 2026-04-30).';
COMMENT ON COLUMN "desks"."oauth_refresh_token_ciphertext" IS 'AES-256-GCM ciphertext of the OAuth refresh token (authorization code desks); each refresh rotates it.';
COMMENT ON COLUMN "desks"."oauth_refresh_token_expires_at" IS 'When Zendesk expires the refresh token (30 days without use by default).';
COMMENT ON COLUMN "desks"."oauth_scope" IS 'Scopes Zendesk granted to the current access token, space-separated.';
COMMENT ON COLUMN "desks"."oauth_token_issued_at" IS 'When the current access token was issued; with its expiry, tells how early to renew it.';
COMMENT ON COLUMN "desks"."reconnect_reason" IS 'Why Zendesk no longer accepts this desk''s grant (revoked, expired refresh token, bad client); while set, no request goes to Zendesk for the desk until an admin reconnects it.';
COMMENT ON COLUMN "desks"."reconnect_needed_since" IS 'Since when the desk needs reconnecting.';

CREATE TABLE "desk_oauth_states" (
  "state_hash" TEXT NOT NULL,
  "desk_id" INTEGER NOT NULL,
  "admin_user_id" INTEGER,
  "client_id" TEXT NOT NULL,
  "client_secret_ciphertext" TEXT,
  "code_verifier_ciphertext" TEXT NOT NULL,
  "redirect_uri" TEXT NOT NULL,
  "expires_at" TIMESTAMPTZ(6) NOT NULL,
  "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "desk_oauth_states_pkey" PRIMARY KEY ("state_hash")
);
CREATE INDEX "desk_oauth_states_desk_id_idx" ON "desk_oauth_states"("desk_id");
ALTER TABLE "desk_oauth_states" ADD CONSTRAINT "desk_oauth_states_desk_id_fkey"
  FOREIGN KEY ("desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "desk_oauth_states" ADD CONSTRAINT "desk_oauth_states_admin_user_id_fkey"
  FOREIGN KEY ("admin_user_id") REFERENCES "admin_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

COMMENT ON TABLE "desk_oauth_states" IS 'A "Connect with Zendesk" (authorization code + PKCE) flow that was started and not yet answered: single use, short-lived.';
COMMENT ON COLUMN "desk_oauth_states"."state_hash" IS 'SHA-256 (hex) of the state sent to Zendesk; the state itself is never stored.';
COMMENT ON COLUMN "desk_oauth_states"."desk_id" IS 'The desk (desks.id) being connected.';
COMMENT ON COLUMN "desk_oauth_states"."admin_user_id" IS 'The admin who started the flow and alone may finish it; null when started from the CLI (any admin may).';
COMMENT ON COLUMN "desk_oauth_states"."client_id" IS 'The OAuth client the flow runs with; becomes the desk''s client when Zendesk sends the admin back.';
COMMENT ON COLUMN "desk_oauth_states"."client_secret_ciphertext" IS 'AES-256-GCM ciphertext of the client secret (confidential clients), null for a public client.';
COMMENT ON COLUMN "desk_oauth_states"."code_verifier_ciphertext" IS 'AES-256-GCM ciphertext of the PKCE code verifier, which never leaves the server.';
COMMENT ON COLUMN "desk_oauth_states"."redirect_uri" IS 'The redirect URL sent to Zendesk; the code exchange must repeat it.';
COMMENT ON COLUMN "desk_oauth_states"."expires_at" IS 'After this the state is refused.';
COMMENT ON COLUMN "desk_oauth_states"."created_at" IS 'When the flow was started.';
