// The agents table: sortable by every column (links, so a sorted view is a shareable URL), one page
// at a time, every number a link to the tickets it counts.
import { ArrowDown, ArrowUp } from "lucide-react";
import Link from "next/link";
import { formatCount, formatMinutes, formatPercent } from "@/components/charts/format";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AgentRow } from "@/lib/data/agents";
import { agentsViewParams, type AgentSort, type AgentsView } from "@/lib/validations/agents-view";
import { dashboardHref, solvedIn, ticketsHref, type DashboardFilter } from "@/lib/validations/dashboard-filter";
import type { DayRange } from "@/lib/validations/period";
import { NONE, OPEN_STATUSES } from "@/lib/validations/ticket-search";

const COLUMNS: { sort: AgentSort; label: string; numeric: boolean }[] = [
  { sort: "name", label: "Agent", numeric: false },
  { sort: "solved", label: "Solved", numeric: true },
  { sort: "reply", label: "First reply (median)", numeric: true },
  { sort: "resolution", label: "Full resolution (median)", numeric: true },
  { sort: "reopened", label: "Reopened", numeric: true },
  { sort: "csat", label: "CSAT", numeric: true },
  { sort: "open", label: "Unsolved now", numeric: true },
];

type Props = { rows: AgentRow[]; view: AgentsView; filter: DashboardFilter; period: DayRange; deskNames: Map<number, string> | null };

export function AgentsTable({ rows, view, filter, period, deskNames }: Props) {
  const sortHref = (sort: AgentSort) =>
    dashboardHref("/agents", filter, agentsViewParams({ sort, dir: view.sort === sort ? (view.dir === "asc" ? "desc" : "asc") : undefined }));
  const assignee = (row: AgentRow) => [row.agentId ?? NONE];
  const desks = (row: AgentRow) => (row.deskId === null ? filter.desk : [row.deskId]);
  return (
    <Table aria-label="Agents">
      <TableHeader>
        <TableRow>
          {COLUMNS.map((column) => (
            <TableHead
              key={column.sort}
              className={column.numeric ? "text-right" : undefined}
              aria-sort={view.sort === column.sort ? (view.dir === "asc" ? "ascending" : "descending") : undefined}
            >
              <Link href={sortHref(column.sort)} className="inline-flex items-center gap-1 hover:underline">
                {column.label}
                {view.sort === column.sort && (view.dir === "asc" ? <ArrowUp className="size-3" aria-hidden /> : <ArrowDown className="size-3" aria-hidden />)}
              </Link>
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={`${row.deskId}-${row.agentId}`} data-testid="agent-row">
            <TableCell className="font-medium">
              {row.name}
              {deskNames && row.deskId !== null && <div className="text-xs font-normal text-muted-foreground">{deskNames.get(row.deskId)}</div>}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              <Link href={ticketsHref(desks(row), { ...solvedIn(period), assignee: assignee(row) })} className="hover:underline">
                {formatCount(row.solved)}
              </Link>
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatMinutes(row.replyMedianMinutes)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatMinutes(row.resolutionMedianMinutes)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatCount(row.reopened)}</TableCell>
            <TableCell className="text-right tabular-nums" title={`${row.good} good, ${row.bad} bad`}>
              {formatPercent(row.csat)}
              {row.good + row.bad > 0 && <span className="ml-1 text-xs text-muted-foreground">({row.good}/{row.good + row.bad})</span>}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              <Link href={ticketsHref(desks(row), { status: [...OPEN_STATUSES], assignee: assignee(row) })} className="hover:underline">
                {formatCount(row.open)}
              </Link>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
