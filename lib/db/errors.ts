// What went wrong with the database, told apart by the codes PostgreSQL, pg and Prisma attach (never
// by matching whole messages): the server went away, or a statement ran past its time limit. Callers
// turn these into one line for a person (the CLI), a 503 (health, pages) or a retry (the sync loop).
const UNAVAILABLE_CODES = new Set([
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, connection exceptions.
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  // Node sockets.
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  // Prisma: can't reach the server, timed out, closed the connection.
  "P1001",
  "P1002",
  "P1017",
]);

const TIMEOUT_CODES = new Set(["57014"]);

function codesOf(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== "object" || depth > 4) return [];
  const e = error as { code?: unknown; cause?: unknown; meta?: { code?: unknown; driverAdapterError?: unknown }; originalCode?: unknown; kind?: unknown; errors?: unknown };
  const own = [e.code, e.meta?.code, e.originalCode].filter((c): c is string => typeof c === "string");
  const nested = [e.cause, e.meta?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : [])].flatMap((c) => codesOf(c, depth + 1));
  return [...own, ...nested];
}

/** The database server is unreachable or went away mid-query. */
function isDatabaseUnavailable(error: unknown): boolean {
  if (codesOf(error).some((code) => UNAVAILABLE_CODES.has(code))) return true;
  // Prisma reports a lost server this way when the driver gives no code.
  const message = error instanceof Error ? error.message : "";
  return /Can't reach database server|Connection terminated|server closed the connection|terminating connection due to administrator command/i.test(message);
}

/** A statement was cancelled by statement_timeout. */
export function isStatementTimeout(error: unknown): boolean {
  if (codesOf(error).some((code) => TIMEOUT_CODES.has(code))) return true;
  const message = error instanceof Error ? error.message : "";
  return /canceling statement due to statement timeout/i.test(message);
}

/** One line for a person, when the error is about the database; null otherwise. */
export function describeDatabaseError(error: unknown): string | null {
  if (isStatementTimeout(error)) return "the database took too long to answer (statement timeout); narrow the request or try again";
  if (isDatabaseUnavailable(error)) return "the database is unavailable (it may be restarting); try again in a moment";
  return null;
}
