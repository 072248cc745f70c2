import { ExternalLink } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { WebhookDeliveries } from "@/app/(dashboard)/realtime-sections";
import { AutoRefresh } from "@/components/sync/auto-refresh";
import { DeskHealthBadge } from "@/components/sync/desk-health-badge";
import { SyncLag, SyncWaits } from "@/components/sync/sync-lag";
import { RateGauge } from "@/components/sync/rate-gauge";
import { SyncNowButton } from "@/components/sync/sync-now-button";
import { SyncRunsTable } from "@/components/sync/sync-runs-table";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { TimeAgo } from "@/components/ui/time-ago";
import { requireUser } from "@/lib/auth";
import { listDeskSyncStates } from "@/lib/data/desk-status";
import { inngestDashboardUrl } from "@/lib/desks";
import { listRecentSyncRuns, rateBudget, recentRequestRates } from "@/lib/data/sync-runs";
import { reconnectText } from "@/lib/validations/desk-auth";
import { syncNowAction } from "../desks/actions";

export const metadata: Metadata = { title: "Sync" };

export default async function SyncPage() {
  const user = await requireUser();
  const now = new Date();
  const desks = await listDeskSyncStates(now);
  const ids = desks.map((d) => d.id);
  const [runs, rates] = await Promise.all([listRecentSyncRuns(ids, 10, now), recentRequestRates(ids, now)]);
  const inngestUrl = inngestDashboardUrl();
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Sync</h1>
          <p className="text-sm text-muted-foreground">
            {inngestUrl ? "Inngest schedules the syncs." : "This server schedules the syncs itself (no Inngest configured)."} Recent runs per desk, newest first.
          </p>
          <AutoRefresh />
        </div>
        {inngestUrl && (
          <a href={inngestUrl} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 text-sm text-primary hover:underline">
            Inngest dashboard <ExternalLink className="size-4" aria-hidden />
          </a>
        )}
      </div>
      {desks.length === 0 && (
        <Card>
          <CardContent className="pt-5 text-sm">
            No desks to sync yet.{" "}
            {user.role === "admin" && (
              <Link href="/desks/new" className="text-primary underline">
                Add a desk
              </Link>
            )}
          </CardContent>
        </Card>
      )}
      {desks.map((desk) => (
        <Card key={desk.id} data-testid={`sync-desk-${desk.domain}`}>
          <CardHeader className="gap-3">
            <div className="flex flex-wrap items-center gap-3">
              <h2 className="text-lg font-semibold break-all">
                <Link href={`/sync/${desk.id}`} className="hover:underline">
                  {desk.domain}
                </Link>
              </h2>
              <DeskHealthBadge health={desk.health} running={desk.running} />
              {user.role === "admin" && desk.active && !desk.reconnectReason && <SyncNowButton action={syncNowAction.bind(null, desk.id)} domain={desk.domain} />}
            </div>
            <div className="grid grid-cols-2 gap-4 md:grid-cols-[1fr_1fr_2fr]">
              <SyncLag desk={desk} now={now} />
              <div>
                <div className="text-xs text-muted-foreground">Last sync ended</div>
                <div className="text-lg font-semibold">
                  <TimeAgo date={desk.lastSyncFinishedAt} now={now} />
                </div>
              </div>
              <div className="col-span-2 md:col-span-1">
                <RateGauge budget={rateBudget(desk, rates.get(desk.id) ?? 0)} label={`Rate budget used by ${desk.domain}`} />
              </div>
            </div>
            {desk.reconnectReason ? (
              <p className="text-sm text-destructive">
                {reconnectText(desk.reconnectReason)}{" "}
                {user.role === "admin" && (
                  <Link href={`/desks/${desk.id}`} className="text-primary underline">
                    Reconnect
                  </Link>
                )}
              </p>
            ) : (
              desk.lastError && <p className="text-sm text-destructive">Last error: {desk.lastError}</p>
            )}
            <SyncWaits desk={desk} now={now} />
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <WebhookDeliveries deskId={desk.id} />
            <SyncRunsTable runs={runs.get(desk.id) ?? []} now={now} caption={`Recent sync runs of ${desk.domain}`} />
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
