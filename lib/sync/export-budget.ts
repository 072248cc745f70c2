// The incremental export limit is the account's (10 requests a minute, 30 with the High Volume API
// add-on), whichever process sends them: the app, a CLI run, a second replica, Inngest steps. So the
// budget lives in PostgreSQL, one row per desk holding when its recent export requests went out, and
// every client takes a slot there (under the row's lock) right before an export request.
import { db } from "@/lib/db/client";

/** Zendesk's documented limit without the High Volume add-on. */
export const DEFAULT_EXPORT_LIMIT = 10;

/** With the High Volume API add-on (or Enterprise Plus, which includes it) exports may go three times as fast. */
const HIGH_VOLUME_EXPORT_LIMIT = 30;

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
  const seconds = Math.ceil(windowMs + marginMs(windowMs)) / 1000;
  const limit = Math.max(1, Math.floor(limitPerWindow));
  for (let attempt = 0; attempt < 2; attempt++) {
    // One statement: the row is locked (a concurrent taker waits, then sees this one's slot), the
    // window's requests counted, and a slot added only if there is room.
    const [row] = await db().$queryRaw<{ now: Date; blocking: Date | null; granted: boolean }[]>`
      WITH locked AS (
        SELECT desk_id, clock_timestamp() AS now, coalesce(sent, '{}') AS sent FROM export_budgets WHERE desk_id = ${deskId} FOR UPDATE
      ), windowed AS (
        SELECT desk_id, now, ARRAY(SELECT t FROM unnest(sent) AS t WHERE t > now - make_interval(secs => ${seconds}) ORDER BY t) AS recent FROM locked
      ), taken AS (
        UPDATE export_budgets b SET sent = w.recent || w.now FROM windowed w
        WHERE b.desk_id = w.desk_id AND cardinality(w.recent) < ${limit}
        RETURNING 1
      )
      SELECT now, recent[cardinality(recent) - ${limit} + 1] AS blocking, EXISTS (SELECT 1 FROM taken) AS granted FROM windowed`;
    if (row) {
      if (row.granted || !row.blocking) return 0;
      // The slot frees up when the oldest request that fills the window leaves it.
      return Math.max(1, row.blocking.getTime() + seconds * 1000 - row.now.getTime());
    }
    // The desk's first export request: make its row, then take the slot as usual.
    await db().$executeRaw`INSERT INTO export_budgets (desk_id) SELECT id FROM desks WHERE id = ${deskId} ON CONFLICT (desk_id) DO NOTHING`;
  }
  // The desk was removed meanwhile: nothing to pace, and nothing will be synced for it.
  return 0;
}
