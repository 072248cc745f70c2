// On the sync monitor, beside a desk's export runs: what its Zendesk webhook delivered in the last
// hour (received, refused and why, the last one) and what fetching the changed tickets cost.
import { LiveAgo } from "@/components/realtime/live-ago";
import type { WebhookActivity } from "@/lib/data/freshness";

const REASONS: Record<string, string> = {
  "bad-signature": "bad signature",
  "stale-timestamp": "old timestamp",
  replay: "replay",
  "too-large": "too large",
  malformed: "not JSON",
};

export function WebhookDeliveriesSummary({ deskId, activity, now }: { deskId: number; activity: WebhookActivity; now: number }) {
  const refused = activity.refused.reduce((sum, r) => sum + r.count, 0);
  const received = activity.accepted + activity.ignored + refused;
  if (!activity.realtime && received === 0) {
    return <p className="text-xs text-muted-foreground">Real-time off: changes arrive with the export runs.</p>;
  }
  const facts = [
    { label: "Received", value: received.toLocaleString("en-US") },
    {
      label: "Refused",
      value: refused ? `${refused} (${activity.refused.map((r) => `${REASONS[r.reason] ?? r.reason} ${r.count}`).join(", ")})` : "0",
      tone: refused ? "text-destructive" : undefined,
    },
    { label: "Tickets fetched", value: `${activity.fetchedTickets.toLocaleString("en-US")} in ${activity.fetchRequests} req${activity.overflows ? `, ${activity.overflows} bursts to export` : ""}` },
  ];
  return (
    <section aria-label="Webhook deliveries" data-testid={`webhook-deliveries-${deskId}`} className="flex flex-col gap-2 rounded-md border border-border p-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">Webhook deliveries{activity.realtime ? "" : " (real-time now off)"}</span>
        <span className="text-xs text-muted-foreground">
          last hour · last one {activity.lastDeliveryAt ? <LiveAgo at={activity.lastDeliveryAt.toISOString()} serverNow={now} /> : "never"}
        </span>
      </div>
      <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
        {facts.map((fact) => (
          <div key={fact.label}>
            <dt className="text-xs text-muted-foreground">{fact.label}</dt>
            <dd className={`tabular-nums ${fact.tone ?? ""}`}>{fact.value}</dd>
          </div>
        ))}
      </dl>
      {activity.lastRefusal && (
        <p className="text-xs text-muted-foreground">
          Last refusal: {REASONS[activity.lastRefusal.reason] ?? activity.lastRefusal.reason}, <LiveAgo at={activity.lastRefusal.at.toISOString()} serverNow={now} />.
        </p>
      )}
    </section>
  );
}
