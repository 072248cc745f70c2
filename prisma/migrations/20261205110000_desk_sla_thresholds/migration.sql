-- Each desk's SLA targets for the SLA dashboard, in calendar minutes: a ticket is over when its first
-- reply (or full resolution) took longer, or it is still waiting for one and older than that.
ALTER TABLE "desks" ADD COLUMN "sla_first_reply_minutes" INTEGER NOT NULL DEFAULT 480;
ALTER TABLE "desks" ADD COLUMN "sla_resolution_minutes" INTEGER NOT NULL DEFAULT 4320;
ALTER TABLE "desks" ADD CONSTRAINT "desks_sla_minutes_check" CHECK ("sla_first_reply_minutes" > 0 AND "sla_resolution_minutes" > 0);
COMMENT ON COLUMN "desks"."sla_first_reply_minutes" IS 'SLA target for the first reply, in calendar minutes (8 hours unless set).';
COMMENT ON COLUMN "desks"."sla_resolution_minutes" IS 'SLA target for the full resolution, in calendar minutes (3 days unless set).';
