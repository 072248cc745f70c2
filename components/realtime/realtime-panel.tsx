// The desk page's real-time card: whether Zendesk sends ticket changes here (the webhook, where it
// delivers), the public address it would use, the on/off buttons, the last deliveries, and the
// account's export limit. Reads its own data, so the desk page only places it.
import { Suspense } from "react";
import { disableRealtimeAction, enableRealtimeAction, exportLimitAction } from "@/app/(dashboard)/desks/realtime-actions";
import { LiveAgo } from "@/components/realtime/live-ago";
import { ExportLimitForm, RealtimeButtons } from "@/components/realtime/realtime-controls";
import { WebhookDeliveries } from "@/components/realtime/webhook-deliveries";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { findDeskRealtime } from "@/lib/data/desk-realtime";
import { publicAppUrl } from "@/lib/desks";
import { webhookEndpoint } from "@/lib/validations/app-url";

async function Panel({ deskId }: { deskId: number }) {
  const realtime = await findDeskRealtime(deskId);
  if (!realtime) return null;
  const appUrl = publicAppUrl();
  const endpoint = appUrl.ok ? webhookEndpoint(appUrl.url, deskId) : null;
  const on = realtime.webhookId !== null;
  const now = new Date().getTime();
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
            the app creates with the desk&apos;s token, which must be a Zendesk admin&apos;s).
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
        <WebhookDeliveries deskId={deskId} />
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

export function RealtimePanel({ deskId }: { deskId: number }) {
  return (
    <Suspense fallback={null}>
      <Panel deskId={deskId} />
    </Suspense>
  );
}
