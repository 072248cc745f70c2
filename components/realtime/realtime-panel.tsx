// The desk page's real-time card: whether Zendesk sends ticket changes here (the webhook, where it
// delivers), the public address it would use, the on/off buttons, the last deliveries, and the
// account's export limit. Its data comes from app/(dashboard)/realtime-sections.tsx, which streams it in.
import type { ReactNode } from "react";
import { disableRealtimeAction, enableRealtimeAction, exportLimitAction } from "@/app/(dashboard)/desks/realtime-actions";
import { LiveAgo } from "@/components/realtime/live-ago";
import { ExportLimitForm, RealtimeButtons } from "@/components/realtime/realtime-controls";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { DeskRealtime } from "@/lib/data/desk-realtime";
import { webhookEndpoint, type checkAppUrl } from "@/lib/validations/app-url";

export function RealtimeCard({ deskId, realtime, appUrl, deliveries, now }: {
  deskId: number;
  realtime: DeskRealtime;
  appUrl: ReturnType<typeof checkAppUrl>;
  /** The webhook's recent deliveries, drawn by the page. */
  deliveries: ReactNode;
  now: number;
}) {
  const endpoint = appUrl.ok ? webhookEndpoint(appUrl.url, deskId) : null;
  const on = realtime.webhookId !== null;
  return (
    <Card data-testid="realtime-panel">
      <CardHeader className="flex-row flex-wrap items-center gap-2">
        <CardTitle>Real-time</CardTitle>
        <Badge tone={on ? "success" : "neutral"}>{on ? "on" : "off"}</Badge>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 text-sm">
        {on ? (
          <p className="break-words">
            Zendesk sends every ticket change to <code className="break-all">{realtime.webhookEndpoint}</code> (webhook{" "}
            <code className="break-all">{realtime.webhookId}</code>
            {realtime.realtimeSince && (
              <>
                , on since <LiveAgo at={realtime.realtimeSince.toISOString()} serverNow={now} />
              </>
            )}
            ); each changed ticket is fetched within seconds. The export runs go on as the safety net.
          </p>
        ) : (
          <p>
            Off: changes arrive with the export runs. Turned on, Zendesk sends each ticket change to this app as it happens (a webhook
            the app creates with the desk&apos;s sign-in, which must be a Zendesk admin&apos;s and, with OAuth, include the webhooks:write scope).
          </p>
        )}
        <div className="flex flex-col gap-1">
          <span className="text-xs text-muted-foreground">Public address of this app (APP_URL)</span>
          {appUrl.ok ? <code className="break-all">{appUrl.url}</code> : <Alert>{appUrl.error}</Alert>}
          {on && endpoint && realtime.webhookEndpoint !== endpoint && (
            <Alert>APP_URL has changed since the webhook was made: set it up again so Zendesk delivers to {endpoint}.</Alert>
          )}
        </div>
        <RealtimeButtons
          on={on}
          canTurnOn={appUrl.ok}
          enable={enableRealtimeAction.bind(null, deskId)}
          disable={disableRealtimeAction.bind(null, { id: deskId, forget: false })}
          forget={disableRealtimeAction.bind(null, { id: deskId, forget: true })}
        />
        {deliveries}
        <div className="flex flex-col gap-1">
          <ExportLimitForm action={exportLimitAction.bind(null, deskId)} current={realtime.exportLimitPerMinute ?? 10} />
          <p className="text-xs text-muted-foreground">
            Every process of this install shares it (kept in the database).{" "}
            {realtime.exportLimitPerMinute === null ? "Not known yet: 10 is assumed until Test connection reads the plan." : ""}
          </p>
        </div>
      </CardContent>
    </Card>
  );
}
