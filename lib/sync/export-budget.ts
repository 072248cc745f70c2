// The incremental export limit is the account's (10 requests a minute, 30 with the High Volume API
// add-on), whichever process sends them: the app, a CLI run, a second replica, Inngest steps. So the
// budget lives in PostgreSQL, one row per desk holding when its recent export requests went out, and
// every client takes a slot there (under the row's lock) right before an export request.
import { db } from "@/lib/db/client";

/** Zendesk's documented limit without the High Volume add-on. */
export const DEFAULT_EXPORT_LIMIT = 10;

/** With the High Volume API add-on (or Enterprise Plus, which includes it) exports may go three times as fast. */
export const HIGH_VOLUME_EXPORT_LIMIT = 30;

/**
 * What X-Rate-Limit tells of the export limit: Zendesk documents no header for the add-on, but its
 * account limit of 2,500 requests a minute comes only with High Volume (or Enterprise Plus).
 */
export function exportLimitForPlan(planLimitPerMinute: number): number {
  return planLimitPerMinute >= 2_500 ? HIGH_VOLUME_EXPORT_LIMIT : DEFAULT_EXPORT_LIMIT;
}

/**
 * A slot is timed as it is taken, Zendesk times the request as it arrives: later by a new connection's
 * set-up for the first of a window than for the last. The window is kept 1 % longer (as the in-process
 * pacer does), and at least a quarter of a second, which a cold connection fits in.
 */
const marginMs = (windowMs: number) => Math.max(windowMs * 0.01, 250);

/**
 * Takes one export slot for the desk: 0 when the request may go now (the slot is recorded), else how
 * many milliseconds until one frees up (nothing recorded; ask again then). Times are the database's,
 * so processes on machines with different clocks still share one window.
 */
export async function takeExportSlot(deskId: number, limitPerWindow: number, windowMs = 60_000): Promise<number> {
  const window = Math.ceil(windowMs + marginMs(windowMs));
  const limit = Math.max(1, Math.floor(limitPerWindow));
  await db().$executeRaw`INSERT INTO export_budgets (desk_id) VALUES (${deskId}) ON CONFLICT (desk_id) DO NOTHING`;
  return db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ now: Date; recent: Date[] }[]>`
      SELECT clock_timestamp() AS now,
        ARRAY(SELECT t FROM unnest(coalesce(sent, '{}')) AS t
              WHERE t > clock_timestamp() - make_interval(secs => ${window / 1000}) ORDER BY t) AS recent
      FROM export_budgets WHERE desk_id = ${deskId} FOR UPDATE`;
    // The desk was removed meanwhile: nothing to pace, and nothing will be sent for it.
    if (!row) return 0;
    if (row.recent.length >= limit) {
      const oldestBlocking = row.recent[row.recent.length - limit]!;
      return Math.max(1, oldestBlocking.getTime() + window - row.now.getTime());
    }
    const now = row.now.toISOString();
    await tx.$executeRaw`
      UPDATE export_budgets SET sent = ARRAY(
        SELECT t FROM unnest(coalesce(sent, '{}')) AS t
        WHERE t > ${now}::timestamptz - make_interval(secs => ${window / 1000}) ORDER BY t) || ${now}::timestamptz
      WHERE desk_id = ${deskId}`;
    return 0;
  });
}
