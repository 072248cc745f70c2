// How a desk signs in, for the desk list: OAuth quietly, an API token with the days it has left.
import { Badge } from "@/components/ui/badge";
import type { DeskAuthMethod } from "@/lib/validations/desk";
import { API_TOKEN_SHUTOFF_TEXT, apiTokenDaysLeft, AUTH_METHOD_LABELS } from "@/lib/validations/desk-auth";

export function DeskSignInBadge({ method, now }: { method: DeskAuthMethod; now: Date }) {
  if (method !== "api_token") return <span className="text-sm whitespace-nowrap">{AUTH_METHOD_LABELS[method]}</span>;
  const days = apiTokenDaysLeft(now);
  return (
    <Badge tone="warning" title={`Zendesk turns API tokens off on ${API_TOKEN_SHUTOFF_TEXT}`}>
      API token · {days === 0 ? "turned off" : `${days} day${days === 1 ? "" : "s"} left`}
    </Badge>
  );
}
