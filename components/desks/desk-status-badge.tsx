import { Badge } from "@/components/ui/badge";
import { reconnectLabel } from "@/lib/validations/desk-auth";

export function DeskStatusBadge({
  active,
  running,
  lastError,
  reconnectReason = null,
}: {
  active: boolean;
  running: boolean;
  lastError: string | null;
  /** Zendesk refused the desk's grant (or it was never connected): nothing syncs until it is reconnected. */
  reconnectReason?: string | null;
}) {
  if (!active) return <Badge>Inactive</Badge>;
  const reconnect = reconnectLabel(reconnectReason);
  if (reconnect) return <Badge tone="error">{reconnect}</Badge>;
  if (running) return <Badge tone="warning">Syncing</Badge>;
  if (lastError) return <Badge tone="error">Failing</Badge>;
  return <Badge tone="success">Active</Badge>;
}
