"use client";

import { RefreshCw } from "lucide-react";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { RepairOutcome } from "@/lib/data/ticket-repair";

export function RefreshCommentsButton({ action }: { action: () => Promise<RepairOutcome> }) {
  const [outcome, run, pending] = useActionState<RepairOutcome | null>(() => action(), null);
  return (
    <form action={run} className="flex flex-wrap items-center gap-2">
      {outcome && (
        <p role={outcome.ok ? "status" : "alert"} className={outcome.ok ? "text-sm text-muted-foreground" : "text-sm text-destructive"}>
          {outcome.message}
        </p>
      )}
      <Button type="submit" variant="outline" size="sm" disabled={pending}>
        <RefreshCw className={pending ? "animate-spin" : undefined} aria-hidden /> {pending ? "Refreshing…" : "Refresh comments"}
      </Button>
    </form>
  );
}
