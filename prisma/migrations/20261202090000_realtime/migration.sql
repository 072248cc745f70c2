-- Real time: webhook settings and freshness on desks, the users/organizations export cursors, the
-- account's export limit, a queue of tickets webhooks named as changed, replay protection, delivery
-- counters, and the export budget every process of the install takes its turn from.
ALTER TABLE "desks"
    ADD COLUMN "export_limit_per_minute" INTEGER,
    ADD COLUMN "user_cursor" TEXT,
    ADD COLUMN "organization_start_time" BIGINT,
    ADD COLUMN "webhook_id" TEXT,
    ADD COLUMN "webhook_secret_ciphertext" TEXT,
    ADD COLUMN "webhook_endpoint" TEXT,
    ADD COLUMN "realtime_since" TIMESTAMPTZ(6),
    ADD COLUMN "realtime_fetched_at" TIMESTAMPTZ(6);

COMMENT ON COLUMN "desks"."export_limit_per_minute" IS 'Incremental export requests per minute the account allows (all export endpoints together): 10, or 30 with the High Volume API add-on; null until known, then 10 is assumed.';
COMMENT ON COLUMN "desks"."user_cursor" IS 'after_cursor of the cursor-based incremental user export.';
COMMENT ON COLUMN "desks"."organization_start_time" IS 'Next start_time (unix seconds) of the time-based incremental organization export.';
COMMENT ON COLUMN "desks"."webhook_id" IS 'Id of the Zendesk webhook this app created for real-time updates; null while real-time is off.';
COMMENT ON COLUMN "desks"."webhook_secret_ciphertext" IS 'AES-256-GCM ciphertext (lib/crypto.ts) of that webhook''s signing secret; never the secret itself.';
COMMENT ON COLUMN "desks"."webhook_endpoint" IS 'The URL the webhook delivers to (APP_URL + /api/webhooks/zendesk/<desk id>), as given to Zendesk.';
COMMENT ON COLUMN "desks"."realtime_since" IS 'When real-time (the webhook) was turned on.';
COMMENT ON COLUMN "desks"."realtime_fetched_at" IS 'When tickets named by webhook deliveries were last fetched and stored.';

CREATE TABLE "realtime_ticket_queue" (
    "desk_id" INTEGER NOT NULL,
    "ticket_id" BIGINT NOT NULL,
    "first_notified_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notified_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "needs_comments" BOOLEAN NOT NULL DEFAULT false,
    "claimed_until" TIMESTAMPTZ(6),

    CONSTRAINT "realtime_ticket_queue_pkey" PRIMARY KEY ("desk_id", "ticket_id"),
    CONSTRAINT "realtime_ticket_queue_desk_id_fkey" FOREIGN KEY ("desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
COMMENT ON TABLE "realtime_ticket_queue" IS 'Tickets webhook deliveries named as changed, waiting to be fetched through Show Many Tickets: one row per ticket, so a burst of events about one ticket becomes one fetch.';
COMMENT ON COLUMN "realtime_ticket_queue"."desk_id" IS 'The desk the ticket belongs to.';
COMMENT ON COLUMN "realtime_ticket_queue"."ticket_id" IS 'The Zendesk ticket id, as in zendesk_tickets.zendesk_id.';
COMMENT ON COLUMN "realtime_ticket_queue"."first_notified_at" IS 'When the first delivery not yet fetched named the ticket.';
COMMENT ON COLUMN "realtime_ticket_queue"."notified_at" IS 'When the latest delivery named it; a fetch only clears the row if no delivery came since it was claimed.';
COMMENT ON COLUMN "realtime_ticket_queue"."needs_comments" IS 'A delivery was about comments (added, made private, redacted…), so the ticket''s comments are read too.';
COMMENT ON COLUMN "realtime_ticket_queue"."claimed_until" IS 'A fetcher is working on the row until then; a crashed fetcher''s claim simply runs out.';

CREATE TABLE "webhook_receipts" (
    "desk_id" INTEGER NOT NULL,
    "signature" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_receipts_pkey" PRIMARY KEY ("desk_id", "signature"),
    CONSTRAINT "webhook_receipts_desk_id_fkey" FOREIGN KEY ("desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "webhook_receipts_received_at_idx" ON "webhook_receipts"("received_at");
COMMENT ON TABLE "webhook_receipts" IS 'Signatures of accepted webhook deliveries of the last minutes: the same signature again is a replay, whichever process sees it.';
COMMENT ON COLUMN "webhook_receipts"."desk_id" IS 'The desk the delivery was for.';
COMMENT ON COLUMN "webhook_receipts"."signature" IS 'X-Zendesk-Webhook-Signature as received (base64 HMAC of timestamp and body).';
COMMENT ON COLUMN "webhook_receipts"."received_at" IS 'When the delivery was accepted.';

CREATE TABLE "realtime_counters" (
    "desk_id" INTEGER NOT NULL,
    "minute" TIMESTAMPTZ(6) NOT NULL,
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL DEFAULT 0,
    "last_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "realtime_counters_pkey" PRIMARY KEY ("desk_id", "minute", "name"),
    CONSTRAINT "realtime_counters_desk_id_fkey" FOREIGN KEY ("desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
COMMENT ON TABLE "realtime_counters" IS 'Per-desk, per-minute counts of webhook deliveries (accepted, ignored, refused and why) and of real-time fetches, for the sync monitor.';
COMMENT ON COLUMN "realtime_counters"."desk_id" IS 'The desk counted for.';
COMMENT ON COLUMN "realtime_counters"."minute" IS 'The minute counted (UTC, truncated).';
COMMENT ON COLUMN "realtime_counters"."name" IS 'What was counted, e.g. delivery.accepted, delivery.refused.bad-signature, fetch.tickets, fetch.requests.';
COMMENT ON COLUMN "realtime_counters"."value" IS 'How many in that minute.';
COMMENT ON COLUMN "realtime_counters"."last_at" IS 'When the last one counted happened.';

CREATE TABLE "export_budgets" (
    "desk_id" INTEGER NOT NULL,
    "sent" TIMESTAMPTZ(6)[] DEFAULT ARRAY[]::TIMESTAMPTZ(6)[],

    CONSTRAINT "export_budgets_pkey" PRIMARY KEY ("desk_id"),
    CONSTRAINT "export_budgets_desk_id_fkey" FOREIGN KEY ("desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
COMMENT ON TABLE "export_budgets" IS 'The incremental export budget of a desk''s account, shared by every process of the install: when its recent export requests went out.';
COMMENT ON COLUMN "export_budgets"."desk_id" IS 'The desk (Zendesk account) whose exports are paced.';
COMMENT ON COLUMN "export_budgets"."sent" IS 'Times (database clock) of the export requests of the last window, oldest first.';
