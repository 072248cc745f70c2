-- Hardening: sign-in throttling replaces the per-account lock (anyone could lock any account out),
-- sessions end on sign-out (session_version), shared rate-limit state for every app instance, and the
-- one-time code that guards the creation of the first admin.

ALTER TABLE "admin_users" DROP COLUMN "failed_attempts", DROP COLUMN "locked_until";
ALTER TABLE "admin_users" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 0;
COMMENT ON COLUMN "admin_users"."session_version" IS 'Raised on sign-out, password or role change; a session cookie carrying an older value is refused.';

CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL,
    "tat" TIMESTAMPTZ(6) NOT NULL,
    "hits" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "rate_limits_updated_at_idx" ON "rate_limits"("updated_at");
COMMENT ON TABLE "rate_limits" IS 'Request budgets shared by every app process (sign-in, POSTs, actions, comment refreshes).';
COMMENT ON COLUMN "rate_limits"."key" IS 'What is limited, e.g. signin:addr:<address> or action:user:<id>.';
COMMENT ON COLUMN "rate_limits"."tat" IS 'Token budgets: theoretical arrival time of the next request (GCRA); failure back-off: blocked until.';
COMMENT ON COLUMN "rate_limits"."hits" IS 'Failure back-off: failures counted so far (doubling the wait past the free ones).';
COMMENT ON COLUMN "rate_limits"."updated_at" IS 'Last use; rows unused for a day are deleted.';

CREATE TABLE "setup_codes" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "code_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "setup_codes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "setup_codes_one_row" CHECK ("id" = 1)
);
COMMENT ON TABLE "setup_codes" IS 'The one-time code printed in the server console while no user exists; required to create the first admin.';
COMMENT ON COLUMN "setup_codes"."id" IS 'Always 1: one code at a time.';
COMMENT ON COLUMN "setup_codes"."code_hash" IS 'SHA-256 of the code; the code itself is only printed.';
COMMENT ON COLUMN "setup_codes"."expires_at" IS 'The code is refused after this time; a server start prints a new one.';
COMMENT ON COLUMN "setup_codes"."created_at" IS 'When the code was printed.';
