// Every desk's health at a glance on the overview: green when caught up, red when failing,
// rate-limited or stale, with the reason and a way to its sync runs.
import { AlertTriangle } from "lucide-react";
import Link from "next/link";
import { DeskHealthBadge } from "@/components/sync/desk-health-badge";
import { Card, CardContent } from "@/components/ui/card";
import type { DeskSyncState } from "@/lib/data/desk-status";
import { cn } from "@/lib/utils";

const RED = new Set(["reconnect", "failing", "rate-limited", "stale"]);

export function DeskHealthStrip({ desks }: { desks: DeskSyncState[] }) {
  if (desks.length === 0) return null;
  const failing = desks.filter((d) => RED.has(d.health.state));
  return (
    <section aria-label="Desk health" className="flex flex-col gap-3" data-testid="desk-health">
      {failing.length > 0 && (
        <div role="alert" className="flex items-start gap-2 rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
          <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p>
            {failing.length === 1 ? "1 desk needs attention" : `${failing.length} desks need attention`}: the numbers below may be behind for{" "}
            {failing.map((d) => d.name ?? d.domain).join(", ")}.
          </p>
        </div>
      )}
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {desks.map((desk) => (
          <li key={desk.id}>
            <Card className={cn("h-full", RED.has(desk.health.state) && "border-destructive/60 bg-destructive/5")} data-testid={`desk-health-${desk.domain}`}>
              <CardContent className="flex flex-col gap-1.5 pt-4">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <Link href={`/sync/${desk.id}`} className="font-medium break-all hover:underline">
                    {desk.name ?? desk.domain}
                  </Link>
                  <DeskHealthBadge health={desk.health} running={desk.running} />
                </div>
                <p className="line-clamp-2 text-xs break-words text-muted-foreground" title={desk.health.reason}>
                  {desk.health.reason}
                </p>
              </CardContent>
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
