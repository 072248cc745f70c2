import "server-only";
// The CSV shape of a ticket list: columns, RFC 4180 quoting, and a guard against spreadsheet formulas.
import type { TicketListRow } from "@/lib/data/ticket-search";

const COLUMNS: [string, (row: TicketListRow) => string | null][] = [
  ["desk", (r) => r.domain],
  ["id", (r) => r.zendeskId],
  ["subject", (r) => r.subject],
  ["status", (r) => r.status],
  ["priority", (r) => r.priority],
  ["type", (r) => r.type],
  ["assignee", (r) => r.assignee],
  ["group", (r) => r.group],
  ["organization", (r) => r.organization],
  ["requester", (r) => r.requester],
  ["channel", (r) => r.via],
  ["tags", (r) => r.tags.join(" ")],
  ["created_at", (r) => r.created],
  ["updated_at", (r) => r.updated],
  ["solved_at", (r) => r.solved],
  ["deleted_at", (r) => r.deleted],
];

/** Quoted when needed; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it. */
export function csvField(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const line = (fields: (string | null)[]) => `${fields.map(csvField).join(",")}\r\n`;

/** The header line, with a byte-order mark so spreadsheet programs read UTF-8. */
export function csvHeader(): string {
  return `\uFEFF${line(COLUMNS.map(([name]) => name))}`;
}

export function csvRows(rows: TicketListRow[]): string {
  return rows.map((row) => line(COLUMNS.map(([, get]) => get(row)))).join("");
}
