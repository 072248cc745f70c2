// How current a desk's copy is, and why a sync is standing still: the lag since the last catch-up and
// the rate-limit waits, in the words every sync page uses.
import { Clock } from "lucide-react";
import { formatClock, formatDuration } from "@/components/sync/format";
import type { DeskSyncState } from "@/lib/data/desk-status";

export function SyncLag({ desk, now }: { desk: DeskSyncState; now: Date }) {
  return (
    <div>
      <div className="text-xs text-muted-foreground">Lag (since the last catch-up)</div>
      <div className="text-lg font-semibold tabular-nums" data-testid="sync-lag">
        {desk.lagSeconds === null ? "not caught up yet" : formatDuration(desk.lagSeconds)}
      </div>
      {desk.lastCaughtUpAt && (
        <div className="text-xs text-muted-foreground" title={desk.lastCaughtUpAt.toISOString()}>
          caught up at {formatClock(desk.lastCaughtUpAt)}
          {now.getTime() - desk.lastCaughtUpAt.getTime() > 86_400_000 ? ` on ${desk.lastCaughtUpAt.toISOString().slice(0, 10)}` : ""}
        </div>
      )}
    </div>
  );
}

/** Nothing when the desk is not waiting; else until when, to the second. */
export function SyncWaits({ desk, now }: { desk: DeskSyncState; now: Date }) {
  const blocked = desk.retryAfterUntil && desk.retryAfterUntil > now ? desk.retryAfterUntil : null;
  if (!desk.waitingUntil && !blocked) return null;
  return (
    <div className="flex flex-col gap-1 text-sm text-warning" role="status" data-testid="sync-waiting">
      {desk.waitingUntil && (
        <p className="flex items-center gap-1.5">
          <Clock className="size-4" aria-hidden /> Waiting for Zendesk&apos;s rate limit until {formatClock(desk.waitingUntil)}.
        </p>
      )}
      {blocked && <p>Zendesk asked to wait (429): no requests until {formatClock(blocked)}.</p>}
    </div>
  );
}
