// On the ticket page: when a change of this ticket was last copied from Zendesk, and how fresh its
// desk is (which says whether there has been a change since).
import { FreshnessLine } from "@/components/realtime/desk-freshness";
import { LiveAgo } from "@/components/realtime/live-ago";
import type { TicketFreshness as Freshness } from "@/lib/data/freshness";

export function TicketFreshnessLine({ freshness, now }: { freshness: Freshness; now: number }) {
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground" data-testid="ticket-freshness">
      <span>
        Last change copied <LiveAgo at={freshness.syncedAt.toISOString()} serverNow={now} />
      </span>
      <FreshnessLine desk={freshness.desk} now={now} />
    </p>
  );
}
