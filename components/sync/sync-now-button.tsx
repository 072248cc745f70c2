"use client";

// "Sync now" beside a desk on the sync monitor, for admins; the server action checks the role again.
import { RefreshCw } from "lucide-react";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/validations/action-result";

export function SyncNowButton({ action, domain }: { action: () => Promise<ActionResult>; domain: string }) {
  const [state, formAction, pending] = useActionState<ActionResult>(action, {});
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <Button type="submit" variant="outline" size="sm" disabled={pending} aria-label={`Sync ${domain} now`}>
        <RefreshCw aria-hidden className={pending ? "animate-spin" : undefined} /> Sync now
      </Button>
      <span aria-live="polite" className={state.error ? "text-sm text-destructive" : "text-sm text-muted-foreground"}>
        {state.error ?? state.message}
      </span>
    </form>
  );
}
