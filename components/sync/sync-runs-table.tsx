import { formatUtc } from "@/components/sync/format";
import { Badge } from "@/components/ui/badge";
import { ErrorText } from "@/components/ui/error-text";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import type { IdleRuns, SyncRunEntry, SyncRunRow } from "@/lib/data/sync-runs";

const statusTone = { running: "warning", succeeded: "success", failed: "error" } as const;
const numbers = ["pages", "rows", "comments", "requests", "rateLimited", "badItems"] as const;
const headings = { pages: "Pages", rows: "Tickets", comments: "Comments", requests: "Requests", rateLimited: "429s", badItems: "Bad items" };

/** A desk's recent runs, newest first; runs that found nothing new fold into one line. */
export function SyncRunsTable({ runs, now, caption }: { runs: SyncRunEntry[]; now: Date; caption: string }) {
  if (runs.length === 0) return <p className="text-sm text-muted-foreground">No sync has run yet.</p>;
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
      <TableBody>{runs.map((entry) => (entry.kind === "idle" ? <IdleRow key={`idle-${entry.id}`} idle={entry} now={now} /> : <RunRow key={entry.id} run={entry} now={now} />))}</TableBody>
    </Table>
  );
}

function RunRow({ run, now }: { run: SyncRunRow; now: Date }) {
  return (
    <TableRow>
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
  );
}

function IdleRow({ idle, now }: { idle: IdleRuns; now: Date }) {
  return (
    <TableRow data-testid="idle-runs" className="text-muted-foreground">
      <TableCell className="whitespace-nowrap" title={`${formatUtc(idle.firstStartedAt)} – ${formatUtc(idle.lastStartedAt)}`}>
        <TimeAgo date={idle.lastStartedAt} now={now} />
      </TableCell>
      <TableCell>
        <Badge>no changes</Badge>
      </TableCell>
      <TableCell colSpan={2 + numbers.length + 1}>
        {idle.count === 1 ? "1 run" : `${idle.count.toLocaleString("en-US")} runs`} found nothing new in Zendesk
        {idle.count > 1 && (
          <>
            {" "}
            since <TimeAgo date={idle.firstStartedAt} now={now} />
          </>
        )}{" "}
        ({idle.requests.toLocaleString("en-US")} requests).
      </TableCell>
    </TableRow>
  );
}
