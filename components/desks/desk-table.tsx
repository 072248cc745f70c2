// The desks list: one row per desk with its sync health, linked to its settings (admins) or runs.
import Link from "next/link";
import { DeskSignInBadge } from "@/components/desks/desk-sign-in-badge";
import { DeskStatusBadge } from "@/components/desks/desk-status-badge";
import { formatDuration } from "@/components/sync/format";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import type { DeskStatus } from "@/lib/data/desk-status";
import { ErrorText } from "@/components/ui/error-text";

export function DeskTable({ desks, now, canManage }: { desks: DeskStatus[]; now: Date; canManage: boolean }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Desk</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Sign-in</TableHead>
          <TableHead>Last sync</TableHead>
          <TableHead>Lag</TableHead>
          <TableHead className="text-right">Tickets</TableHead>
          <TableHead>Last error</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {desks.map((desk) => (
          <TableRow key={desk.id} data-testid={`desk-row-${desk.domain}`}>
            <TableCell className="font-medium">
              {/* Viewers cannot manage a desk, so their link goes to its sync runs instead. */}
              <Link href={canManage ? `/desks/${desk.id}` : `/sync/${desk.id}`} className="text-primary hover:underline">
                {desk.domain}
              </Link>
              {desk.name && <div className="text-xs font-normal text-muted-foreground">{desk.name}</div>}
            </TableCell>
            <TableCell>
              <DeskStatusBadge active={desk.active} running={desk.running} lastError={desk.lastError} reconnectReason={desk.reconnectReason} />
            </TableCell>
            <TableCell>
              <DeskSignInBadge method={desk.authMethod} now={now} />
            </TableCell>
            <TableCell className="whitespace-nowrap">
              <TimeAgo date={desk.lastSyncFinishedAt} now={now} />
            </TableCell>
            <TableCell className="whitespace-nowrap tabular-nums">{desk.lagSeconds === null ? "—" : formatDuration(desk.lagSeconds)}</TableCell>
            <TableCell className="text-right tabular-nums">{desk.tickets.toLocaleString("en-US")}</TableCell>
            <TableCell className="max-w-xs">
              <ErrorText message={desk.reconnectReason ?? desk.lastError} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
