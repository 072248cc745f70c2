import { Badge } from "@/components/ui/badge";

export function DeskStatusBadge({ active, running, lastError }: { active: boolean; running: boolean; lastError: string | null }) {
  if (!active) return <Badge>Inactive</Badge>;
  if (running) return <Badge tone="warning">Syncing</Badge>;
  if (lastError) return <Badge tone="error">Failing</Badge>;
  return <Badge tone="success">Active</Badge>;
}
