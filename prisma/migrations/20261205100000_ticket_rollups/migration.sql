-- Daily and monthly ticket counts per desk, kept in step with zendesk_tickets by statement triggers,
-- so the charts and dashboards read a few thousand rollup rows instead of millions of tickets. Every
-- writer (the export sync, a single-ticket fetch, a backfill, SQL by hand) goes through the triggers,
-- in the same transaction as its write: the rollups can never be behind or ahead of the tickets.
--
-- Definitions (the same on every page; deleted tickets and tickets without created_at count nowhere):
--   status, priority, via, assignee, group, satisfaction: tickets by their value, on the UTC day the
--     ticket was created ('' = no value);
--   solved: tickets whose status is solved or closed, on the UTC day they were solved (solved_at, else
--     their last update), so "unsolved at the end of day D" = created by D - solved by D, and today's
--     value is exactly the number of tickets whose status is new, open, pending or hold;
--   reply: first reply times in calendar minutes, on the created day: their count, exact sum, and a
--     histogram (element b + 1 counts the times with floor(10 * ln(1 + minutes)) = b, ~10 % wide);
--   resolution: full resolution times of solved/closed tickets, the same way, on the solved day.
CREATE TABLE "ticket_rollups" (
    "grain" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "desk_id" INTEGER NOT NULL,
    "measure" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "tickets" INTEGER NOT NULL,
    "minutes" BIGINT NOT NULL,
    "histogram" INTEGER[],
    CONSTRAINT "ticket_rollups_pkey" PRIMARY KEY ("grain", "measure", "period", "desk_id", "key")
);
ALTER TABLE "ticket_rollups" ADD CONSTRAINT "ticket_rollups_desk_id_fkey" FOREIGN KEY ("desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

COMMENT ON TABLE "ticket_rollups" IS 'Ticket counts per desk, UTC day or month and measure, kept by triggers on zendesk_tickets (see the migration for the definitions).';
COMMENT ON COLUMN "ticket_rollups"."grain" IS '''day'' or ''month''.';
COMMENT ON COLUMN "ticket_rollups"."period" IS 'The UTC day, or the first day of the UTC month.';
COMMENT ON COLUMN "ticket_rollups"."desk_id" IS 'The desk whose tickets are counted.';
COMMENT ON COLUMN "ticket_rollups"."measure" IS 'status, priority, via, assignee, group or satisfaction (by created day); solved (by solved day); reply (by created day) or resolution (by solved day) durations.';
COMMENT ON COLUMN "ticket_rollups"."key" IS 'The value counted: a status, priority, channel, assignee or group id, or satisfaction score; empty when the ticket has none (and for durations).';
COMMENT ON COLUMN "ticket_rollups"."tickets" IS 'Live tickets with this value in this period.';
COMMENT ON COLUMN "ticket_rollups"."minutes" IS 'For durations, the sum of the exact minutes (averages); 0 otherwise.';
COMMENT ON COLUMN "ticket_rollups"."histogram" IS 'For durations: element b + 1 counts the tickets with floor(10 * ln(1 + minutes)) = b (medians within 5 %); null otherwise.';

-- About 10 % per bucket: 0 and 1 minute are buckets of their own, 1 day is bucket 72, 1 year 131.
CREATE FUNCTION ticket_duration_bucket(minutes integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT floor(10 * ln(1 + greatest(minutes, 0)))::integer $$;

-- A histogram from (bucket, count) pairs; null when there are none.
CREATE FUNCTION ticket_histogram(buckets integer[], counts integer[]) RETURNS integer[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN coalesce(cardinality(buckets), 0) = 0 THEN NULL ELSE (
        SELECT array_agg(coalesce(c.n, 0) ORDER BY i)
        FROM generate_series(0, (SELECT max(b) FROM unnest(buckets) AS b)) AS i
        LEFT JOIN (SELECT b, sum(n)::integer AS n FROM unnest(buckets, counts) AS u(b, n) GROUP BY b) c ON c.b = i) END
    $$;

-- Two histograms added element by element.
CREATE FUNCTION ticket_histogram_add(a integer[], b integer[]) RETURNS integer[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a ELSE (
        SELECT array_agg(coalesce(a[i], 0) + coalesce(b[i], 0) ORDER BY i)
        FROM generate_series(1, greatest(cardinality(a), cardinality(b))) AS i) END
    $$;

-- What one ticket row adds to the rollups (at the day grain); `bucket` only for durations.
CREATE FUNCTION ticket_rollup_facts(t zendesk_tickets)
    RETURNS TABLE ("day" date, measure text, "key" text, minutes bigint, bucket integer)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT f.day, f.measure, f.key, f.minutes, f.bucket
    FROM (SELECT (t.created_at AT TIME ZONE 'UTC')::date AS created,
                 CASE WHEN t.status IN ('solved', 'closed')
                      THEN (coalesce(t.solved_at, t.updated_at, t.created_at) AT TIME ZONE 'UTC')::date END AS solved) d
    CROSS JOIN LATERAL (VALUES
        (d.created, 'status', coalesce(t.status, ''), 0::bigint, NULL::integer),
        (d.created, 'priority', coalesce(t.priority, ''), 0::bigint, NULL::integer),
        (d.created, 'via', coalesce(t.via, ''), 0::bigint, NULL::integer),
        (d.created, 'assignee', coalesce(t.assignee_id::text, ''), 0::bigint, NULL::integer),
        (d.created, 'group', coalesce(t.group_id::text, ''), 0::bigint, NULL::integer),
        (d.created, 'satisfaction', coalesce(t.satisfaction_score, ''), 0::bigint, NULL::integer),
        (d.solved, 'solved', '', 0::bigint, NULL::integer),
        (CASE WHEN t.first_reply_time_in_minutes IS NOT NULL THEN d.created END, 'reply', '',
            t.first_reply_time_in_minutes::bigint, ticket_duration_bucket(t.first_reply_time_in_minutes)),
        (CASE WHEN t.full_resolution_time_in_minutes IS NOT NULL THEN d.solved END, 'resolution', '',
            t.full_resolution_time_in_minutes::bigint, ticket_duration_bucket(t.full_resolution_time_in_minutes))
    ) AS f("day", measure, "key", minutes, bucket)
    WHERE t.deleted_at IS NULL AND t.created_at IS NOT NULL AND f.day IS NOT NULL
    $$;

-- Adds day-level deltas, one element per (day, desk, measure, key, duration bucket), to the day rows and
-- their months, in key order (two writers touching the same rows lock them in the same order, so they
-- queue instead of deadlocking).
CREATE FUNCTION ticket_rollups_add(days date[], desks integer[], measures text[], keys text[], counts integer[], sums bigint[], buckets integer[])
    RETURNS void
    LANGUAGE sql
    AS $$
    WITH d AS (
        SELECT * FROM unnest(days, desks, measures, keys, counts, sums, buckets) AS d("day", desk_id, measure, "key", tickets, minutes, bucket)),
    per_bucket AS (
        SELECT grain, period, desk_id, measure, "key", bucket, sum(tickets)::integer AS tickets, sum(minutes)::bigint AS minutes
        FROM (SELECT 'day' AS grain, d.day AS period, d.desk_id, d.measure, d.key, d.bucket, d.tickets, d.minutes FROM d
              UNION ALL
              SELECT 'month', date_trunc('month', d.day)::date, d.desk_id, d.measure, d.key, d.bucket, d.tickets, d.minutes FROM d) g
        GROUP BY 1, 2, 3, 4, 5, 6)
    INSERT INTO ticket_rollups AS r (grain, period, desk_id, measure, "key", tickets, minutes, histogram)
    SELECT grain, period, desk_id, measure, "key", sum(tickets)::integer, sum(minutes)::bigint,
           ticket_histogram(array_agg(bucket) FILTER (WHERE bucket IS NOT NULL), array_agg(tickets) FILTER (WHERE bucket IS NOT NULL))
    FROM per_bucket
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY grain, measure, period, desk_id, "key"
    ON CONFLICT (grain, measure, period, desk_id, "key")
    DO UPDATE SET tickets = r.tickets + excluded.tickets, minutes = r.minutes + excluded.minutes,
                  histogram = ticket_histogram_add(r.histogram, excluded.histogram)
    $$;

-- One statement's changes as +1/-1 facts, summed per day first (a page of a thousand tickets makes a
-- few hundred elements). An UPDATE only counts rows whose counted columns changed: renaming an agent
-- rewrites thousands of tickets and changes no count. Keep this column list in step with
-- ticket_rollup_facts.
CREATE FUNCTION ticket_rollups_apply() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM ticket_rollups_add(array_agg(day), array_agg(desk_id), array_agg(measure), array_agg("key"), array_agg(tickets), array_agg(minutes), array_agg(bucket))
        FROM (SELECT x.day, t.desk_id, x.measure, x.key, x.bucket, count(*)::integer AS tickets, sum(x.minutes)::bigint AS minutes
              FROM new_rows t CROSS JOIN LATERAL ticket_rollup_facts(t) x
              GROUP BY 1, 2, 3, 4, 5) f
        HAVING count(*) > 0;
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM ticket_rollups_add(array_agg(day), array_agg(desk_id), array_agg(measure), array_agg("key"), array_agg(tickets), array_agg(minutes), array_agg(bucket))
        FROM (
            WITH changed AS (
                SELECT o.id FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.desk_id, o.status, o.priority, o.via, o.assignee_id, o.group_id, o.satisfaction_score,
                       o.created_at, o.solved_at, o.deleted_at, o.first_reply_time_in_minutes, o.full_resolution_time_in_minutes)
                      IS DISTINCT FROM
                      (n.desk_id, n.status, n.priority, n.via, n.assignee_id, n.group_id, n.satisfaction_score,
                       n.created_at, n.solved_at, n.deleted_at, n.first_reply_time_in_minutes, n.full_resolution_time_in_minutes)
                   OR (n.status IN ('solved', 'closed') AND n.solved_at IS NULL AND o.updated_at IS DISTINCT FROM n.updated_at)),
            facts AS (
                SELECT o.desk_id, x.*, -1 AS sign FROM old_rows o JOIN changed c ON c.id = o.id CROSS JOIN LATERAL ticket_rollup_facts(o) x
                UNION ALL
                SELECT n.desk_id, x.*, 1 AS sign FROM new_rows n JOIN changed c ON c.id = n.id CROSS JOIN LATERAL ticket_rollup_facts(n) x)
            SELECT day, desk_id, measure, "key", bucket, sum(sign)::integer AS tickets, sum(sign * minutes)::bigint AS minutes
            FROM facts GROUP BY 1, 2, 3, 4, 5
            HAVING sum(sign) <> 0 OR sum(sign * minutes) <> 0) f
        HAVING count(*) > 0;
    ELSE
        -- Rows deleted with their desk are skipped: the desk's rollups go by their own cascade.
        PERFORM ticket_rollups_add(array_agg(day), array_agg(desk_id), array_agg(measure), array_agg("key"), array_agg(tickets), array_agg(minutes), array_agg(bucket))
        FROM (SELECT x.day, t.desk_id, x.measure, x.key, x.bucket, -count(*)::integer AS tickets, -sum(x.minutes)::bigint AS minutes
              FROM old_rows t CROSS JOIN LATERAL ticket_rollup_facts(t) x
              WHERE EXISTS (SELECT 1 FROM desks d WHERE d.id = t.desk_id)
              GROUP BY 1, 2, 3, 4, 5) f
        HAVING count(*) > 0;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION ticket_rollups_truncate() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM ticket_rollups;
    RETURN NULL;
END
$$;

-- Recounts every rollup from the tickets: here, once; after a bulk load made with the triggers
-- disabled (faster for millions of rows); or whenever one wants proof (a recount changes nothing).
CREATE FUNCTION ticket_rollups_rebuild() RETURNS void
    LANGUAGE sql
    AS $$
    DELETE FROM ticket_rollups;
    SELECT ticket_rollups_add(array_agg(day), array_agg(desk_id), array_agg(measure), array_agg("key"), array_agg(tickets), array_agg(minutes), array_agg(bucket))
    FROM (SELECT x.day, t.desk_id, x.measure, x.key, x.bucket, count(*)::integer AS tickets, sum(x.minutes)::bigint AS minutes
          FROM zendesk_tickets t CROSS JOIN LATERAL ticket_rollup_facts(t) x
          GROUP BY 1, 2, 3, 4, 5) f
    HAVING count(*) > 0;
    $$;

-- No writes between the recount below and the triggers taking over.
LOCK TABLE "zendesk_tickets" IN SHARE ROW EXCLUSIVE MODE;

CREATE TRIGGER "zendesk_tickets_rollups_insert" AFTER INSERT ON "zendesk_tickets"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_rollups_apply();
CREATE TRIGGER "zendesk_tickets_rollups_update" AFTER UPDATE ON "zendesk_tickets"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_rollups_apply();
CREATE TRIGGER "zendesk_tickets_rollups_delete" AFTER DELETE ON "zendesk_tickets"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_rollups_apply();
CREATE TRIGGER "zendesk_tickets_rollups_truncate" AFTER TRUNCATE ON "zendesk_tickets"
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_rollups_truncate();

SELECT ticket_rollups_rebuild();

-- The dashboards that read tickets themselves (agents, SLA, satisfaction by group) read these
-- columns only: an index-only scan over a created-date range. It replaces the charts' index, whose
-- charts now read the rollups.
DROP INDEX IF EXISTS "zendesk_tickets_charts_idx";
CREATE INDEX "zendesk_tickets_dashboards_idx" ON "zendesk_tickets" ("created_at")
    INCLUDE ("desk_id", "status", "assignee_id", "group_id", "satisfaction_score", "first_reply_time_in_minutes", "full_resolution_time_in_minutes")
    WHERE "deleted_at" IS NULL;
-- Tickets solved in a period (the agents dashboard), by the same solved time the rollups use. The
-- expression's own columns are included too: PostgreSQL reads an expression index index-only only
-- when it holds every column the expression names.
CREATE INDEX "zendesk_tickets_solved_dashboards_idx" ON "zendesk_tickets" ((coalesce("solved_at", "updated_at", "created_at")))
    INCLUDE ("desk_id", "assignee_id", "group_id", "satisfaction_score", "reopens", "first_reply_time_in_minutes", "full_resolution_time_in_minutes",
             "solved_at", "updated_at", "created_at")
    WHERE "deleted_at" IS NULL AND "created_at" IS NOT NULL AND "status" IN ('solved', 'closed');
-- Unsolved tickets per agent now (the agents' load): a small index, only the unsolved tickets.
CREATE INDEX "zendesk_tickets_unsolved_idx" ON "zendesk_tickets" ("assignee_id") INCLUDE ("desk_id", "group_id")
    WHERE "deleted_at" IS NULL AND "status" IN ('new', 'open', 'pending', 'hold');
