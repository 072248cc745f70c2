// A PostgreSQL advisory lock per desk, held on its own connection for the length of a sync, so two
// processes (CLI, the app's loop, sync --watch) never sync one desk at once; and the one reader of
// pg_locks that tells whether such a lock is held. Key and reader live together: change one, see both.
// Also the transaction-level locks under which one process at a time renews a desk's OAuth tokens, or
// checks and moves its export cursors.
import pg from "pg";
import { context } from "@/lib/context";
import { Prisma } from "@/lib/generated/prisma/client";

/** "ZDC1": keeps these locks apart from other advisory locks (pg_locks shows it as classid). */
const DESK_LOCK_SPACE = 0x5a44_4331;
/** "ZDC2": a desk's OAuth tokens, held only while one process renews them. */
const TOKEN_LOCK_SPACE = 0x5a44_4332;
/** "ZDC3": a desk's export cursors, held by the transaction that checks and moves one. */
const CURSOR_LOCK_SPACE = 0x5a44_4333;

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

/**
 * Takes the desk's token lock for the rest of the transaction `tx`: OAuth refreshes rotate the refresh
 * token, so only one process at a time may renew a desk's tokens; the others wait here, then read
 * what it committed. Waits at most `timeoutSeconds` (a stuck holder fails the waiter, not the desk).
 */
export async function lockDeskTokens(tx: Prisma.TransactionClient, deskId: number, timeoutSeconds = 45): Promise<void> {
  await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${Math.max(1, Math.floor(timeoutSeconds))}s'`);
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${TOKEN_LOCK_SPACE}::int, ${deskId}::int)`;
}

/**
 * Takes the desk's cursor lock for the rest of the transaction `tx`: an export page checks that its
 * cursor is still the one it started from and moves it, with no other page or backfill in between.
 * Not the desk row's lock: a page transaction lasts seconds, and the real-time fetch writes the desk
 * row (its freshness) at the end of its own transaction, after the same users and tickets a page
 * writes; holding the row from the page's start made the two wait on each other in turn (deadlock).
 */
export async function lockDeskCursors(tx: Prisma.TransactionClient, deskId: number): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${CURSOR_LOCK_SPACE}::int, ${deskId}::int)`;
}
