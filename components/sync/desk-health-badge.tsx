// One desk's health in one word, with its reason on hover and for screen readers: the same verdict
// (lib/data/desk-status.ts) on the overview, the sync monitor and the desks list.
import { Badge } from "@/components/ui/badge";
import type { DeskHealth } from "@/lib/data/desk-status";

const LOOK = {
  ok: { tone: "success", label: "Caught up" },
  "catching-up": { tone: "warning", label: "Catching up" },
  inactive: { tone: "neutral", label: "Inactive" },
  "not-connected": { tone: "warning", label: "Not connected" },
  reconnect: { tone: "error", label: "Needs reconnecting" },
  failing: { tone: "error", label: "Failing" },
  "rate-limited": { tone: "error", label: "Rate-limited" },
  stale: { tone: "error", label: "Stale" },
} as const;

export function DeskHealthBadge({ health, running }: { health: DeskHealth; running?: boolean }) {
  const look = LOOK[health.state];
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <Badge tone={look.tone} title={health.reason} data-health={health.state}>
        {look.label}
        <span className="sr-only">: {health.reason}</span>
      </Badge>
      {running && <Badge tone="warning">Syncing</Badge>}
    </span>
  );
}
