"use client";
// The ticket list: TanStack Table in manual mode. The server sorts, filters and pages; this component
// only turns header clicks, column choices and page links into URLs, so every view is a link.
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
  type Updater,
  type VisibilityState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ColumnPicker } from "@/components/tickets/column-picker";
import { formatDateTime, STATUS_TONE } from "@/components/tickets/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TicketListRow } from "@/lib/data/ticket-search";
import {
  PAGE_SIZES,
  SORT_KEYS,
  TICKET_COLUMNS,
  ticketSearchHref,
  visibleColumns,
  type SortKey,
  type TicketColumn,
  type TicketSearch,
} from "@/lib/validations/ticket-search";

export const COLUMN_LABELS: Record<TicketColumn, string> = {
  id: "#",
  subject: "Subject",
  status: "Status",
  priority: "Priority",
  type: "Type",
  assignee: "Assignee",
  group: "Group",
  organization: "Organization",
  requester: "Requester",
  desk: "Desk",
  via: "Channel",
  tags: "Tags",
  created: "Created",
  updated: "Updated",
  solved: "Solved",
};

const isSortKey = (id: string): id is SortKey => (SORT_KEYS as readonly string[]).includes(id);

function cell(column: TicketColumn, row: TicketListRow, deskNames: Record<number, string>): React.ReactNode {
  switch (column) {
    case "id":
      return <span className="tabular-nums text-muted-foreground">{row.zendeskId}</span>;
    case "subject":
      return (
        <Link href={`/tickets/${row.id}`} className="font-medium hover:underline">
          {row.subject || "(no subject)"}
          {row.deleted && <Badge className="ml-2" tone="error">deleted</Badge>}
        </Link>
      );
    case "status":
      return row.status ? <Badge tone={STATUS_TONE[row.status] ?? "neutral"}>{row.status}</Badge> : null;
    case "desk":
      return deskNames[row.deskId] ?? row.domain;
    case "tags":
      return row.tags.join(", ");
    case "created":
    case "updated":
    case "solved":
      return <span className="tabular-nums whitespace-nowrap">{formatDateTime(row[column])}</span>;
    default:
      return row[column];
  }
}

export function TicketTable({
  rows,
  search,
  next,
  prev,
  deskNames,
}: {
  rows: TicketListRow[];
  search: TicketSearch;
  next: string | null;
  prev: string | null;
  deskNames: Record<number, string>;
}) {
  const router = useRouter();
  const visible = visibleColumns(search);
  const sorting: SortingState = [{ id: search.sort, desc: search.dir === "desc" }];
  const columnVisibility: VisibilityState = Object.fromEntries(TICKET_COLUMNS.map((c) => [c, visible.includes(c)]));
  const go = (patch: Partial<TicketSearch>) => router.push(ticketSearchHref({ ...search, after: undefined, before: undefined, ...patch }));

  const columns: ColumnDef<TicketListRow>[] = TICKET_COLUMNS.map((column) => ({
    id: column,
    // TanStack only offers sorting on columns with an accessor; the value itself is never read here.
    ...(isSortKey(column) ? { accessorFn: (row: TicketListRow) => row[column === "id" ? "zendeskId" : column] } : {}),
    header: COLUMN_LABELS[column],
    enableSorting: isSortKey(column),
    enableHiding: column !== "id" && column !== "subject",
    cell: ({ row }) => cell(column, row.original, deskNames),
  }));

  const onSortingChange = (updater: Updater<SortingState>) => {
    const [first] = typeof updater === "function" ? updater(sorting) : updater;
    // Clicking the sorted column flips it; TanStack offers "unsorted" as a third state, which a
    // keyset-paged list cannot have, so that becomes ascending again.
    if (first && isSortKey(first.id)) go({ sort: first.id, dir: first.desc ? "desc" : "asc" });
    else go({ sort: search.sort, dir: search.dir === "desc" ? "asc" : "desc" });
  };
  const onColumnVisibilityChange = (updater: Updater<VisibilityState>) => {
    const state = typeof updater === "function" ? updater(columnVisibility) : updater;
    go({ cols: TICKET_COLUMNS.filter((c) => state[c]) });
  };

  // TanStack Table returns fresh functions on every render; this component holds no memoised state.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableSortingRemoval: false,
    state: { sorting, columnVisibility },
    onSortingChange,
    onColumnVisibilityChange,
  });

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-end gap-2">
        <ColumnPicker
          columns={table
            .getAllLeafColumns()
            .filter((c) => c.getCanHide())
            .map((c) => ({ id: c.id, label: COLUMN_LABELS[c.id as TicketColumn], visible: c.getIsVisible(), toggle: () => c.toggleVisibility() }))}
        />
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
              <TableCell colSpan={visible.length} className="py-10 text-center text-muted-foreground">
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
      <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2">
        <label className="flex items-center gap-2 text-sm text-muted-foreground">
          Rows per page
          <select
            className="h-8 rounded-md border border-input bg-background px-2 text-sm"
            value={search.size}
            onChange={(e) => go({ size: Number(e.target.value) as TicketSearch["size"] })}
          >
            {PAGE_SIZES.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <div className="flex gap-2">
          <PageLink href={prev ? ticketSearchHref({ ...search, after: undefined, before: prev }) : null} label="Previous page">
            <ChevronLeft aria-hidden /> Previous
          </PageLink>
          <PageLink href={next ? ticketSearchHref({ ...search, before: undefined, after: next }) : null} label="Next page">
            Next <ChevronRight aria-hidden />
          </PageLink>
        </div>
      </nav>
    </div>
  );
}

function PageLink({ href, label, children }: { href: string | null; label: string; children: React.ReactNode }) {
  if (!href) {
    return (
      <Button variant="outline" size="sm" disabled aria-label={label}>
        {children}
      </Button>
    );
  }
  return (
    <Button variant="outline" size="sm" asChild>
      <Link href={href} aria-label={label}>
        {children}
      </Link>
    </Button>
  );
}
