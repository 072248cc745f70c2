// On the ticket page: when a change of this ticket was last copied from Zendesk, and how fresh its
// desk is (which says whether there has been a change since).
import { Suspense } from "react";
import { FreshnessLine } from "@/components/realtime/desk-freshness";
import { LiveAgo } from "@/components/realtime/live-ago";
import { getTicketFreshness } from "@/lib/data/freshness";

async function Line({ ticketId }: { ticketId: string }) {
  const freshness = await getTicketFreshness(ticketId);
  if (!freshness) return null;
  const now = new Date().getTime();
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground" data-testid="ticket-freshness">
      <span>
        Last change copied <LiveAgo at={freshness.syncedAt.toISOString()} serverNow={now} />
      </span>
      <FreshnessLine desk={freshness.desk} now={now} />
    </p>
  );
}

export function TicketFreshness({ ticketId }: { ticketId: string }) {
  return (
    <Suspense fallback={null}>
      <Line ticketId={ticketId} />
    </Suspense>
  );
}
