// Request budgets kept in PostgreSQL, so every process of an install (several app instances, the CLI)
// shares them, each decision one atomic statement. In lib/db because proxy.ts uses them as well.
// - takeToken: a token bucket in GCRA form (one timestamp per key): `perMinute` on average, bursts of
//   `burst`; a refused request costs nothing.
// - failure back-off: after `free` failures each further one doubles the wait (up to `maxSeconds`);
//   a success clears it; a key unused for `forgetSeconds` starts afresh.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

export type Decision = { ok: true } | { ok: false; retryAfterSeconds: number };

export async function takeToken(key: string, perMinute: number, burst = perMinute, now = new Date()): Promise<Decision> {
  const intervalMs = 60_000 / perMinute;
  const toleranceMs = intervalMs * (burst - 1);
  // The row's theoretical arrival time moves one interval on per request taken; a request is allowed
  // while that time is no more than the tolerance ahead of now.
  const rows = await db().$queryRaw<{ allowed: boolean; tat: Date }[]>`
    WITH taken AS (
      INSERT INTO rate_limits AS r (key, tat, hits, updated_at)
      VALUES (${key}, ${now}::timestamptz + make_interval(secs => ${intervalMs / 1000}), 0, ${now})
      ON CONFLICT (key) DO UPDATE
        SET tat = greatest(r.tat, ${now}::timestamptz) + make_interval(secs => ${intervalMs / 1000}), updated_at = ${now}
        WHERE greatest(r.tat, ${now}::timestamptz) - ${now}::timestamptz <= make_interval(secs => ${toleranceMs / 1000})
      RETURNING true AS allowed, tat)
    SELECT allowed, tat FROM taken
    UNION ALL
    SELECT false, tat FROM rate_limits WHERE key = ${key} AND NOT EXISTS (SELECT 1 FROM taken)`;
  if (rows[0]?.allowed) return { ok: true };
  // Refused: the row is read again in a statement of its own. The SELECT above sees the rows of its
  // snapshot, taken before it waited for the row, so it can miss the takers that committed meanwhile
  // (an older time, or no row at all for a key that concurrent first callers just created).
  const [latest] = await db().$queryRaw<{ tat: Date }[]>`SELECT tat FROM rate_limits WHERE key = ${key}`;
  const waitMs = (latest ?? rows[0])!.tat.getTime() - now.getTime() - toleranceMs;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

export type BackOff = { free: number; baseSeconds: number; maxSeconds: number; forgetSeconds: number };

/** Whether the key is waiting out a back-off. */
export async function checkBackOff(key: string, policy: BackOff, now = new Date()): Promise<Decision> {
  const rows = await db().$queryRaw<{ tat: Date; updated_at: Date }[]>`SELECT tat, updated_at FROM rate_limits WHERE key = ${key}`;
  const row = rows[0];
  if (!row || row.tat <= now || now.getTime() - row.updated_at.getTime() > policy.forgetSeconds * 1000) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((row.tat.getTime() - now.getTime()) / 1000)) };
}

/** Counts a failure and sets the wait it earns; concurrent failures each count (one upsert). */
export async function recordFailure(key: string, policy: BackOff, now = new Date()): Promise<void> {
  const hits = Prisma.sql`CASE WHEN r.updated_at < ${now}::timestamptz - make_interval(secs => ${policy.forgetSeconds}) THEN 1 ELSE r.hits + 1 END`;
  const waitFor = (h: Prisma.Sql) =>
    Prisma.sql`${now}::timestamptz + make_interval(secs => CASE WHEN ${h} <= ${policy.free} THEN 0
      ELSE least(${policy.maxSeconds}::float8, ${policy.baseSeconds}::float8 * power(2, ${h} - ${policy.free} - 1)) END)`;
  await db().$executeRaw`
    INSERT INTO rate_limits AS r (key, tat, hits, updated_at) VALUES (${key}, ${waitFor(Prisma.sql`1`)}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET hits = ${hits}, tat = ${waitFor(hits)}, updated_at = ${now}`;
}

export async function clearKey(key: string): Promise<void> {
  await db().$executeRaw`DELETE FROM rate_limits WHERE key = ${key}`;
}

/** Drops rows unused for a day (the server calls it hourly, instrumentation.ts; the table stays small). */
export async function forgetOldLimits(now = new Date()): Promise<number> {
  return db().$executeRaw`DELETE FROM rate_limits WHERE updated_at < ${now}::timestamptz - interval '1 day'`;
}
