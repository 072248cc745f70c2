-- CreateEnum
CREATE TYPE "user_role" AS ENUM ('admin', 'viewer');

-- CreateEnum
CREATE TYPE "sync_run_status" AS ENUM ('running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "desks" (
    "id" SERIAL NOT NULL,
    "domain" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT NOT NULL,
    "token_ciphertext" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "wait_interval_seconds" INTEGER NOT NULL DEFAULT 60,
    "rate_limit_per_minute" INTEGER,
    "rate_limit_share" INTEGER NOT NULL DEFAULT 50,
    "sync_since" TIMESTAMPTZ(6) NOT NULL DEFAULT '1970-01-01 00:00:00+00'::timestamptz,
    "ticket_cursor" TEXT,
    "event_start_time" BIGINT,
    "retry_after_until" TIMESTAMPTZ(6),
    "last_sync_started_at" TIMESTAMPTZ(6),
    "last_sync_finished_at" TIMESTAMPTZ(6),
    "last_success_at" TIMESTAMPTZ(6),
    "last_error" TEXT,
    "newest_change_at" TIMESTAMPTZ(6),
    "fields_synced_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "desks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT NOT NULL,
    "role" "user_role" NOT NULL DEFAULT 'viewer',
    "failed_attempts" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(6),
    "last_login_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admin_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_runs" (
    "id" BIGSERIAL NOT NULL,
    "desk_id" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" "sync_run_status" NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(6),
    "pages" INTEGER NOT NULL DEFAULT 0,
    "rows" INTEGER NOT NULL DEFAULT 0,
    "comments" INTEGER NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "rate_limited" INTEGER NOT NULL DEFAULT 0,
    "bad_items" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "zendesk_tickets" (
    "id" BIGSERIAL NOT NULL,
    "desk_id" INTEGER NOT NULL,
    "zendesk_id" BIGINT NOT NULL,
    "domain" TEXT NOT NULL,
    "subject" TEXT,
    "description" TEXT,
    "status" TEXT,
    "priority" TEXT,
    "ticket_type" TEXT,
    "url" TEXT,
    "via" TEXT,
    "current_tags" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "req_name" TEXT,
    "req_email" TEXT,
    "req_id" BIGINT,
    "req_external_id" TEXT,
    "submitter_name" TEXT,
    "assignee_name" TEXT,
    "assignee_id" BIGINT,
    "assignee_external_id" TEXT,
    "group_name" TEXT,
    "group_id" BIGINT,
    "organization_name" TEXT,
    "organization_id" BIGINT,
    "created_at" TIMESTAMPTZ(6),
    "updated_at" TIMESTAMPTZ(6),
    "generated_timestamp" BIGINT,
    "assigned_at" TIMESTAMPTZ(6),
    "initially_assigned_at" TIMESTAMPTZ(6),
    "solved_at" TIMESTAMPTZ(6),
    "due_date" TIMESTAMPTZ(6),
    "first_reply_time_in_minutes" INTEGER,
    "first_reply_time_in_minutes_within_business_hours" INTEGER,
    "first_resolution_time_in_minutes" INTEGER,
    "first_resolution_time_in_minutes_within_business_hours" INTEGER,
    "full_resolution_time_in_minutes" INTEGER,
    "full_resolution_time_in_minutes_within_business_hours" INTEGER,
    "agent_wait_time_in_minutes" INTEGER,
    "agent_wait_time_in_minutes_within_business_hours" INTEGER,
    "requester_wait_time_in_minutes" INTEGER,
    "requester_wait_time_in_minutes_within_business_hours" INTEGER,
    "on_hold_time_in_minutes" INTEGER,
    "on_hold_time_in_minutes_within_business_hours" INTEGER,
    "reopens" INTEGER,
    "replies" INTEGER,
    "group_stations" INTEGER,
    "assignee_stations" INTEGER,
    "satisfaction_score" TEXT,
    "custom_fields" JSONB NOT NULL DEFAULT '{}',
    "raw_data" JSONB NOT NULL,
    "deleted_at" TIMESTAMPTZ(6),
    "search_vector" tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, left(coalesce("subject", '') || ' ' || coalesce("description", ''), 200000))
    ) STORED,
    "synced_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "zendesk_tickets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "zendesk_ticket_comments" (
    "id" BIGSERIAL NOT NULL,
    "desk_id" INTEGER NOT NULL,
    "domain" TEXT NOT NULL,
    "ticket_id" BIGINT NOT NULL,
    "comment_id" BIGINT NOT NULL,
    "author_id" BIGINT,
    "public" BOOLEAN NOT NULL DEFAULT true,
    "body" TEXT,
    "html_body" TEXT,
    "created_at" TIMESTAMPTZ(6),
    "raw_data" JSONB NOT NULL,
    "search_vector" tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, left(coalesce("body", ''), 200000))
    ) STORED,
    "synced_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "zendesk_ticket_comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "zendesk_users" (
    "id" BIGSERIAL NOT NULL,
    "desk_id" INTEGER NOT NULL,
    "domain" TEXT NOT NULL,
    "zendesk_id" BIGINT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "role" TEXT,
    "external_id" TEXT,
    "organization_id" BIGINT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(6),
    "raw_data" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "zendesk_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "zendesk_groups" (
    "id" BIGSERIAL NOT NULL,
    "desk_id" INTEGER NOT NULL,
    "domain" TEXT NOT NULL,
    "zendesk_id" BIGINT NOT NULL,
    "name" TEXT,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(6),
    "raw_data" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "zendesk_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "zendesk_organizations" (
    "id" BIGSERIAL NOT NULL,
    "desk_id" INTEGER NOT NULL,
    "domain" TEXT NOT NULL,
    "zendesk_id" BIGINT NOT NULL,
    "name" TEXT,
    "external_id" TEXT,
    "updated_at" TIMESTAMPTZ(6),
    "raw_data" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "zendesk_organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "zendesk_ticket_fields" (
    "id" BIGSERIAL NOT NULL,
    "desk_id" INTEGER NOT NULL,
    "domain" TEXT NOT NULL,
    "zendesk_id" BIGINT NOT NULL,
    "title" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "options" JSONB NOT NULL DEFAULT '[]',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER,
    "raw_data" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "zendesk_ticket_fields_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "desks_domain_key" ON "desks"("domain");

-- CreateIndex
CREATE INDEX "desks_active_idx" ON "desks"("active");

-- CreateIndex
CREATE UNIQUE INDEX "admin_users_email_key" ON "admin_users"("email");

-- CreateIndex
CREATE INDEX "sync_runs_desk_id_started_at_idx" ON "sync_runs"("desk_id", "started_at" DESC);

-- CreateIndex
CREATE INDEX "zendesk_tickets_desk_id_updated_at_idx" ON "zendesk_tickets"("desk_id", "updated_at" DESC);

-- CreateIndex
CREATE INDEX "zendesk_tickets_status_idx" ON "zendesk_tickets"("status");

-- CreateIndex
CREATE INDEX "zendesk_tickets_priority_idx" ON "zendesk_tickets"("priority");

-- CreateIndex
CREATE INDEX "zendesk_tickets_ticket_type_idx" ON "zendesk_tickets"("ticket_type");

-- CreateIndex
CREATE INDEX "zendesk_tickets_assignee_id_idx" ON "zendesk_tickets"("assignee_id");

-- CreateIndex
CREATE INDEX "zendesk_tickets_group_id_idx" ON "zendesk_tickets"("group_id");

-- CreateIndex
CREATE INDEX "zendesk_tickets_organization_id_idx" ON "zendesk_tickets"("organization_id");

-- CreateIndex
CREATE INDEX "zendesk_tickets_created_at_idx" ON "zendesk_tickets"("created_at");

-- CreateIndex
CREATE INDEX "zendesk_tickets_updated_at_idx" ON "zendesk_tickets"("updated_at");

-- CreateIndex
CREATE INDEX "zendesk_tickets_solved_at_idx" ON "zendesk_tickets"("solved_at");

-- CreateIndex
CREATE INDEX "zendesk_tickets_tags_idx" ON "zendesk_tickets" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "zendesk_tickets_raw_data_idx" ON "zendesk_tickets" USING GIN ("raw_data" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "zendesk_tickets_custom_fields_idx" ON "zendesk_tickets" USING GIN ("custom_fields" jsonb_path_ops);

-- CreateIndex
CREATE UNIQUE INDEX "zendesk_tickets_domain_zendesk_id_key" ON "zendesk_tickets"("domain", "zendesk_id");

-- CreateIndex
CREATE INDEX "zendesk_ticket_comments_domain_ticket_id_created_at_idx" ON "zendesk_ticket_comments"("domain", "ticket_id", "created_at");

-- CreateIndex
CREATE INDEX "zendesk_ticket_comments_desk_id_idx" ON "zendesk_ticket_comments"("desk_id");

-- CreateIndex
CREATE UNIQUE INDEX "zendesk_ticket_comments_domain_comment_id_key" ON "zendesk_ticket_comments"("domain", "comment_id");

-- CreateIndex
CREATE INDEX "zendesk_users_desk_id_idx" ON "zendesk_users"("desk_id");

-- CreateIndex
CREATE UNIQUE INDEX "zendesk_users_domain_zendesk_id_key" ON "zendesk_users"("domain", "zendesk_id");

-- CreateIndex
CREATE INDEX "zendesk_groups_desk_id_idx" ON "zendesk_groups"("desk_id");

-- CreateIndex
CREATE UNIQUE INDEX "zendesk_groups_domain_zendesk_id_key" ON "zendesk_groups"("domain", "zendesk_id");

-- CreateIndex
CREATE INDEX "zendesk_organizations_desk_id_idx" ON "zendesk_organizations"("desk_id");

-- CreateIndex
CREATE UNIQUE INDEX "zendesk_organizations_domain_zendesk_id_key" ON "zendesk_organizations"("domain", "zendesk_id");

-- CreateIndex
CREATE INDEX "zendesk_ticket_fields_desk_id_idx" ON "zendesk_ticket_fields"("desk_id");

-- CreateIndex
CREATE UNIQUE INDEX "zendesk_ticket_fields_domain_zendesk_id_key" ON "zendesk_ticket_fields"("domain", "zendesk_id");

-- AddForeignKey
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_desk_id_fkey" FOREIGN KEY ("desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "zendesk_tickets" ADD CONSTRAINT "zendesk_tickets_desk_id_fkey" FOREIGN KEY ("desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "zendesk_ticket_comments" ADD CONSTRAINT "zendesk_ticket_comments_desk_id_fkey" FOREIGN KEY ("desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "zendesk_users" ADD CONSTRAINT "zendesk_users_desk_id_fkey" FOREIGN KEY ("desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "zendesk_groups" ADD CONSTRAINT "zendesk_groups_desk_id_fkey" FOREIGN KEY ("desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "zendesk_organizations" ADD CONSTRAINT "zendesk_organizations_desk_id_fkey" FOREIGN KEY ("desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "zendesk_ticket_fields" ADD CONSTRAINT "zendesk_ticket_fields_desk_id_fkey" FOREIGN KEY ("desk_id") REFERENCES "desks"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Full-text search over tickets (subject, description) and comments (body); not expressible in Prisma.
CREATE INDEX "zendesk_tickets_search_vector_idx" ON "zendesk_tickets" USING GIN ("search_vector");
CREATE INDEX "zendesk_ticket_comments_search_vector_idx" ON "zendesk_ticket_comments" USING GIN ("search_vector");
