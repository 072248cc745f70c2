-- Views for analysts (lib/db/analyst-views.ts creates and rebuilds them): this table remembers which
-- exist and their definition, and three functions give custom-field values their types.
CREATE TABLE "analyst_views" (
    "name" TEXT NOT NULL,
    "desk_id" INTEGER,
    "definition_hash" TEXT NOT NULL,
    "refreshed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "analyst_views_pkey" PRIMARY KEY ("name")
);

-- Numbers and numeric strings (Zendesk sends integer/decimal fields as strings); anything else NULL.
CREATE FUNCTION zdc_jsonb_numeric(value jsonb) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE jsonb_typeof(value)
    WHEN 'number' THEN (value #>> '{}')::numeric
    WHEN 'string' THEN CASE WHEN btrim(value #>> '{}') ~ '^[-+]?[0-9]+(\.[0-9]+)?$' THEN btrim(value #>> '{}')::numeric END
  END
$$;

-- true/false, and the strings Zendesk and exports use for them; anything else NULL.
CREATE FUNCTION zdc_jsonb_boolean(value jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE jsonb_typeof(value)
    WHEN 'boolean' THEN (value #>> '{}')::boolean
    WHEN 'string' THEN CASE lower(value #>> '{}') WHEN 'true' THEN true WHEN '1' THEN true WHEN 'false' THEN false WHEN '0' THEN false END
  END
$$;

-- YYYY-MM-DD (Zendesk's date fields) as a date; anything else, or an impossible date, NULL.
CREATE FUNCTION zdc_jsonb_date(value jsonb) RETURNS date LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF jsonb_typeof(value) = 'string' AND (value #>> '{}') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN
    RETURN substr(value #>> '{}', 1, 10)::date;
  END IF;
  RETURN NULL;
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;

COMMENT ON FUNCTION zdc_jsonb_numeric(jsonb) IS 'A custom field value as numeric: numbers and numeric strings, else NULL.';
COMMENT ON FUNCTION zdc_jsonb_boolean(jsonb) IS 'A custom field value as boolean: true/false and their string forms, else NULL.';
COMMENT ON FUNCTION zdc_jsonb_date(jsonb) IS 'A custom field value as date (YYYY-MM-DD), else NULL.';
COMMENT ON TABLE "analyst_views" IS 'The analyst views this app maintains (per-desk tickets_<desk> views and the shared ones), so each is rebuilt only when its definition changes.';
COMMENT ON COLUMN "analyst_views"."name" IS 'View name, e.g. tickets_acme.';
COMMENT ON COLUMN "analyst_views"."desk_id" IS 'The desk a per-desk view shows; null for the views over every desk.';
COMMENT ON COLUMN "analyst_views"."definition_hash" IS 'Hash of the view''s definition and comments as last created.';
COMMENT ON COLUMN "analyst_views"."refreshed_at" IS 'When the view was last (re)created.';
