import { formatUtc } from "@/components/sync/format";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import type { SyncRunRow } from "@/lib/data/sync-runs";
import { ErrorText } from "@/components/ui/error-text";

const statusTone = { running: "warning", succeeded: "success", failed: "error" } as const;

export function SyncRunsTable({ runs, now, caption }: { runs: SyncRunRow[]; now: Date; caption: string }) {
  if (runs.length === 0) return <p className="text-sm text-muted-foreground">No sync has run yet.</p>;
  const numbers = ["pages", "rows", "comments", "requests", "rateLimited", "badItems"] as const;
  const headings = { pages: "Pages", rows: "Tickets", comments: "Comments", requests: "Requests", rateLimited: "429s", badItems: "Bad items" };
  return (
    <Table aria-label={caption}>
      <TableHeader>
        <TableRow>
          <TableHead>Started</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Trigger</TableHead>
          <TableHead className="text-right">Duration</TableHead>
          {numbers.map((key) => (
            <TableHead key={key} className="text-right">
              {headings[key]}
            </TableHead>
          ))}
          <TableHead>Error</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {runs.map((run) => (
          <TableRow key={run.id}>
            <TableCell className="whitespace-nowrap" title={formatUtc(run.startedAt)}>
              <TimeAgo date={run.startedAt} now={now} />
            </TableCell>
            <TableCell>
              <Badge tone={statusTone[run.status]}>{run.status}</Badge>
            </TableCell>
            <TableCell className="text-muted-foreground">{run.trigger}</TableCell>
            <TableCell className="text-right tabular-nums whitespace-nowrap">{run.seconds} s</TableCell>
            {numbers.map((key) => (
              <TableCell key={key} className={key === "rateLimited" && run[key] > 0 ? "text-right tabular-nums text-warning" : "text-right tabular-nums"}>
                {run[key].toLocaleString("en-US")}
              </TableCell>
            ))}
            <TableCell className="max-w-xs">
              <ErrorText message={run.error} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
