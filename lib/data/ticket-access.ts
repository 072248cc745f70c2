import "server-only";
// Who reads tickets and how: the reader's role decides whether a desk's personal data is masked
// (desks.mask_pii), the reader's time zone what a date in a filter means. Every ticket data function
// takes a TicketReader, so no page or export can read tickets without saying for whom.
import { db } from "@/lib/db/client";

export type TicketReader = {
  /** "viewer" sees masked desks masked; every other role (admins, readers) sees everything. */
  role: string;
  /** IANA zone: "created 2026-03-01" means that day there. */
  timeZone: string;
};

/** What a masked value reads as, wherever it is shown (pages, CSV). */
export const MASKED = "(hidden)";

export const seesPersonalData = (reader: Pick<TicketReader, "role">) => reader.role !== "viewer";

/** The desks whose requester names, emails and comment bodies this reader must not see. */
export async function maskedDeskIds(reader: Pick<TicketReader, "role">): Promise<number[]> {
  if (seesPersonalData(reader)) return [];
  const rows = await db().$queryRaw<{ id: number }[]>`SELECT id FROM desks WHERE mask_pii`;
  return rows.map((r) => r.id);
}
