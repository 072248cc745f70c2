-- Per-desk privacy: viewers see requester names and emails and comment bodies masked (lib/data).
ALTER TABLE "desks" ADD COLUMN "mask_pii" BOOLEAN NOT NULL DEFAULT false;
COMMENT ON COLUMN "desks"."mask_pii" IS 'Viewers see requester names, emails and comment bodies of this desk masked; admins see them.';
