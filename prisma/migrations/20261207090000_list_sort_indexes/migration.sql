-- The ticket list sorts by (value, id) and pages with a keyset on that pair. With an index on the
-- value alone, PostgreSQL walks it and sorts each run of equal values by id (an incremental sort that
-- reads every ticket of the run: thousands when one import stamped them all with the same second), and
-- the keyset is a filter, so page n walks past the n - 1 pages before it and the CSV export's cost
-- grows with the square of its length. On (value, id) the sort is the index's own order and the
-- keyset `(value, id) < ($1, $2)` is where the walk starts.
CREATE INDEX "zendesk_tickets_updated_at_id_idx" ON "zendesk_tickets" ("updated_at", "id");
DROP INDEX "zendesk_tickets_updated_at_idx";
CREATE INDEX "zendesk_tickets_created_at_id_idx" ON "zendesk_tickets" ("created_at", "id");
DROP INDEX "zendesk_tickets_created_at_idx";
CREATE INDEX "zendesk_tickets_solved_at_id_idx" ON "zendesk_tickets" ("solved_at", "id");
DROP INDEX "zendesk_tickets_solved_at_idx";
CREATE INDEX "zendesk_tickets_zendesk_id_id_idx" ON "zendesk_tickets" ("zendesk_id", "id");
DROP INDEX "zendesk_tickets_zendesk_id_idx";

-- Status and assignee are in most support views ("open, newest first", "my unsolved tickets"): the
-- tickets of one status or one agent in the list's default order, so such a page reads its 50 rows and
-- stops. The columns other filters of those views test are carried in the index, so a count capped at
-- 1,000 ("new or open, urgent or high, this desk") reads index entries, not tickets.
CREATE INDEX "zendesk_tickets_status_updated_at_id_idx" ON "zendesk_tickets" ("status", "updated_at", "id")
    INCLUDE ("desk_id", "priority", "assignee_id", "group_id", "created_at", "deleted_at");
DROP INDEX "zendesk_tickets_status_idx";
CREATE INDEX "zendesk_tickets_assignee_id_updated_at_id_idx" ON "zendesk_tickets" ("assignee_id", "updated_at", "id")
    INCLUDE ("desk_id", "status", "priority", "created_at", "deleted_at");
DROP INDEX "zendesk_tickets_assignee_id_idx";
-- Five values over millions of tickets: a bitmap of "urgent or high" is half a million entries, which
-- costs more than the tickets it would spare. The sort by priority has its own index (priority_rank).
DROP INDEX "zendesk_tickets_priority_idx";

-- The assignee filter lists agents and admins: a few hundred rows of a users table that holds every
-- requester too (hundreds of thousands), read on every page of the list.
CREATE INDEX "zendesk_users_staff_idx" ON "zendesk_users" ("zendesk_id") WHERE "role" IN ('agent', 'admin');
