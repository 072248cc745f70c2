// "acme: updated 3 s ago · real-time", one line per active desk, for the ticket list (its page streams
// it in without being held back: app/(dashboard)/realtime-sections.tsx).
import { Zap } from "lucide-react";
import { LiveAgo } from "@/components/realtime/live-ago";
import type { DeskFreshness as Freshness } from "@/lib/data/freshness";

export function FreshnessLine({ desk, now }: { desk: Freshness; now: number }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-x-1.5" data-testid={`freshness-${desk.deskId}`}>
      <span className="font-medium text-foreground">{desk.name}</span>
      {desk.updatedAt ? (
        <span>
          updated <LiveAgo at={desk.updatedAt.toISOString()} serverNow={now} />
        </span>
      ) : (
        <span>not synced yet</span>
      )}
      {desk.realtime && (
        <span className="inline-flex items-center gap-0.5 text-success" title="Zendesk sends each ticket change as it happens (webhook)">
          <Zap className="size-3.5" aria-hidden /> real-time
        </span>
      )}
      {desk.queued > 0 && <span>· {desk.queued.toLocaleString("en-US")} changes arriving</span>}
    </span>
  );
}

/** Every active desk's freshness. */
export function DeskFreshnessLines({ desks, now }: { desks: Freshness[]; now: number }) {
  if (desks.length === 0) return null;
  return (
    <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground" aria-label="How fresh the data is">
      {desks.map((desk) => (
        <FreshnessLine key={desk.deskId} desk={desk} now={now} />
      ))}
    </p>
  );
}
