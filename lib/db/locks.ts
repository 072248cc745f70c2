// A PostgreSQL advisory lock per desk, held on its own connection for the length of a sync, so two
// processes (CLI, the app's loop, sync --watch) never sync one desk at once; and the one reader of
// pg_locks that tells whether such a lock is held. Key and reader live together: change one, see both.
import pg from "pg";
import { context } from "@/lib/context";
import { Prisma } from "@/lib/generated/prisma/client";

/** "ZDC1": keeps these locks apart from other advisory locks (pg_locks shows it as classid). */
const DESK_LOCK_SPACE = 0x5a44_4331;

/** Runs fn while holding the desk's lock; returns null without running it when another holder has it. */
export async function withDeskLock<T>(deskId: number, fn: () => Promise<T>): Promise<T | null> {
  const connection = new pg.Client({ connectionString: context().databaseUrl });
  // A server restart ends this connection: the lock is gone with it, and the sync's own queries fail
  // and end the run. Without a listener the error would be an uncaught exception of the process.
  connection.on("error", () => {});
  await connection.connect();
  try {
    const { rows } = await connection.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS locked", [DESK_LOCK_SPACE, deskId]);
    if (!rows[0]?.locked) return null;
    try {
      return await fn();
    } finally {
      await connection.query("SELECT pg_advisory_unlock($1, $2)", [DESK_LOCK_SPACE, deskId]).catch(() => {});
    }
  } finally {
    await connection.end().catch(() => {});
  }
}

/**
 * SQL that is true while some session holds the lock of the desk `deskId` names. A two-key advisory
 * lock shows in pg_locks as classid = first key, objid = second key, objsubid = 2.
 */
export function deskLockHeld(deskId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM pg_locks l
    WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND l.classid = ${DESK_LOCK_SPACE}::oid AND l.objid = ${deskId}::oid AND l.objsubid = 2)`;
}
