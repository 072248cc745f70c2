import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { WebhookDeliveries } from "@/app/(dashboard)/realtime-sections";
import { AutoRefresh } from "@/components/sync/auto-refresh";
import { DeskHealthBadge } from "@/components/sync/desk-health-badge";
import { RateGauge } from "@/components/sync/rate-gauge";
import { SyncLag, SyncWaits } from "@/components/sync/sync-lag";
import { SyncRunsTable } from "@/components/sync/sync-runs-table";
import { requireUser } from "@/lib/auth";
import { isInt4Id } from "@/lib/validations/pg-safe";
import { findDeskSyncState } from "@/lib/data/desk-status";
import { listRecentSyncRuns, rateBudget, recentRequestRates } from "@/lib/data/sync-runs";
import { reconnectText } from "@/lib/validations/desk-auth";

export const metadata: Metadata = { title: "Sync runs" };

const ENTRIES = 100;

export default async function DeskSyncPage({ params }: { params: Promise<{ deskId: string }> }) {
  const user = await requireUser();
  const { deskId } = await params;
  const now = new Date();
  const desk = isInt4Id(deskId) ? await findDeskSyncState(Number(deskId), now) : null;
  if (!desk) notFound();
  const [runs, rates] = await Promise.all([listRecentSyncRuns([desk.id], ENTRIES, now), recentRequestRates([desk.id], now)]);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <PageHeader back={{ href: "/sync", label: "Sync" }} title={desk.domain} badge={<DeskHealthBadge health={desk.health} running={desk.running} />}>
          {desk.health.reason} · the last {ENTRIES} entries (runs that found nothing new are folded together).{" "}
          {user.role === "admin" && (
            <Link href={`/desks/${desk.id}`} className="text-primary hover:underline">
              Manage this desk
            </Link>
          )}
        </PageHeader>
        <AutoRefresh />
      </div>
      {desk.reconnectReason && (
        <p className="text-sm text-destructive" data-testid="sync-reconnect">
          {reconnectText(desk.reconnectReason)} No request goes to Zendesk for this desk until an admin reconnects it.
        </p>
      )}
      <div className="grid max-w-3xl gap-4 sm:grid-cols-2">
        <SyncLag desk={desk} now={now} />
        <RateGauge budget={rateBudget(desk, rates.get(desk.id) ?? 0)} label={`Rate budget used by ${desk.domain}`} />
      </div>
      <SyncWaits desk={desk} now={now} />
      <WebhookDeliveries deskId={desk.id} />
      <SyncRunsTable runs={runs.get(desk.id) ?? []} now={now} caption={`Sync runs of ${desk.domain}`} />
    </div>
  );
}
