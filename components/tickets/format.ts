// Shared renderings for ticket cells and the ticket page. Times are formatted on the server in the
// reader's zone (lib/validations/time-zone.ts) and reach client components as text.
import type { TicketListRow } from "@/lib/data/ticket-search";
import { LIST_COLUMNS } from "@/lib/validations/ticket-columns";
import { formatInZone } from "@/lib/validations/time-zone";

/** Minutes as "2 h 5 min" / "3 d 4 h", for SLA metrics. */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return "—";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** The list's rows with their times as text in the zone, ready for the client table. */
export function localizeRows(rows: TicketListRow[], timeZone: string): TicketListRow[] {
  return rows.map((row) => ({
    ...row,
    cells: Object.fromEntries(
      Object.entries(row.cells).map(([column, value]) => [
        column,
        LIST_COLUMNS[column as keyof typeof LIST_COLUMNS].kind === "time" && typeof value === "string" ? formatInZone(value, timeZone) : value,
      ]),
    ),
  }));
}

/** A ticket's link: its Zendesk id, with the desk when another desk has a ticket with the same id. */
export function ticketHref(row: { zendeskId: string; deskId: number; clash?: boolean }): string {
  return row.clash ? `/tickets/${row.zendeskId}?desk=${row.deskId}` : `/tickets/${row.zendeskId}`;
}

export const STATUS_TONE: Record<string, "neutral" | "success" | "warning" | "error"> = {
  new: "warning",
  open: "error",
  pending: "neutral",
  hold: "neutral",
  solved: "success",
  closed: "success",
};

export const PRIORITY_TONE: Record<string, "neutral" | "success" | "warning" | "error"> = {
  urgent: "error",
  high: "warning",
  normal: "neutral",
  low: "neutral",
};
