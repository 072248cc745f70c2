-- Per-user settings of the dashboard, and named ticket-list views.
CREATE TABLE "user_settings" (
    "user_id" INTEGER NOT NULL,
    "time_zone" TEXT,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_settings_pkey" PRIMARY KEY ("user_id")
);
COMMENT ON TABLE "user_settings" IS 'A dashboard user''s settings; no row means every default.';
COMMENT ON COLUMN "user_settings"."user_id" IS 'The dashboard user (admin_users.id) these settings belong to.';
COMMENT ON COLUMN "user_settings"."time_zone" IS 'IANA time zone for showing times, e.g. Europe/Berlin; NULL: the browser''s.';
COMMENT ON COLUMN "user_settings"."updated_at" IS 'When a setting last changed.';

CREATE TABLE "saved_views" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_views_pkey" PRIMARY KEY ("id")
);
COMMENT ON TABLE "saved_views" IS 'A named ticket-list view (filters, sort, columns) of one user; its link works for every signed-in user.';
COMMENT ON COLUMN "saved_views"."id" IS 'Shown in the view''s link: /tickets/views/<id>.';
COMMENT ON COLUMN "saved_views"."user_id" IS 'The dashboard user (admin_users.id) who saved the view.';
COMMENT ON COLUMN "saved_views"."name" IS 'Unique per user.';
COMMENT ON COLUMN "saved_views"."query" IS 'The ticket list URL query (filters, sort, columns), without page cursors.';
COMMENT ON COLUMN "saved_views"."created_at" IS 'When the view was first saved.';
COMMENT ON COLUMN "saved_views"."updated_at" IS 'When the view was last saved again under its name.';

CREATE UNIQUE INDEX "saved_views_user_id_name_key" ON "saved_views"("user_id", "name");

ALTER TABLE "user_settings" ADD CONSTRAINT "user_settings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "admin_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "admin_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
