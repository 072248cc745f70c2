-- Per-agent and per-group ticket counts with duration histograms for the agents, SLA and satisfaction
-- dashboards, kept in step with zendesk_tickets by statement triggers in the same transaction as each
-- write (as ticket_rollups are), so those pages read a few thousand rollup rows instead of scanning
-- tickets. One row per UTC day and per UTC month, desk, kind and agent or group: a row carries every
-- count of its agent or group, and its durations as histograms, so a write touches few rows and a
-- long range reads whole months.
--
-- Definitions (deleted tickets and tickets without created_at count nowhere; key '' = no assignee/group):
--   kind 'agent', by the UTC day a ticket was solved (status solved or closed; solved_at, else its last
--     update), per assignee: tickets (solved), reopened (reopens > 0), good, bad (satisfaction good/bad,
--     with or without comment), reply and resolution (first reply and full resolution minutes);
--   kind 'group', by the UTC day a ticket was created, per group: tickets, good, bad, offered, reply
--     (first reply minutes) and resolution (full resolution minutes, solved or closed tickets only).
-- Histograms as in ticket_rollups: element b + 1 counts the durations with floor(10 * ln(1 + minutes)) = b.
-- An agent's open load (tickets new, open, pending or hold now) is not a rollup: it is read from
-- zendesk_tickets_unsettled_idx, which holds only the tickets not yet solved.
-- SLA targets are not in here: the dashboard counts the buckets above a desk's target and reads the
-- tickets of the target's own bucket, so a changed target needs no recount.
CREATE TABLE "ticket_dashboard_rollups" (
    "grain" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "desk_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "tickets" INTEGER NOT NULL,
    "reopened" INTEGER NOT NULL,
    "good" INTEGER NOT NULL,
    "bad" INTEGER NOT NULL,
    "offered" INTEGER NOT NULL,
    "reply" INTEGER[] DEFAULT '{0}',
    "resolution" INTEGER[] DEFAULT '{0}',
    CONSTRAINT "ticket_dashboard_rollups_pkey" PRIMARY KEY ("grain", "kind", "period", "desk_id", "key")
);
-- No foreign key to desks: a key check would run for every rollup row a statement writes twice (a
-- histogram's second pass or whole-array add). A removed desk's rows go by the trigger below.
CREATE FUNCTION ticket_dashboard_rollups_forget_desk() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM ticket_dashboard_rollups r USING old_desks d WHERE r.desk_id = d.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER "desks_dashboard_rollups_delete" AFTER DELETE ON "desks"
    REFERENCING OLD TABLE AS old_desks FOR EACH STATEMENT EXECUTE FUNCTION ticket_dashboard_rollups_forget_desk();

COMMENT ON TABLE "ticket_dashboard_rollups" IS 'Ticket counts and duration histograms per desk, UTC day or month, and assignee (by solved day) or group (by created day), kept by triggers on zendesk_tickets (see the migration for the definitions).';
COMMENT ON COLUMN "ticket_dashboard_rollups"."grain" IS '''day'' or ''month''.';
COMMENT ON COLUMN "ticket_dashboard_rollups"."kind" IS '''agent'' (solved tickets by the day they were solved, per assignee) or ''group'' (tickets by the day they were created, per group).';
COMMENT ON COLUMN "ticket_dashboard_rollups"."period" IS 'The UTC day, or the first day of the UTC month.';
COMMENT ON COLUMN "ticket_dashboard_rollups"."desk_id" IS 'The desk whose tickets are counted.';
COMMENT ON COLUMN "ticket_dashboard_rollups"."key" IS 'The assignee id (agent) or group id (group); empty when the ticket has none.';
COMMENT ON COLUMN "ticket_dashboard_rollups"."tickets" IS 'Live tickets counted in this row (agent: solved ones).';
COMMENT ON COLUMN "ticket_dashboard_rollups"."reopened" IS 'Of them, reopened at least once (agent rows; 0 in group rows).';
COMMENT ON COLUMN "ticket_dashboard_rollups"."good" IS 'Of them, rated good (with or without comment).';
COMMENT ON COLUMN "ticket_dashboard_rollups"."bad" IS 'Of them, rated bad (with or without comment).';
COMMENT ON COLUMN "ticket_dashboard_rollups"."offered" IS 'Of them, offered a survey not answered (group rows; 0 in agent rows).';
COMMENT ON COLUMN "ticket_dashboard_rollups"."reply" IS 'First reply minutes: element b + 1 counts the tickets with floor(10 * ln(1 + minutes)) = b (a null element counts 0).';
COMMENT ON COLUMN "ticket_dashboard_rollups"."resolution" IS 'Full resolution minutes of solved or closed tickets, as reply.';

-- What one ticket adds, at the day grain: at most one agent fact and one group fact. It takes the
-- counted columns, not the row: a whole-row argument copies every ticket's wide row (raw_data, text
-- search vector) on each call. Keep the satisfaction scores in step with lib/validations/satisfaction.ts.
CREATE FUNCTION ticket_dashboard_facts(status text, assignee_id bigint, group_id bigint, satisfaction_score text, reopens integer,
                                       created_at timestamptz, solved_at timestamptz, updated_at timestamptz, deleted_at timestamptz,
                                       first_reply_minutes integer, full_resolution_minutes integer)
    RETURNS TABLE (kind text, "day" date, "key" text, reopened integer, good integer, bad integer, offered integer, reply integer, resolution integer)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT f.kind, f.day, f.key, f.reopened, d.good, d.bad, f.offered, d.reply, f.resolution
    FROM (SELECT CASE WHEN status IN ('solved', 'closed')
                      THEN (coalesce(solved_at, updated_at, created_at) AT TIME ZONE 'UTC')::date END AS solved,
                 coalesce(satisfaction_score IN ('good', 'good_with_comment'), false)::integer AS good,
                 coalesce(satisfaction_score IN ('bad', 'bad_with_comment'), false)::integer AS bad,
                 CASE WHEN first_reply_minutes IS NOT NULL THEN floor(10 * ln(1 + greatest(first_reply_minutes, 0)))::integer END AS reply,
                 CASE WHEN full_resolution_minutes IS NOT NULL THEN floor(10 * ln(1 + greatest(full_resolution_minutes, 0)))::integer END AS resolution) d
    CROSS JOIN LATERAL (VALUES
        ('agent', d.solved, coalesce(assignee_id::text, ''), coalesce(reopens > 0, false)::integer, 0, d.resolution),
        ('group', (created_at AT TIME ZONE 'UTC')::date, coalesce(group_id::text, ''), 0,
            coalesce(satisfaction_score = 'offered', false)::integer, CASE WHEN d.solved IS NOT NULL THEN d.resolution END)
    ) AS f(kind, "day", "key", reopened, offered, resolution)
    WHERE deleted_at IS NULL AND created_at IS NOT NULL AND f.day IS NOT NULL
    $$;

-- Facts (signed counts per kind, day, desk, key, flags and duration buckets) as changes to their day
-- and month rows: measure 'counts' (one per row), then 'reply' and 'resolution' (one per changed
-- bucket; `rank` numbers a row's changed buckets, `buckets` counts them).
CREATE FUNCTION ticket_dashboard_deltas(a_kinds text[], a_days date[], a_desks integer[], a_keys text[], a_counts integer[], a_reopened integer[],
                                        a_good integer[], a_bad integer[], a_offered integer[], a_replies integer[], a_resolutions integer[])
    RETURNS TABLE (grain text, kind text, period date, desk_id integer, "key" text, measure text, bucket integer, n integer,
                   reopened integer, good integer, bad integer, offered integer, rank integer, buckets integer)
    LANGUAGE sql IMMUTABLE
    AS $$
    WITH f AS (
        SELECT g.grain, f.kind, g.period, f.desk_id, f.key, f.n, f.reopened, f.good, f.bad, f.offered, f.reply, f.resolution
        FROM unnest(a_kinds, a_days, a_desks, a_keys, a_counts, a_reopened, a_good, a_bad, a_offered, a_replies, a_resolutions)
             AS f(kind, "day", desk_id, "key", n, reopened, good, bad, offered, reply, resolution)
        CROSS JOIN LATERAL (VALUES ('day', f.day), ('month', date_trunc('month', f.day)::date)) AS g(grain, period)
        WHERE g.grain = 'month' OR f.kind = 'group')
    SELECT grain, kind, period, desk_id, "key", 'counts', NULL::integer, sum(n)::integer, sum(n * reopened)::integer, sum(n * good)::integer,
           sum(n * bad)::integer, sum(n * offered)::integer, 1, 1
    FROM f GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT grain, kind, period, desk_id, "key", measure, bucket, n, 0, 0, 0, 0,
           row_number() OVER (PARTITION BY grain, kind, period, desk_id, "key", measure ORDER BY bucket)::integer,
           count(*) OVER (PARTITION BY grain, kind, period, desk_id, "key", measure)::integer
    FROM (SELECT f.grain, f.kind, f.period, f.desk_id, f.key, d.measure, d.bucket, sum(f.n)::integer AS n
          FROM f CROSS JOIN LATERAL (VALUES ('reply', f.reply), ('resolution', f.resolution)) AS d(measure, bucket)
          WHERE d.bucket IS NOT NULL
          GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(f.n) <> 0) b
    $$;

-- Adds facts to their day and month rows. Histograms: PostgreSQL adds two arrays element by element
-- only through a function call per row (ticket_histogram_add, ~0.1 ms), so a row whose histogram
-- changes in one or two buckets (most day rows) is changed in place by a subscripted assignment
-- instead: pass 1 adds every row's counts and its first changed reply and resolution bucket, pass 2
-- the second ones; a row with more changed buckets (a month row under a page of a thousand tickets)
-- gets its histogram added whole afterwards. Pass 1 writes every row, in key order (writers touching
-- the same rows lock them in the same order, so they queue instead of deadlocking); the later
-- statements touch only rows it locked. A histogram grown past its end is padded with nulls, which
-- count as 0.
CREATE FUNCTION ticket_dashboard_rollups_add(a_kinds text[], a_days date[], a_desks integer[], a_keys text[], a_counts integer[], a_reopened integer[],
                                             a_good integer[], a_bad integer[], a_offered integer[], a_replies integer[], a_resolutions integer[])
    RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
    -- One element per row and pass, ordered by pass then row key.
    p_pass integer[]; p_grain text[]; p_kind text[]; p_period date[]; p_desk integer[]; p_key text[]; p_tickets integer[]; p_reopened integer[];
    p_good integer[]; p_bad integer[]; p_offered integer[]; p_reply integer[]; p_reply_n integer[]; p_resolution integer[]; p_resolution_n integer[];
    p_dense boolean;
    first integer := 1;
    last integer;
BEGIN
    SELECT array_agg(pass ORDER BY pass, grain, kind, period, desk_id, "key"), array_agg(grain ORDER BY pass, grain, kind, period, desk_id, "key"), array_agg(kind ORDER BY pass, grain, kind, period, desk_id, "key"),
           array_agg(period ORDER BY pass, grain, kind, period, desk_id, "key"), array_agg(desk_id ORDER BY pass, grain, kind, period, desk_id, "key"), array_agg("key" ORDER BY pass, grain, kind, period, desk_id, "key"),
           array_agg(tickets ORDER BY pass, grain, kind, period, desk_id, "key"), array_agg(reopened ORDER BY pass, grain, kind, period, desk_id, "key"), array_agg(good ORDER BY pass, grain, kind, period, desk_id, "key"),
           array_agg(bad ORDER BY pass, grain, kind, period, desk_id, "key"), array_agg(offered ORDER BY pass, grain, kind, period, desk_id, "key"), array_agg(reply ORDER BY pass, grain, kind, period, desk_id, "key"),
           array_agg(reply_n ORDER BY pass, grain, kind, period, desk_id, "key"), array_agg(resolution ORDER BY pass, grain, kind, period, desk_id, "key"), array_agg(resolution_n ORDER BY pass, grain, kind, period, desk_id, "key"),
           bool_or(dense)
    INTO p_pass, p_grain, p_kind, p_period, p_desk, p_key, p_tickets, p_reopened, p_good, p_bad, p_offered, p_reply, p_reply_n,
         p_resolution, p_resolution_n, p_dense
    FROM (SELECT d.grain, d.kind, d.period, d.desk_id, d.key, d.rank AS pass,
                 coalesce(sum(d.n) FILTER (WHERE d.measure = 'counts'), 0) AS tickets, sum(d.reopened) AS reopened, sum(d.good) AS good,
                 sum(d.bad) AS bad, sum(d.offered) AS offered,
                 coalesce(max(d.bucket) FILTER (WHERE d.measure = 'reply' AND d.buckets <= 2), 0) AS reply,
                 coalesce(max(d.n) FILTER (WHERE d.measure = 'reply' AND d.buckets <= 2), 0) AS reply_n,
                 coalesce(max(d.bucket) FILTER (WHERE d.measure = 'resolution' AND d.buckets <= 2), 0) AS resolution,
                 coalesce(max(d.n) FILTER (WHERE d.measure = 'resolution' AND d.buckets <= 2), 0) AS resolution_n,
                 bool_or(d.buckets > 2) AS dense
          FROM ticket_dashboard_deltas(a_kinds, a_days, a_desks, a_keys, a_counts, a_reopened, a_good, a_bad, a_offered, a_replies, a_resolutions) d
          WHERE d.rank = 1 OR (d.rank = 2 AND d.buckets <= 2)
          GROUP BY 1, 2, 3, 4, 5, 6) p;
    WHILE first <= coalesce(cardinality(p_pass), 0) LOOP
        last := coalesce(array_position(p_pass, p_pass[first] + 1, first) - 1, cardinality(p_pass));
        -- A new row gets histograms holding just this pass's bucket (element bucket + 1); an existing
        -- one adds it at that element: the inserted array's length names the element.
        INSERT INTO ticket_dashboard_rollups AS r (grain, kind, period, desk_id, "key", tickets, reopened, good, bad, offered, reply, resolution)
        SELECT u.grain, u.kind, u.period, u.desk_id, u.key, u.tickets, u.reopened, u.good, u.bad, u.offered,
               array_fill(0, ARRAY[u.reply]) || u.reply_n, array_fill(0, ARRAY[u.resolution]) || u.resolution_n
        FROM unnest(p_grain[first:last], p_kind[first:last], p_period[first:last], p_desk[first:last], p_key[first:last], p_tickets[first:last],
                    p_reopened[first:last], p_good[first:last], p_bad[first:last], p_offered[first:last], p_reply[first:last], p_reply_n[first:last],
                    p_resolution[first:last], p_resolution_n[first:last])
             AS u(grain, kind, period, desk_id, "key", tickets, reopened, good, bad, offered, reply, reply_n, resolution, resolution_n)
        ON CONFLICT (grain, kind, period, desk_id, "key") DO UPDATE SET
            tickets = r.tickets + excluded.tickets, reopened = r.reopened + excluded.reopened, good = r.good + excluded.good,
            bad = r.bad + excluded.bad, offered = r.offered + excluded.offered,
            reply[cardinality(excluded.reply)] = coalesce(r.reply[cardinality(excluded.reply)], 0) + excluded.reply[cardinality(excluded.reply)],
            resolution[cardinality(excluded.resolution)] = coalesce(r.resolution[cardinality(excluded.resolution)], 0) + excluded.resolution[cardinality(excluded.resolution)];
        first := last + 1;
    END LOOP;
    IF p_dense THEN
        UPDATE ticket_dashboard_rollups r
        SET reply = CASE WHEN d.reply IS NULL THEN r.reply ELSE (
                SELECT array_agg(coalesce(r.reply[i], 0) + coalesce(x.n, 0) ORDER BY i)
                FROM generate_series(1, greatest(cardinality(r.reply), d.reply_top + 1)) AS i
                LEFT JOIN unnest(d.reply, d.reply_n) AS x(bucket, n) ON x.bucket + 1 = i) END,
            resolution = CASE WHEN d.resolution IS NULL THEN r.resolution ELSE (
                SELECT array_agg(coalesce(r.resolution[i], 0) + coalesce(x.n, 0) ORDER BY i)
                FROM generate_series(1, greatest(cardinality(r.resolution), d.resolution_top + 1)) AS i
                LEFT JOIN unnest(d.resolution, d.resolution_n) AS x(bucket, n) ON x.bucket + 1 = i) END
        FROM (SELECT d.grain, d.kind, d.period, d.desk_id, d.key,
                     array_agg(d.bucket) FILTER (WHERE d.measure = 'reply') AS reply, array_agg(d.n) FILTER (WHERE d.measure = 'reply') AS reply_n,
                     max(d.bucket) FILTER (WHERE d.measure = 'reply') AS reply_top,
                     array_agg(d.bucket) FILTER (WHERE d.measure = 'resolution') AS resolution,
                     array_agg(d.n) FILTER (WHERE d.measure = 'resolution') AS resolution_n,
                     max(d.bucket) FILTER (WHERE d.measure = 'resolution') AS resolution_top
              FROM ticket_dashboard_deltas(a_kinds, a_days, a_desks, a_keys, a_counts, a_reopened, a_good, a_bad, a_offered, a_replies, a_resolutions) d
              WHERE d.buckets > 2
              GROUP BY 1, 2, 3, 4, 5) d
        WHERE r.grain = d.grain AND r.kind = d.kind AND r.period = d.period AND r.desk_id = d.desk_id AND r.key = d.key;
    END IF;
END
$$;

-- One statement's changes as +1/-1 facts. An UPDATE reads the facts only of the tickets whose counted
-- values changed (open to pending, a new comment count or a renamed agent change none; keep this list
-- in step with ticket_dashboard_facts), and counts only the facts that differ.
CREATE FUNCTION ticket_dashboard_rollups_apply() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM ticket_dashboard_rollups_add(array_agg(kind), array_agg(day), array_agg(desk_id), array_agg("key"), array_agg(n), array_agg(reopened),
                                             array_agg(good), array_agg(bad), array_agg(offered), array_agg(reply), array_agg(resolution))
        FROM (SELECT x.kind, x.day, t.desk_id, x.key, count(*)::integer AS n, x.reopened, x.good, x.bad, x.offered, x.reply, x.resolution
              FROM new_rows t CROSS JOIN LATERAL ticket_dashboard_facts(t.status, t.assignee_id, t.group_id, t.satisfaction_score, t.reopens, t.created_at,
                                       t.solved_at, t.updated_at, t.deleted_at, t.first_reply_time_in_minutes, t.full_resolution_time_in_minutes) x
              GROUP BY 1, 2, 3, 4, 6, 7, 8, 9, 10, 11) f
        HAVING count(*) > 0;
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM ticket_dashboard_rollups_add(array_agg(kind), array_agg(day), array_agg(desk_id), array_agg("key"), array_agg(n), array_agg(reopened),
                                             array_agg(good), array_agg(bad), array_agg(offered), array_agg(reply), array_agg(resolution))
        FROM (
            SELECT kind, day, desk_id, "key", sum(sign)::integer AS n, reopened, good, bad, offered, reply, resolution
            FROM (
                SELECT o.id, f.*
                FROM old_rows o JOIN new_rows n ON n.id = o.id
                CROSS JOIN LATERAL (
                    SELECT o.desk_id, x.*, -1 AS sign FROM ticket_dashboard_facts(o.status, o.assignee_id, o.group_id, o.satisfaction_score, o.reopens,
                        o.created_at, o.solved_at, o.updated_at, o.deleted_at, o.first_reply_time_in_minutes, o.full_resolution_time_in_minutes) x
                    UNION ALL
                    SELECT n.desk_id, x.*, 1 AS sign FROM ticket_dashboard_facts(n.status, n.assignee_id, n.group_id, n.satisfaction_score, n.reopens,
                        n.created_at, n.solved_at, n.updated_at, n.deleted_at, n.first_reply_time_in_minutes, n.full_resolution_time_in_minutes) x) f
                WHERE (o.desk_id, o.status IN ('solved', 'closed'), o.assignee_id, o.group_id, o.satisfaction_score, o.reopens > 0,
                       o.created_at, o.deleted_at, o.first_reply_time_in_minutes, o.full_resolution_time_in_minutes)
                      IS DISTINCT FROM
                      (n.desk_id, n.status IN ('solved', 'closed'), n.assignee_id, n.group_id, n.satisfaction_score, n.reopens > 0,
                       n.created_at, n.deleted_at, n.first_reply_time_in_minutes, n.full_resolution_time_in_minutes)
                   OR (n.status IN ('solved', 'closed') AND coalesce(o.solved_at, o.updated_at) IS DISTINCT FROM coalesce(n.solved_at, n.updated_at))) facts
            GROUP BY id, kind, day, desk_id, "key", reopened, good, bad, offered, reply, resolution
            HAVING sum(sign) <> 0) f
        HAVING count(*) > 0;
    ELSE
        -- Rows deleted with their desk are skipped: the desk's rollups go by their own cascade.
        PERFORM ticket_dashboard_rollups_add(array_agg(kind), array_agg(day), array_agg(desk_id), array_agg("key"), array_agg(n), array_agg(reopened),
                                             array_agg(good), array_agg(bad), array_agg(offered), array_agg(reply), array_agg(resolution))
        FROM (SELECT x.kind, x.day, t.desk_id, x.key, -count(*)::integer AS n, x.reopened, x.good, x.bad, x.offered, x.reply, x.resolution
              FROM old_rows t CROSS JOIN LATERAL ticket_dashboard_facts(t.status, t.assignee_id, t.group_id, t.satisfaction_score, t.reopens, t.created_at,
                                       t.solved_at, t.updated_at, t.deleted_at, t.first_reply_time_in_minutes, t.full_resolution_time_in_minutes) x
              WHERE EXISTS (SELECT 1 FROM desks d WHERE d.id = t.desk_id)
              GROUP BY 1, 2, 3, 4, 6, 7, 8, 9, 10, 11) f
        HAVING count(*) > 0;
    END IF;
    RETURN NULL;
END
$$;

-- Recounts these rollups from the tickets with one INSERT … SELECT … GROUP BY (no arrays of facts, so
-- it is fine on millions of tickets): here, once, and from ticket_rollups_rebuild() below.
CREATE FUNCTION ticket_dashboard_rollups_rebuild() RETURNS void
    LANGUAGE sql
    AS $$
    DELETE FROM ticket_dashboard_rollups;
    INSERT INTO ticket_dashboard_rollups (grain, kind, period, desk_id, "key", tickets, reopened, good, bad, offered, reply, resolution)
    SELECT g.grain, f.kind, g.period, f.desk_id, f.key, sum(f.n)::integer, sum(f.reopened)::integer, sum(f.good)::integer,
           sum(f.bad)::integer, sum(f.offered)::integer,
           coalesce(ticket_histogram(array_agg(f.reply) FILTER (WHERE f.reply IS NOT NULL), array_agg(f.n) FILTER (WHERE f.reply IS NOT NULL)), '{0}'),
           coalesce(ticket_histogram(array_agg(f.resolution) FILTER (WHERE f.resolution IS NOT NULL), array_agg(f.n) FILTER (WHERE f.resolution IS NOT NULL)), '{0}')
    FROM (SELECT x.kind, x.day, t.desk_id, x.key, count(*)::integer AS n, sum(x.reopened) AS reopened, sum(x.good) AS good,
                 sum(x.bad) AS bad, sum(x.offered) AS offered, x.reply, x.resolution
          FROM zendesk_tickets t CROSS JOIN LATERAL ticket_dashboard_facts(t.status, t.assignee_id, t.group_id, t.satisfaction_score, t.reopens, t.created_at,
                                       t.solved_at, t.updated_at, t.deleted_at, t.first_reply_time_in_minutes, t.full_resolution_time_in_minutes) x
          GROUP BY 1, 2, 3, 4, 10, 11) f
    CROSS JOIN LATERAL (VALUES ('day', f.day), ('month', date_trunc('month', f.day)::date)) AS g(grain, period)
    WHERE g.grain = 'month' OR f.kind = 'group'
    GROUP BY 1, 2, 3, 4, 5;
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

-- Indexes: one more than before (two go, three come). The agents, SLA and satisfaction
-- dashboards no longer scan tickets by created date (zendesk_tickets_dashboards_idx goes); the agents
-- page still reads the part of a month at either end of its range from zendesk_tickets_solved_dashboards_idx
-- (agent rollups are monthly: day rows per agent were most of the trigger's writes).
DROP INDEX IF EXISTS "zendesk_tickets_dashboards_idx";
-- Tickets not yet solved: the agents' open load now (it replaces zendesk_tickets_unsolved_idx), and
-- the SLA dashboard's tickets still waiting, whose "over" depends on the time of asking. A small index:
-- only those tickets.
DROP INDEX IF EXISTS "zendesk_tickets_unsolved_idx";
CREATE INDEX "zendesk_tickets_unsettled_idx" ON "zendesk_tickets" ("created_at")
    INCLUDE ("desk_id", "assignee_id", "group_id", "status", "first_reply_time_in_minutes")
    WHERE "deleted_at" IS NULL AND coalesce("status", '') NOT IN ('solved', 'closed');
-- The SLA dashboard's exact count inside the bucket that holds a desk's target: the tickets whose
-- first reply (or full resolution) lies between the target and the end of its bucket, ~10 % of minutes.
CREATE INDEX "zendesk_tickets_first_reply_idx" ON "zendesk_tickets" ("desk_id", "first_reply_time_in_minutes")
    INCLUDE ("created_at", "group_id")
    WHERE "deleted_at" IS NULL AND "first_reply_time_in_minutes" IS NOT NULL;
CREATE INDEX "zendesk_tickets_resolution_idx" ON "zendesk_tickets" ("desk_id", "full_resolution_time_in_minutes")
    INCLUDE ("created_at", "group_id")
    WHERE "deleted_at" IS NULL AND "status" IN ('solved', 'closed') AND "full_resolution_time_in_minutes" IS NOT NULL;
