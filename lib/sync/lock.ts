// A PostgreSQL advisory lock per desk, held on its own connection for the length of a sync, so two
// processes (CLI, watch loop, the app's loop) never sync one desk at once.
import pg from "pg";

/** "ZDC1": keeps these locks apart from other advisory locks (pg_locks shows it as classid). */
export const DESK_LOCK_SPACE = 0x5a44_4331;

/** Runs fn while holding the desk's lock; returns null without running it when another holder has it. */
export async function withDeskLock<T>(deskId: number, fn: () => Promise<T>): Promise<T | null> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const connection = new pg.Client({ connectionString: url });
  await connection.connect();
  try {
    const { rows } = await connection.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS locked", [DESK_LOCK_SPACE, deskId]);
    if (!rows[0]?.locked) return null;
    try {
      return await fn();
    } finally {
      await connection.query("SELECT pg_advisory_unlock($1, $2)", [DESK_LOCK_SPACE, deskId]);
    }
  } finally {
    await connection.end();
  }
}
