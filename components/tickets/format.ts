// Shared renderings for ticket cells and the ticket page.

/** 2026-03-01 12:34 (UTC): sortable, unambiguous, the same on server and client. */
export function formatDateTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : "";
}

/** Minutes as "2 h 5 min" / "3 d 4 h", for SLA metrics. */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return "—";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

export const STATUS_TONE: Record<string, "neutral" | "success" | "warning" | "error"> = {
  new: "warning",
  open: "error",
  pending: "neutral",
  hold: "neutral",
  solved: "success",
  closed: "success",
};
