-- The ticket list sorts priority by severity and status by the ticket's life cycle, not
-- alphabetically; the ranks are generated so every writer (sync, webhooks, SQL) keeps them right.
-- A blank priority has no rank (NULL): the list puts those last in either direction.
ALTER TABLE "zendesk_tickets" ADD COLUMN "priority_rank" INTEGER GENERATED ALWAYS AS (
    CASE "priority" WHEN 'low' THEN 1 WHEN 'normal' THEN 2 WHEN 'high' THEN 3 WHEN 'urgent' THEN 4 END
) STORED;
COMMENT ON COLUMN "zendesk_tickets"."priority_rank" IS 'Generated: 1 low, 2 normal, 3 high, 4 urgent, NULL when blank; the list sorts priority by it; read-only.';
ALTER TABLE "zendesk_tickets" ADD COLUMN "status_rank" INTEGER GENERATED ALWAYS AS (
    CASE "status" WHEN 'new' THEN 1 WHEN 'open' THEN 2 WHEN 'pending' THEN 3 WHEN 'hold' THEN 4 WHEN 'solved' THEN 5 WHEN 'closed' THEN 6 WHEN 'deleted' THEN 7 END
) STORED;
COMMENT ON COLUMN "zendesk_tickets"."status_rank" IS 'Generated: 1 new, 2 open, 3 pending, 4 hold, 5 solved, 6 closed, 7 deleted; the list sorts status by it; read-only.';

-- Keyset pages walk (sort value, id): with the id in the index a page is one index range, however many
-- tickets share a priority or status.
CREATE INDEX "zendesk_tickets_priority_rank_id_idx" ON "zendesk_tickets" ("priority_rank", "id");
CREATE INDEX "zendesk_tickets_status_rank_id_idx" ON "zendesk_tickets" ("status_rank", "id");

-- Ticket links use the Zendesk id (/tickets/102998); the unique index leads with the domain.
CREATE INDEX "zendesk_tickets_zendesk_id_idx" ON "zendesk_tickets" ("zendesk_id");
