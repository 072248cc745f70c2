-- Whether a run is guarded by the desk's advisory lock: a "running" row counts as running only while
-- its lock is held, unless no lock guards it (Inngest runs).
ALTER TABLE "sync_runs" ADD COLUMN "holds_desk_lock" BOOLEAN NOT NULL DEFAULT false;
UPDATE "sync_runs" SET "holds_desk_lock" = true WHERE "trigger" <> 'inngest';
