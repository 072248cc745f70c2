import "server-only";
// The CSV shape of a ticket list: exactly the view's columns (custom fields included), times in the
// reader's zone (named in the header), RFC 4180 quoting, and a guard against spreadsheet formulas.
import type { CellValue, TicketListRow } from "@/lib/data/ticket-search";
import { MASKED } from "@/lib/data/ticket-access";
import { LIST_COLUMNS, type ListColumn } from "@/lib/validations/ticket-columns";
import { formatInZone } from "@/lib/validations/time-zone";

/** Quoted when needed; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it. */
export function csvField(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const line = (fields: (string | null)[]) => `${fields.map(csvField).join(",")}\r\n`;

export type CsvShape = { columns: ListColumn[]; customTitles: string[]; timeZone: string };

/** The header line, with a byte-order mark so spreadsheet programs read UTF-8. */
export function csvHeader(shape: CsvShape): string {
  const names = shape.columns.map((column) => {
    const spec = LIST_COLUMNS[column];
    return spec.kind === "time" ? `${spec.csv} (${shape.timeZone})` : spec.csv;
  });
  return `\uFEFF${line([...names, ...shape.customTitles])}`;
}

function text(column: ListColumn, value: CellValue, row: TicketListRow, timeZone: string): string | null {
  const spec = LIST_COLUMNS[column];
  if (value === null) return "personal" in spec && spec.personal && row.masked ? MASKED : null;
  if (Array.isArray(value)) return value.join(" ");
  if (spec.kind === "time") return formatInZone(String(value), timeZone, { seconds: true });
  return String(value);
}

export function csvRows(rows: TicketListRow[], shape: CsvShape): string {
  return rows
    .map((row) =>
      line([
        ...shape.columns.map((column) => text(column, row.cells[column] ?? null, row, shape.timeZone)),
        ...shape.customTitles.map((title) => row.custom[title] ?? null),
      ]),
    )
    .join("");
}
