-- The charts page aggregates every live ticket (counts per status, priority, channel, assignee, desk
-- and satisfaction; reply and resolution times; created, solved and backlog per day). A ticket row is
-- about half a kilobyte, mostly raw_data and columns no chart reads; this partial covering index holds
-- only what the charts read, so they become index-only scans over a fraction of the pages, and a
-- created-date range becomes an index range. Prisma cannot express INCLUDE, so this index lives only
-- here (lib/db/schema-drift.test.ts checks the schema's indexes exist and tolerates extra ones).
CREATE INDEX "zendesk_tickets_charts_idx" ON "zendesk_tickets" ("created_at")
    INCLUDE ("desk_id", "status", "priority", "via", "assignee_id", "assignee_name", "satisfaction_score",
             "solved_at", "first_reply_time_in_minutes", "full_resolution_time_in_minutes")
    WHERE "deleted_at" IS NULL;
