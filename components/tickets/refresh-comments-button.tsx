"use client";

import { RefreshCw } from "lucide-react";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/validations/action-result";

export function RefreshCommentsButton({ action }: { action: () => Promise<ActionResult> }) {
  const [outcome, run, pending] = useActionState<ActionResult>(action, {});
  const text = outcome.error ?? outcome.message;
  return (
    <form action={run} className="flex flex-wrap items-center gap-2">
      {text && (
        <p role={outcome.error ? "alert" : "status"} className={outcome.error ? "text-sm text-destructive" : "text-sm text-muted-foreground"}>
          {text}
        </p>
      )}
      <Button type="submit" variant="outline" size="sm" disabled={pending}>
        <RefreshCw className={pending ? "animate-spin" : undefined} aria-hidden /> {pending ? "Refreshing…" : "Refresh comments"}
      </Button>
    </form>
  );
}
