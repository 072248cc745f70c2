"use client";
// The ticket list: TanStack Table in manual mode. The server sorts, filters, pages and formats times
// in the reader's zone; this component only turns header clicks, column choices and page links into
// URLs, so every view is a link.
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { ColumnPicker, type ColumnSection } from "@/components/tickets/column-picker";
import { formatMinutes, PRIORITY_TONE, STATUS_TONE, ticketHref } from "@/components/tickets/format";
import { Pagination } from "@/components/tickets/pagination";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CellValue, TicketListRow } from "@/lib/data/ticket-search";
import { COLUMN_GROUPS, customColumnId, FIXED_COLUMNS, LIST_COLUMNS, type ListColumn } from "@/lib/validations/ticket-columns";
import { SORT_KEYS, TICKET_COLUMNS, ticketSearchHref, visibleColumns, type SortKey, type TicketSearch } from "@/lib/validations/ticket-search";

/** What the masked cells of a desk that hides personal data read as (the value never reached the browser). */
const HIDDEN = "(hidden)";

const isSortKey = (id: string): id is SortKey => (SORT_KEYS as readonly string[]).includes(id);

function cell(column: ListColumn, row: TicketListRow, deskNames: Record<number, string>): ReactNode {
  const spec = LIST_COLUMNS[column];
  const value: CellValue = row.cells[column] ?? null;
  if (value === null && "personal" in spec && spec.personal && row.masked) {
    return <span className="text-muted-foreground italic">{HIDDEN}</span>;
  }
  switch (spec.kind) {
    case "id":
      return <span className="tabular-nums text-muted-foreground">{row.zendeskId}</span>;
    case "subject":
      return (
        <Link href={ticketHref(row)} className="font-medium hover:underline">
          {value || "(no subject)"}
          {row.deleted && (
            <Badge className="ml-2" tone="error">
              deleted
            </Badge>
          )}
        </Link>
      );
    case "status":
      return value ? <Badge tone={STATUS_TONE[String(value)] ?? "neutral"}>{value}</Badge> : null;
    case "priority":
      return value ? <Badge tone={PRIORITY_TONE[String(value)] ?? "neutral"}>{value}</Badge> : <span className="text-muted-foreground">—</span>;
    case "desk":
      return deskNames[row.deskId] ?? row.domain;
    case "tags":
      return Array.isArray(value) ? value.join(", ") : null;
    case "time":
      return <span className="tabular-nums whitespace-nowrap">{value}</span>;
    case "minutes":
      return <span className="tabular-nums">{typeof value === "number" ? formatMinutes(value) : ""}</span>;
    case "number":
      return <span className="tabular-nums">{value}</span>;
    default:
      return value;
  }
}

export type TablePaging = { page: number; total: number; totalCapped: boolean; next: string | null; prev: string | null; maxJumpPage: number };

export function TicketTable({
  rows,
  search,
  paging,
  deskNames,
  customFieldTitles,
  zoneNote,
}: {
  rows: TicketListRow[];
  search: TicketSearch;
  paging: TablePaging;
  deskNames: Record<number, string>;
  /** Every custom field a column can show, by title. */
  customFieldTitles: string[];
  /** Which zone the times are in (and the control to change it). */
  zoneNote: ReactNode;
}) {
  const router = useRouter();
  const visible = visibleColumns(search);
  const sorting: SortingState = [{ id: search.sort, desc: search.dir === "desc" }];
  const go = (patch: Partial<TicketSearch>) => router.push(ticketSearchHref({ ...search, after: undefined, before: undefined, page: undefined, ...patch }));

  const fixed: ColumnDef<TicketListRow>[] = visible.map((column) => ({
    id: column,
    // TanStack only offers sorting on columns with an accessor; the value itself is never read here.
    ...(isSortKey(column) ? { accessorFn: (row: TicketListRow) => row.cells[column] } : {}),
    header: LIST_COLUMNS[column].label,
    enableSorting: isSortKey(column),
    cell: ({ row }) => cell(column, row.original, deskNames),
  }));
  const custom: ColumnDef<TicketListRow>[] = search.cfcol.map((title) => ({
    id: customColumnId(title),
    header: title,
    enableSorting: false,
    cell: ({ row }) => row.original.custom[title] ?? null,
  }));

  const onSortingChange = (updater: Updater<SortingState>) => {
    const [first] = typeof updater === "function" ? updater(sorting) : updater;
    // Clicking the sorted column flips it; TanStack offers "unsorted" as a third state, which a
    // keyset-paged list cannot have, so that becomes ascending again.
    if (first && isSortKey(first.id)) go({ sort: first.id, dir: first.desc ? "desc" : "asc" });
    else go({ sort: search.sort, dir: search.dir === "desc" ? "asc" : "desc" });
  };

  // TanStack Table returns fresh functions on every render; this component holds no memoised state.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns: [...fixed, ...custom],
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange,
  });

  const toggleFixed = (column: ListColumn) => () => {
    const chosen = new Set(visible);
    if (chosen.has(column)) chosen.delete(column);
    else chosen.add(column);
    go({ cols: TICKET_COLUMNS.filter((c) => chosen.has(c)) });
  };
  const toggleCustom = (title: string) => () =>
    go({ cfcol: search.cfcol.includes(title) ? search.cfcol.filter((t) => t !== title) : [...search.cfcol, title] });
  const sections: ColumnSection[] = [
    ...COLUMN_GROUPS.map(([group, label]) => ({
      label,
      columns: TICKET_COLUMNS.filter((c) => LIST_COLUMNS[c].group === group && !FIXED_COLUMNS.includes(c)).map((c) => ({
        id: c,
        label: LIST_COLUMNS[c].label,
        visible: visible.includes(c),
        toggle: toggleFixed(c),
      })),
    })),
    {
      label: "Custom fields",
      columns: [...new Set([...customFieldTitles, ...search.cfcol])].map((title) => ({
        id: customColumnId(title),
        label: title,
        visible: search.cfcol.includes(title),
        toggle: toggleCustom(title),
      })),
    },
  ];

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="text-sm text-muted-foreground">{zoneNote}</div>
        <ColumnPicker sections={sections} />
      </div>
      <Table aria-label="Tickets">
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <TableHead key={header.id} aria-sort={sorted ? (sorted === "desc" ? "descending" : "ascending") : undefined}>
                    {header.column.getCanSort() ? (
                      <button type="button" className="inline-flex items-center gap-1 hover:text-foreground" onClick={header.column.getToggleSortingHandler()}>
                        {label}
                        {sorted === "desc" ? <ArrowDown className="size-3" aria-hidden /> : sorted === "asc" ? <ArrowUp className="size-3" aria-hidden /> : <ArrowUpDown className="size-3 opacity-40" aria-hidden />}
                      </button>
                    ) : (
                      label
                    )}
                  </TableHead>
                );
              })}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {table.getRowModel().rows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={fixed.length + custom.length} className="py-10 text-center text-muted-foreground">
                No tickets match these filters.
              </TableCell>
            </TableRow>
          ) : (
            table.getRowModel().rows.map((row) => (
              <TableRow key={row.id} data-testid="ticket-row">
                {row.getVisibleCells().map((c) => (
                  <TableCell key={c.id} className={c.column.id === "subject" ? "min-w-48" : "whitespace-nowrap"}>
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </TableCell>
                ))}
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
      <Pagination key={`${paging.page}-${search.size}`} search={search} paging={paging} shown={rows.length} />
    </div>
  );
}
