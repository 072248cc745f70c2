"use client";

// The desk page's sign-in form: renew or switch the credentials (tested before they replace the old
// ones; data and cursors stay), or "Connect with Zendesk", which takes the admin to Zendesk and back.
import { LogIn } from "lucide-react";
import { useActionState, useState, type FormEvent } from "react";
import { ConnectionRefusal } from "@/components/desks/connection-refusal";
import { SignInFields, type SignInDefaults } from "@/components/desks/sign-in-fields";
import { FormOutcome } from "@/components/ui/form-outcome";
import { Button } from "@/components/ui/button";
import { fieldErrorsOf, type ActionResult, type FieldErrors } from "@/lib/validations/action-result";
import type { DeskAuthMethod } from "@/lib/validations/desk";
import { parseDeskSignInForm } from "@/lib/validations/desk-form";

type Props = {
  action: (state: ActionResult, formData: FormData) => Promise<ActionResult>;
  current: DeskAuthMethod;
  defaults: SignInDefaults;
  redirectUri: string;
  /** Whether the desk holds (or held) a Connect with Zendesk grant: the button then says Reconnect. */
  connected: boolean;
};

function submitLabel(method: DeskAuthMethod, current: DeskAuthMethod, connected: boolean): string {
  if (method === "authorization_code") return connected ? "Reconnect with Zendesk" : "Connect with Zendesk";
  if (method === current) return method === "api_token" ? "Save API token" : "Save client credentials";
  return method === "api_token" ? "Switch to API token" : "Switch to client credentials";
}

export function DeskSignInForm({ action, current, defaults, redirectUri, connected }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const [method, setMethod] = useState<DeskAuthMethod>(current);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const errors = clientErrors ?? state.fieldErrors ?? {};

  function check(event: FormEvent<HTMLFormElement>) {
    const parsed = parseDeskSignInForm(new FormData(event.currentTarget));
    setClientErrors(parsed.success ? null : fieldErrorsOf(parsed.error));
    if (!parsed.success) event.preventDefault();
  }

  return (
    <form action={formAction} onSubmit={check} noValidate className="flex max-w-2xl min-w-0 flex-col gap-5">
      <SignInFields
        mode="edit"
        method={method}
        onMethodChange={setMethod}
        current={current}
        defaults={{ clientId: state.values?.clientId ?? defaults.clientId, email: state.values?.email ?? defaults.email }}
        errors={errors}
        redirectUri={redirectUri}
      />
      {!clientErrors && errors.connection && <ConnectionRefusal messages={errors.connection} pending={pending} />}
      <Button type="submit" disabled={pending} className="self-start">
        {method === "authorization_code" && <LogIn aria-hidden />}
        {pending ? "Working…" : submitLabel(method, current, connected)}
      </Button>
      <div aria-live="polite">{!clientErrors && <FormOutcome state={state} />}</div>
    </form>
  );
}
