import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeskForm } from "@/components/desks/desk-form";
import { DeskOperations } from "@/components/desks/desk-operations";
import { DeskSignInForm } from "@/components/desks/desk-sign-in-form";
import { DeskSignInSummary } from "@/components/desks/desk-sign-in-summary";
import { DeskPrivacy } from "@/components/desks/desk-privacy";
import { DeskStatusBadge } from "@/components/desks/desk-status-badge";
import { PageHeader } from "@/components/layout/page-header";
import { RealtimePanel } from "@/app/(dashboard)/realtime-sections";
import { formatDuration } from "@/components/sync/format";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { TimeAgo } from "@/components/ui/time-ago";
import { requireAdmin } from "@/lib/auth";
import { isInt4Id } from "@/lib/validations/pg-safe";
import { findDeskStatus } from "@/lib/data/desk-status";
import { oauthRedirectUri } from "@/lib/desks";
import { apiTokenNotice, CONNECT_OUTCOMES, connectMessage, reconnectLabel, type ConnectOutcome } from "@/lib/validations/desk-auth";
import { backfillAction, deleteDeskAction, setActiveAction, signInAction, syncNowAction, testConnectionAction, updateDeskAction } from "../actions";
import { requestOrigin } from "../origin";
import { setDeskPrivacyAction } from "./privacy-actions";

export const metadata: Metadata = { title: "Desk" };

type Props = { params: Promise<{ deskId: string }>; searchParams: Promise<{ created?: string; connect?: string; reason?: string }> };

/** What the page says right after the desk was added, by how the add went. */
const CREATED: Record<string, { tone: "info" | "warning"; text: string }> = {
  tested: { tone: "info", text: "Desk added: its connection to Zendesk works, and it syncs on its schedule." },
  connect: { tone: "info", text: "Desk added. Connect it with Zendesk below to authorize it; it syncs once connected." },
  inactive: { tone: "warning", text: "Desk added, inactive: its connection test failed. Fix how it signs in below, test it, then activate it." },
  untested: { tone: "info", text: "Desk added, inactive. Test its connection, then activate it when you are ready." },
};

export default async function DeskPage({ params, searchParams }: Props) {
  await requireAdmin();
  const { deskId } = await params;
  const { created, connect, reason } = await searchParams;
  const now = new Date();
  const desk = isInt4Id(deskId) ? await findDeskStatus(Number(deskId), now) : null;
  if (!desk) notFound();
  const redirectUri = oauthRedirectUri(await requestOrigin());
  const connected = CONNECT_OUTCOMES.includes(connect as ConnectOutcome) ? connectMessage(connect as ConnectOutcome, reason) : null;
  const reconnect = reconnectLabel(desk.reconnectReason);

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
        badge={<DeskStatusBadge active={desk.active} running={desk.running} lastError={desk.lastError} reconnectReason={desk.reconnectReason} />}
      >
        {desk.name && `${desk.name} · `}
        <Link href={`/sync/${desk.id}`} className="text-primary hover:underline">
          Sync runs
        </Link>
      </PageHeader>
      {connected && <Alert tone={connected.ok ? "info" : "error"}>{connected.text}</Alert>}
      {created && CREATED[created] && !connected && <Alert tone={CREATED[created].tone}>{CREATED[created].text}</Alert>}
      {reconnect === "Not connected" && (
        <Alert tone="warning" data-testid="desk-reconnect">
          Not connected yet: press <strong>Connect with Zendesk</strong> below and allow access in Zendesk; the desk syncs once connected.
        </Alert>
      )}
      {reconnect === "Needs reconnecting" && (
        <Alert data-testid="desk-reconnect">
          <strong>Needs reconnecting.</strong> {desk.reconnectReason} Nothing is requested from Zendesk for this desk until it is{" "}
          {desk.authMethod === "client_credentials" ? "given working client credentials below" : "connected again below"}.
        </Alert>
      )}
      {desk.authMethod === "api_token" && (
        <Alert tone="warning" data-testid="api-token-notice">
          {apiTokenNotice(now)}
        </Alert>
      )}
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {facts.map((fact) => (
          <div key={fact.label} className="rounded-lg border border-border p-3">
            <dt className="text-xs text-muted-foreground">{fact.label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{fact.value}</dd>
          </div>
        ))}
      </dl>
      {desk.lastError && !desk.reconnectReason && <Alert>Last error: {desk.lastError}</Alert>}
      <Card>
        <CardHeader>
          <CardTitle>Zendesk sign-in</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-5">
          <DeskSignInSummary desk={desk} now={now} />
          <DeskSignInForm
            action={signInAction.bind(null, desk.id)}
            current={desk.authMethod}
            defaults={{ clientId: desk.oauthClientId ?? "", email: desk.email ?? "" }}
            redirectUri={redirectUri}
            connected={desk.authMethod === "authorization_code" && reconnect !== "Not connected"}
          />
        </CardContent>
      </Card>
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
      <DeskPrivacy deskId={desk.id} maskPii={desk.maskPii} action={setDeskPrivacyAction} />
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
