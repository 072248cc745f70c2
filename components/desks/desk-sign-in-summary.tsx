// What the desk page says about how a desk signs in: the method, who or which client, and for OAuth
// when its access token was issued and when its tokens expire. Never a secret or a token.
import { formatDuration, formatUtc } from "@/components/sync/format";
import { TimeAgo } from "@/components/ui/time-ago";
import type { Desk } from "@/lib/data/desks";
import { AUTH_METHOD_LABELS } from "@/lib/validations/desk-auth";

function Until({ date, now }: { date: Date | null; now: Date }) {
  if (!date) return <span>never expires</span>;
  const seconds = (date.getTime() - now.getTime()) / 1000;
  return <time dateTime={date.toISOString()} title={formatUtc(date)}>{seconds > 0 ? `expires in ${formatDuration(seconds)}` : "expired"}</time>;
}

export function DeskSignInSummary({ desk, now }: { desk: Desk; now: Date }) {
  const rows: { label: string; value: React.ReactNode }[] = [{ label: "Method", value: AUTH_METHOD_LABELS[desk.authMethod] }];
  if (desk.authMethod === "api_token") {
    rows.push({ label: "Agent", value: desk.email }, { label: "API token", value: "stored encrypted" });
  } else {
    rows.push({ label: "OAuth client", value: <code className="break-all">{desk.oauthClientId}</code> });
    if (desk.oauthTokenIssuedAt) {
      rows.push({
        label: "Access token",
        value: (
          <>
            issued <TimeAgo date={desk.oauthTokenIssuedAt} now={now} />, <Until date={desk.oauthAccessTokenExpiresAt} now={now} />
          </>
        ),
      });
      if (desk.authMethod === "authorization_code") rows.push({ label: "Refresh token", value: <Until date={desk.oauthRefreshTokenExpiresAt} now={now} /> });
      if (desk.oauthScope) rows.push({ label: "Scope", value: desk.oauthScope });
    } else {
      rows.push({ label: "Access token", value: desk.authMethod === "authorization_code" ? "none yet: connect with Zendesk" : "none yet: obtained at the first request" });
    }
  }
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]" data-testid="desk-sign-in">
      {rows.map((row) => (
        <div key={row.label} className="contents">
          <dt className="text-muted-foreground">{row.label}</dt>
          <dd className="min-w-0">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
