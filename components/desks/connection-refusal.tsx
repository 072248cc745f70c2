// A connection test that failed when a desk was saved: what Zendesk said, and the one explicit way to
// save it anyway, inactive, so no schedule syncs a desk that cannot sign in.
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SAVE_INACTIVE } from "@/lib/validations/desk-form";

export function ConnectionRefusal({ messages, pending }: { messages: string[]; pending: boolean }) {
  return (
    <Alert className="flex flex-col gap-2" data-testid="connection-refusal">
      <p>Not saved: the connection test failed. {messages.join(" ")}</p>
      <p className="text-foreground">Fix the sign-in and save again, or keep the desk without syncing until it connects. Secrets are never sent back: type them again.</p>
      <Button type="submit" name="intent" value={SAVE_INACTIVE} variant="outline" disabled={pending} className="self-start">
        Save anyway (inactive)
      </Button>
    </Alert>
  );
}
