import "server-only";
// Headline numbers for the overview page, each one aggregate query.
import { db } from "@/lib/db/client";
import { OPEN_STATUSES } from "@/lib/validations/ticket-search";

export type Overview = { totalTickets: number; openTickets: number; activeDesks: number; desks: number };

export async function getOverview(): Promise<Overview> {
  const [tickets] = await db().$queryRaw<{ total: bigint; open: bigint }[]>`
    SELECT count(*) FILTER (WHERE deleted_at IS NULL) AS total,
           count(*) FILTER (WHERE deleted_at IS NULL AND status = ANY(${[...OPEN_STATUSES]}::text[])) AS open
    FROM zendesk_tickets`;
  const [desks] = await db().$queryRaw<{ total: bigint; active: bigint }[]>`
    SELECT count(*) AS total, count(*) FILTER (WHERE active) AS active FROM desks`;
  return {
    totalTickets: Number(tickets?.total ?? 0),
    openTickets: Number(tickets?.open ?? 0),
    activeDesks: Number(desks?.active ?? 0),
    desks: Number(desks?.total ?? 0),
  };
}
