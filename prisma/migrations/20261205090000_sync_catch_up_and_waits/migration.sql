-- Lag is the time since the last run that reached the end of both exports, not the age of the newest
-- change Zendesk sent (a quiet desk has old changes and is still current). A run waiting for Zendesk's
-- rate limit records until when, so the sync monitor can say so instead of sitting still.
ALTER TABLE "desks" ADD COLUMN "last_caught_up_at" TIMESTAMPTZ(6);
COMMENT ON COLUMN "desks"."last_caught_up_at" IS 'When a sync last reached the end of both exports (tickets and comments): lag = now() - this.';

ALTER TABLE "sync_runs" ADD COLUMN "waiting_until" TIMESTAMPTZ(6);
COMMENT ON COLUMN "sync_runs"."waiting_until" IS 'While the run waits for Zendesk''s rate limit (pacing, export limit or Retry-After): until when; cleared when the run ends.';

-- Desks synced before this column existed: their last success is the best estimate until the next run.
UPDATE "desks" SET "last_caught_up_at" = "last_success_at" WHERE "last_success_at" IS NOT NULL;
COMMENT ON COLUMN "desks"."newest_change_at" IS 'Newest Zendesk updated_at seen by the sync.';

-- The monitor asks every few seconds which runs are still going; a desk collects a run a minute, so
-- this must not read the desk's whole history. Partial, so Prisma cannot express it (the drift test
-- tolerates extra indexes).
CREATE INDEX "sync_runs_running_idx" ON "sync_runs" ("desk_id") WHERE "status" = 'running';
