import { Alert } from "@/components/ui/alert";

/** What a server action answered: its error, or else its confirmation; nothing before it ran. */
export function FormOutcome({ state }: { state: { error?: string; message?: string } }) {
  if (state.error) return <Alert>{state.error}</Alert>;
  if (state.message) return <Alert tone="info">{state.message}</Alert>;
  return null;
}
