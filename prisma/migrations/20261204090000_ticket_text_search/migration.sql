-- Full-text search that forgives word forms and accents: "refunds" finds "refund", "unicode" finds
-- "ünïcödé". `zendesk_search` is PostgreSQL's English configuration with the unaccent dictionary in
-- front of the stemmer (ASCII words need no unaccenting). unaccent is a trusted extension: the
-- database owner may create it without superuser rights (PostgreSQL 13+).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION zendesk_search (COPY = english);
ALTER TEXT SEARCH CONFIGURATION zendesk_search ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

-- The vectors are generated columns: a new expression means a new column (the table is rewritten
-- once). The subject carries weight A and the description weight B, so a search that must not look
-- at the description (a viewer on a desk that masks personal data) can keep only the subject's
-- lexemes with ts_filter(search_vector, '{a}') and still use this index to find the candidates.
ALTER TABLE "zendesk_tickets" DROP COLUMN "search_vector";
ALTER TABLE "zendesk_tickets" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('zendesk_search'::regconfig, left(coalesce("subject", ''), 10000)), 'A') ||
    setweight(to_tsvector('zendesk_search'::regconfig, left(coalesce("description", ''), 200000)), 'B')
) STORED;
CREATE INDEX "zendesk_tickets_search_vector_idx" ON "zendesk_tickets" USING GIN ("search_vector");
COMMENT ON COLUMN "zendesk_tickets"."search_vector" IS 'Generated from subject (weight A) and description (weight B) with the zendesk_search configuration (see the migration); read-only.';

ALTER TABLE "zendesk_ticket_comments" DROP COLUMN "search_vector";
ALTER TABLE "zendesk_ticket_comments" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
    to_tsvector('zendesk_search'::regconfig, left(coalesce("body", ''), 200000))
) STORED;
CREATE INDEX "zendesk_ticket_comments_search_vector_idx" ON "zendesk_ticket_comments" USING GIN ("search_vector");
COMMENT ON COLUMN "zendesk_ticket_comments"."search_vector" IS 'Generated from body with the zendesk_search configuration (see the migration); read-only.';
