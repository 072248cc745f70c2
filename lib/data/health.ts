import "server-only";
// The database half of /api/health: can this process run a query right now, and how fast.
import { db } from "@/lib/db/client";
import { describeDatabaseError } from "@/lib/db/errors";

export type DatabaseHealth = { ok: boolean; latencyMs: number; error?: string };

export async function pingDatabase(timeoutMs = 2_000): Promise<DatabaseHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db().$queryRaw`SELECT 1`,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // Never the connection string or the driver's full message: the endpoint is public.
    const error_ = describeDatabaseError(error) ?? (error instanceof Error && error.message.startsWith("no answer") ? error.message : "query failed");
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: error_ };
  } finally {
    clearTimeout(timer);
  }
}
