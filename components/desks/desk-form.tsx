"use client";

// Create form for a desk (with how it signs in) and the settings form of an existing desk (its
// credentials have their own form, DeskSignInForm). The shared schema checks the values in the browser
// before the request and again in the server action; either way errors appear beside their fields,
// and everything typed except secrets survives a refusal. Adding a desk tests its connection first: a
// failure is shown with a "save anyway (inactive)" choice instead of saving a desk that cannot sync.
import { PlugZap } from "lucide-react";
import { startTransition, useActionState, useRef, useState, type FormEvent } from "react";
import { ConnectionRefusal } from "@/components/desks/connection-refusal";
import { DeskField } from "@/components/desks/desk-field";
import { SignInFields } from "@/components/desks/sign-in-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { fieldErrorsOf, type FieldErrors, type ActionResult } from "@/lib/validations/action-result";
import type { DeskAuthMethod } from "@/lib/validations/desk";
import { parseDeskCreateForm, parseDeskUpdateForm } from "@/lib/validations/desk-form";

type DeskFormDefaults = {
  address: string;
  name: string;
  waitIntervalSeconds: string;
  rateLimitPerMinute: string;
  rateLimitShare: string;
};

type FormAction = (state: ActionResult, formData: FormData) => Promise<ActionResult>;

type Props = {
  mode: "create" | "edit";
  action: FormAction;
  defaults: DeskFormDefaults;
  /** Tests the typed credentials without saving (create form). */
  testAction?: FormAction;
  /** The callback URL to register on an OAuth client (create form). */
  redirectUri?: string;
};

const noTest: FormAction = async () => ({});

export function DeskForm({ mode, action, defaults, testAction, redirectUri }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const [testState, testFormAction, testing] = useActionState(testAction ?? noTest, {});
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [method, setMethod] = useState<DeskAuthMethod>("client_credentials");
  const form = useRef<HTMLFormElement>(null);
  const errors = clientErrors ?? state.fieldErrors ?? testState.fieldErrors ?? {};
  const value = (key: string, fallback = "") => state.values?.[key] ?? (defaults as Record<string, string>)[key] ?? fallback;

  /** The shared schema's verdict on the current values; shows the errors when there are any. */
  function valid(data: FormData): boolean {
    const parsed = mode === "create" ? parseDeskCreateForm(data) : parseDeskUpdateForm(data);
    setClientErrors(parsed.success ? null : fieldErrorsOf(parsed.error));
    return parsed.success;
  }

  function check(event: FormEvent<HTMLFormElement>) {
    if (!valid(new FormData(event.currentTarget))) event.preventDefault();
  }

  // Dispatched by hand rather than as a form action, so React does not reset what was typed.
  function test() {
    if (!form.current) return;
    const data = new FormData(form.current);
    if (valid(data)) startTransition(() => testFormAction(data));
  }

  return (
    <form ref={form} action={formAction} onSubmit={check} noValidate className="flex max-w-2xl min-w-0 flex-col gap-5">
      {state.error && <Alert>{state.error}</Alert>}
      {state.message && !clientErrors && <Alert tone="info">{state.message}</Alert>}
      <DeskField
        name="address"
        label="Zendesk address"
        hint={mode === "create" ? "acme, acme.zendesk.com or a full URL such as https://acme.zendesk.com" : "The account stays the same; only its API base URL (e.g. a proxy) can change."}
        errors={errors.address}
      >
        {(aria) => <Input {...aria} defaultValue={value("address")} autoComplete="off" required autoFocus={mode === "create"} />}
      </DeskField>
      <DeskField name="name" label="Label (optional)" errors={errors.name}>
        {(aria) => <Input {...aria} defaultValue={value("name")} autoComplete="off" />}
      </DeskField>
      {mode === "create" && (
        <SignInFields
          mode="create"
          method={method}
          onMethodChange={setMethod}
          defaults={{ clientId: value("clientId"), email: value("email") }}
          errors={errors}
          redirectUri={redirectUri}
        />
      )}
      <div className="grid gap-5 sm:grid-cols-3">
        <DeskField name="waitIntervalSeconds" label="Seconds between syncs" errors={errors.waitIntervalSeconds}>
          {(aria) => <Input {...aria} type="number" inputMode="numeric" min={10} defaultValue={value("waitIntervalSeconds")} />}
        </DeskField>
        <DeskField name="rateLimitPerMinute" label="Plan limit (requests/min)" hint="Empty: read from Zendesk." errors={errors.rateLimitPerMinute}>
          {(aria) => <Input {...aria} type="number" inputMode="numeric" min={10} defaultValue={value("rateLimitPerMinute")} />}
        </DeskField>
        <DeskField name="rateLimitShare" label="Share for this collector (%)" errors={errors.rateLimitShare}>
          {(aria) => <Input {...aria} type="number" inputMode="numeric" min={1} max={100} defaultValue={value("rateLimitShare")} />}
        </DeskField>
      </div>
      {mode === "create" && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="active" defaultChecked={state.values ? state.values.active === "on" : true} className="size-4 accent-primary" /> Start syncing right away
        </label>
      )}
      {!clientErrors && errors.connection && <ConnectionRefusal messages={errors.connection} pending={pending} />}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : mode === "create" ? "Add desk" : "Save changes"}
        </Button>
        {testAction && (
          <Button type="button" variant="outline" onClick={test} disabled={testing}>
            <PlugZap aria-hidden /> {testing ? "Testing…" : "Test connection"}
          </Button>
        )}
      </div>
      <div aria-live="polite">
        {!clientErrors && testState.error && <Alert>{testState.error}</Alert>}
        {!clientErrors && testState.message && <Alert tone="info">{testState.message}</Alert>}
      </div>
    </form>
  );
}
