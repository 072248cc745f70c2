-- Per-agent and per-group ticket counts and duration histograms for the agents, SLA and satisfaction
-- dashboards, kept in step with zendesk_tickets by statement triggers in the same transaction as each
-- write (as ticket_rollups are), so those pages read rollup rows instead of scanning tickets. Rows exist
-- per UTC day, month and year: a long range reads whole years and months, not thousands of days.
--
-- Definitions (deleted tickets and tickets without created_at count nowhere; key '' = no assignee/group):
--   by the day a ticket was solved (status solved or closed; solved_at, else its last update), per assignee:
--     agent_solved, agent_reopened (reopens > 0), agent_good, agent_bad (satisfaction good/bad, with or
--     without comment), agent_reply and agent_resolution (first reply and full resolution minutes, one
--     row per duration bucket: `bucket` = floor(10 * ln(1 + minutes)), as ticket_duration_bucket);
--   by the day a ticket was created, per assignee: agent_open (status new, open, pending or hold now);
--   by the day a ticket was created, per group: group_tickets, group_good, group_bad, group_offered,
--     group_reply (first reply minutes per bucket) and group_resolution (full resolution minutes per
--     bucket, solved or closed tickets only).
-- SLA targets are not in here: the dashboard counts the buckets above a desk's target and reads the
-- tickets of the target's own bucket, so a changed target needs no recount.
CREATE TABLE "ticket_dashboard_rollups" (
    "grain" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "desk_id" INTEGER NOT NULL,
    "measure" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "tickets" INTEGER NOT NULL,
    CONSTRAINT "ticket_dashboard_rollups_pkey" PRIMARY KEY ("grain", "measure", "period", "desk_id", "key", "bucket")
);
ALTER TABLE "ticket_dashboard_rollups" ADD CONSTRAINT "ticket_dashboard_rollups_desk_id_fkey" FOREIGN KEY ("desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

COMMENT ON TABLE "ticket_dashboard_rollups" IS 'Ticket counts per desk, UTC day, month or year, measure and assignee or group (and duration bucket), kept by triggers on zendesk_tickets (see the migration for the definitions).';
COMMENT ON COLUMN "ticket_dashboard_rollups"."grain" IS '''day'', ''month'' or ''year''.';
COMMENT ON COLUMN "ticket_dashboard_rollups"."period" IS 'The UTC day, or the first day of the UTC month or year.';
COMMENT ON COLUMN "ticket_dashboard_rollups"."desk_id" IS 'The desk whose tickets are counted.';
COMMENT ON COLUMN "ticket_dashboard_rollups"."measure" IS 'agent_solved, agent_reopened, agent_good, agent_bad, agent_reply, agent_resolution (by solved day); agent_open, group_tickets, group_good, group_bad, group_offered, group_reply, group_resolution (by created day).';
COMMENT ON COLUMN "ticket_dashboard_rollups"."key" IS 'The assignee id (agent_*) or group id (group_*); empty when the ticket has none.';
COMMENT ON COLUMN "ticket_dashboard_rollups"."bucket" IS 'For agent_reply, agent_resolution, group_reply and group_resolution: floor(10 * ln(1 + minutes)) of the duration; -1 for the other measures.';
COMMENT ON COLUMN "ticket_dashboard_rollups"."tickets" IS 'Live tickets counted in this row.';

-- What one ticket row adds, at the day grain. Keep the satisfaction scores in step with
-- lib/validations/satisfaction.ts.
CREATE FUNCTION ticket_dashboard_facts(t zendesk_tickets)
    RETURNS TABLE ("day" date, measure text, "key" text, bucket integer)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT f.day, f.measure, f.key, f.bucket
    FROM (SELECT (t.created_at AT TIME ZONE 'UTC')::date AS created,
                 CASE WHEN t.status IN ('solved', 'closed')
                      THEN (coalesce(t.solved_at, t.updated_at, t.created_at) AT TIME ZONE 'UTC')::date END AS solved,
                 coalesce(t.assignee_id::text, '') AS agent,
                 coalesce(t.group_id::text, '') AS grp,
                 CASE WHEN t.satisfaction_score IN ('good', 'good_with_comment') THEN 'good'
                      WHEN t.satisfaction_score IN ('bad', 'bad_with_comment') THEN 'bad'
                      WHEN t.satisfaction_score = 'offered' THEN 'offered' END AS rating) d
    CROSS JOIN LATERAL (VALUES
        (d.solved, 'agent_solved', d.agent, -1),
        (CASE WHEN t.reopens > 0 THEN d.solved END, 'agent_reopened', d.agent, -1),
        (CASE WHEN d.rating IN ('good', 'bad') THEN d.solved END, 'agent_' || d.rating, d.agent, -1),
        (CASE WHEN t.first_reply_time_in_minutes IS NOT NULL THEN d.solved END, 'agent_reply', d.agent,
            ticket_duration_bucket(t.first_reply_time_in_minutes)),
        (CASE WHEN t.full_resolution_time_in_minutes IS NOT NULL THEN d.solved END, 'agent_resolution', d.agent,
            ticket_duration_bucket(t.full_resolution_time_in_minutes)),
        (CASE WHEN t.status IN ('new', 'open', 'pending', 'hold') THEN d.created END, 'agent_open', d.agent, -1),
        (d.created, 'group_tickets', d.grp, -1),
        (CASE WHEN d.rating IS NOT NULL THEN d.created END, 'group_' || d.rating, d.grp, -1),
        (CASE WHEN t.first_reply_time_in_minutes IS NOT NULL THEN d.created END, 'group_reply', d.grp,
            ticket_duration_bucket(t.first_reply_time_in_minutes)),
        (CASE WHEN d.solved IS NOT NULL AND t.full_resolution_time_in_minutes IS NOT NULL THEN d.created END, 'group_resolution', d.grp,
            ticket_duration_bucket(t.full_resolution_time_in_minutes))
    ) AS f("day", measure, "key", bucket)
    WHERE t.deleted_at IS NULL AND t.created_at IS NOT NULL AND f.day IS NOT NULL
    $$;

-- Adds day-level deltas to their day, month and year rows, in key order (writers touching the same
-- rows lock them in the same order, so they queue instead of deadlocking).
CREATE FUNCTION ticket_dashboard_rollups_add(days date[], desks integer[], measures text[], keys text[], buckets integer[], counts integer[])
    RETURNS void
    LANGUAGE sql
    AS $$
    INSERT INTO ticket_dashboard_rollups AS r (grain, period, desk_id, measure, "key", bucket, tickets)
    SELECT g.grain, g.period, d.desk_id, d.measure, d.key, d.bucket, sum(d.tickets)::integer
    FROM unnest(days, desks, measures, keys, buckets, counts) AS d("day", desk_id, measure, "key", bucket, tickets)
    CROSS JOIN LATERAL (VALUES ('day', d.day), ('month', date_trunc('month', d.day)::date), ('year', date_trunc('year', d.day)::date)) AS g(grain, period)
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 4, 2, 3, 5, 6
    ON CONFLICT (grain, measure, period, desk_id, "key", bucket) DO UPDATE SET tickets = r.tickets + excluded.tickets
    $$;

-- One statement's changes as +1/-1 facts, summed per day first. An UPDATE only counts rows whose
-- counted columns changed. Keep this column list in step with ticket_dashboard_facts.
CREATE FUNCTION ticket_dashboard_rollups_apply() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM ticket_dashboard_rollups_add(array_agg(day), array_agg(desk_id), array_agg(measure), array_agg("key"), array_agg(bucket), array_agg(tickets))
        FROM (SELECT x.day, t.desk_id, x.measure, x.key, x.bucket, count(*)::integer AS tickets
              FROM new_rows t CROSS JOIN LATERAL ticket_dashboard_facts(t) x
              GROUP BY 1, 2, 3, 4, 5) f
        HAVING count(*) > 0;
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM ticket_dashboard_rollups_add(array_agg(day), array_agg(desk_id), array_agg(measure), array_agg("key"), array_agg(bucket), array_agg(tickets))
        FROM (
            WITH changed AS (
                SELECT o.id FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.desk_id, o.status, o.assignee_id, o.group_id, o.satisfaction_score, o.reopens,
                       o.created_at, o.solved_at, o.deleted_at, o.first_reply_time_in_minutes, o.full_resolution_time_in_minutes)
                      IS DISTINCT FROM
                      (n.desk_id, n.status, n.assignee_id, n.group_id, n.satisfaction_score, n.reopens,
                       n.created_at, n.solved_at, n.deleted_at, n.first_reply_time_in_minutes, n.full_resolution_time_in_minutes)
                   OR (n.status IN ('solved', 'closed') AND n.solved_at IS NULL AND o.updated_at IS DISTINCT FROM n.updated_at)),
            facts AS (
                SELECT o.desk_id, x.*, -1 AS sign FROM old_rows o JOIN changed c ON c.id = o.id CROSS JOIN LATERAL ticket_dashboard_facts(o) x
                UNION ALL
                SELECT n.desk_id, x.*, 1 AS sign FROM new_rows n JOIN changed c ON c.id = n.id CROSS JOIN LATERAL ticket_dashboard_facts(n) x)
            SELECT day, desk_id, measure, "key", bucket, sum(sign)::integer AS tickets
            FROM facts GROUP BY 1, 2, 3, 4, 5
            HAVING sum(sign) <> 0) f
        HAVING count(*) > 0;
    ELSE
        -- Rows deleted with their desk are skipped: the desk's rollups go by their own cascade.
        PERFORM ticket_dashboard_rollups_add(array_agg(day), array_agg(desk_id), array_agg(measure), array_agg("key"), array_agg(bucket), array_agg(tickets))
        FROM (SELECT x.day, t.desk_id, x.measure, x.key, x.bucket, -count(*)::integer AS tickets
              FROM old_rows t CROSS JOIN LATERAL ticket_dashboard_facts(t) x
              WHERE EXISTS (SELECT 1 FROM desks d WHERE d.id = t.desk_id)
              GROUP BY 1, 2, 3, 4, 5) f
        HAVING count(*) > 0;
    END IF;
    RETURN NULL;
END
$$;

-- Recounts these rollups from the tickets with one INSERT … SELECT … GROUP BY (no arrays, so it is
-- fine on millions of tickets): here, once, and from ticket_rollups_rebuild() below.
CREATE FUNCTION ticket_dashboard_rollups_rebuild() RETURNS void
    LANGUAGE sql
    AS $$
    DELETE FROM ticket_dashboard_rollups;
    INSERT INTO ticket_dashboard_rollups (grain, period, desk_id, measure, "key", bucket, tickets)
    SELECT g.grain, g.period, f.desk_id, f.measure, f.key, f.bucket, sum(f.tickets)::integer
    FROM (SELECT x.day, t.desk_id, x.measure, x.key, x.bucket, count(*) AS tickets
          FROM zendesk_tickets t CROSS JOIN LATERAL ticket_dashboard_facts(t) x
          GROUP BY 1, 2, 3, 4, 5) f
    CROSS JOIN LATERAL (VALUES ('day', f.day), ('month', date_trunc('month', f.day)::date), ('year', date_trunc('year', f.day)::date)) AS g(grain, period)
    GROUP BY 1, 2, 3, 4, 5, 6;
    $$;

-- One call recounts every rollup (after a bulk load made with the triggers disabled).
CREATE OR REPLACE FUNCTION ticket_rollups_rebuild() RETURNS void
    LANGUAGE sql
    AS $$
    DELETE FROM ticket_rollups;
    SELECT ticket_rollups_add(array_agg(day), array_agg(desk_id), array_agg(measure), array_agg("key"), array_agg(tickets), array_agg(minutes), array_agg(bucket))
    FROM (SELECT x.day, t.desk_id, x.measure, x.key, x.bucket, count(*)::integer AS tickets, sum(x.minutes)::bigint AS minutes
          FROM zendesk_tickets t CROSS JOIN LATERAL ticket_rollup_facts(t) x
          GROUP BY 1, 2, 3, 4, 5) f
    HAVING count(*) > 0;
    SELECT ticket_dashboard_rollups_rebuild();
    $$;

CREATE OR REPLACE FUNCTION ticket_rollups_truncate() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM ticket_rollups;
    DELETE FROM ticket_dashboard_rollups;
    RETURN NULL;
END
$$;

-- No writes between the recount below and the triggers taking over.
LOCK TABLE "zendesk_tickets" IN SHARE ROW EXCLUSIVE MODE;

CREATE TRIGGER "zendesk_tickets_dashboard_rollups_insert" AFTER INSERT ON "zendesk_tickets"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_dashboard_rollups_apply();
CREATE TRIGGER "zendesk_tickets_dashboard_rollups_update" AFTER UPDATE ON "zendesk_tickets"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_dashboard_rollups_apply();
CREATE TRIGGER "zendesk_tickets_dashboard_rollups_delete" AFTER DELETE ON "zendesk_tickets"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_dashboard_rollups_apply();

SELECT ticket_dashboard_rollups_rebuild();

-- The agents dashboard no longer reads tickets: its two indexes go.
DROP INDEX IF EXISTS "zendesk_tickets_solved_dashboards_idx";
DROP INDEX IF EXISTS "zendesk_tickets_unsolved_idx";
-- The SLA dashboard's tickets still waiting (not solved or closed), whose "over" depends on the time
-- of asking: a small index, only those tickets.
CREATE INDEX "zendesk_tickets_unsettled_idx" ON "zendesk_tickets" ("created_at")
    INCLUDE ("desk_id", "group_id", "status", "first_reply_time_in_minutes")
    WHERE "deleted_at" IS NULL AND coalesce("status", '') NOT IN ('solved', 'closed');
-- The SLA dashboard's exact count inside the bucket that holds a desk's target: the tickets whose
-- first reply (or full resolution) lies between the target and the end of its bucket, ~10 % of minutes.
CREATE INDEX "zendesk_tickets_first_reply_idx" ON "zendesk_tickets" ("desk_id", "first_reply_time_in_minutes")
    INCLUDE ("created_at", "group_id")
    WHERE "deleted_at" IS NULL AND "first_reply_time_in_minutes" IS NOT NULL;
CREATE INDEX "zendesk_tickets_resolution_idx" ON "zendesk_tickets" ("desk_id", "full_resolution_time_in_minutes")
    INCLUDE ("created_at", "group_id")
    WHERE "deleted_at" IS NULL AND "status" IN ('solved', 'closed') AND "full_resolution_time_in_minutes" IS NOT NULL;
