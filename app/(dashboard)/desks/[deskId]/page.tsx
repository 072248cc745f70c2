import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeskForm } from "@/components/desks/desk-form";
import { DeskOperations } from "@/components/desks/desk-operations";
import { DeskStatusBadge } from "@/components/desks/desk-status-badge";
import { RealtimePanel } from "@/components/realtime/realtime-panel";
import { formatDuration } from "@/components/sync/format";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { TimeAgo } from "@/components/ui/time-ago";
import { requireAdmin } from "@/lib/auth";
import { findDeskStatus } from "@/lib/data/desk-status";
import { backfillAction, deleteDeskAction, setActiveAction, syncNowAction, testConnectionAction, updateDeskAction } from "../actions";
import { PageHeader } from "@/components/layout/page-header";

export const metadata: Metadata = { title: "Desk" };

type Props = { params: Promise<{ deskId: string }>; searchParams: Promise<{ created?: string }> };

export default async function DeskPage({ params, searchParams }: Props) {
  await requireAdmin();
  const { deskId } = await params;
  const { created } = await searchParams;
  const now = new Date();
  const desk = /^\d{1,9}$/.test(deskId) ? await findDeskStatus(Number(deskId), now) : null;
  if (!desk) notFound();

  const facts = [
    { label: "Last sync", value: <TimeAgo date={desk.lastSyncFinishedAt} now={now} /> },
    { label: "Last success", value: <TimeAgo date={desk.lastSuccessAt} now={now} /> },
    { label: "Lag", value: desk.lagSeconds === null ? "—" : formatDuration(desk.lagSeconds) },
    { label: "Tickets", value: desk.tickets.toLocaleString("en-US") },
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        back={{ href: "/desks", label: "Desks" }}
        title={desk.domain}
        badge={<DeskStatusBadge active={desk.active} running={desk.running} lastError={desk.lastError} />}
      >
        {desk.name && `${desk.name} · `}
        <Link href={`/sync/${desk.id}`} className="text-primary hover:underline">
          Sync runs
        </Link>
      </PageHeader>
      {created && <Alert tone="info">Desk added. Test the connection to check the token.</Alert>}
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {facts.map((fact) => (
          <div key={fact.label} className="rounded-lg border border-border p-3">
            <dt className="text-xs text-muted-foreground">{fact.label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{fact.value}</dd>
          </div>
        ))}
      </dl>
      {desk.lastError && <Alert>Last error: {desk.lastError}</Alert>}
      <Card>
        <CardHeader>
          <CardTitle>Operations</CardTitle>
        </CardHeader>
        <CardContent>
          <DeskOperations
            domain={desk.domain}
            active={desk.active}
            testConnection={testConnectionAction.bind(null, desk.id)}
            syncNow={syncNowAction.bind(null, desk.id)}
            setActive={setActiveAction.bind(null, { id: desk.id, active: !desk.active })}
            backfill={backfillAction.bind(null, desk.id)}
            remove={deleteDeskAction.bind(null, desk.id)}
          />
        </CardContent>
      </Card>
      <RealtimePanel deskId={desk.id} />
      <Card>
        <CardHeader>
          <CardTitle>Settings</CardTitle>
        </CardHeader>
        <CardContent>
          <DeskForm
            mode="edit"
            action={updateDeskAction.bind(null, desk.id)}
            defaults={{
              address: desk.baseUrl,
              name: desk.name ?? "",
              email: desk.email,
              waitIntervalSeconds: String(desk.waitIntervalSeconds),
              rateLimitPerMinute: desk.rateLimitPerMinute === null ? "" : String(desk.rateLimitPerMinute),
              rateLimitShare: String(desk.rateLimitShare),
            }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
