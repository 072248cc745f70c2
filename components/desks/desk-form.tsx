"use client";

// Create and edit form for a desk. The shared schema checks the values in the browser before the
// request and again in the server action; either way errors appear beside their fields. The token
// input is always empty: the stored token never comes back to the browser, it can only be replaced.
import { PlugZap } from "lucide-react";
import { startTransition, useActionState, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { parseDeskCreateForm, parseDeskUpdateForm } from "@/lib/validations/desk-form";
import { fieldErrorsOf, type FieldErrors, type ActionResult } from "@/lib/validations/action-result";

export type DeskFormDefaults = {
  address: string;
  name: string;
  email: string;
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
};

function Field({
  name,
  label,
  hint,
  errors,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: (aria: { id: string; name: string; "aria-invalid": boolean; "aria-describedby": string }) => React.ReactNode;
}) {
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={`desk-${name}`}>{label}</Label>
      {children({ id: `desk-${name}`, name, "aria-invalid": Boolean(errors?.length), "aria-describedby": `desk-${name}-hint desk-${name}-error` })}
      {hint && (
        <p id={`desk-${name}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      <FieldError id={`desk-${name}-error`} messages={errors} />
    </div>
  );
}

const noTest: FormAction = async () => ({});

export function DeskForm({ mode, action, defaults, testAction }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const [testState, testFormAction, testing] = useActionState(testAction ?? noTest, {});
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const errors = clientErrors ?? state.fieldErrors ?? testState.fieldErrors ?? {};
  const value = (key: keyof DeskFormDefaults) => state.values?.[key] ?? defaults[key];

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
    <form ref={form} action={formAction} onSubmit={check} noValidate className="flex max-w-2xl flex-col gap-5">
      {state.error && <Alert>{state.error}</Alert>}
      {state.message && !clientErrors && <Alert tone="info">{state.message}</Alert>}
      <Field
        name="address"
        label="Zendesk address"
        hint={mode === "create" ? "acme, acme.zendesk.com or a full URL such as https://acme.zendesk.com" : "The account stays the same; only its API base URL (e.g. a proxy) can change."}
        errors={errors.address}
      >
        {(aria) => <Input {...aria} defaultValue={value("address")} autoComplete="off" required autoFocus={mode === "create"} />}
      </Field>
      <Field name="name" label="Label (optional)" errors={errors.name}>
        {(aria) => <Input {...aria} defaultValue={value("name")} autoComplete="off" />}
      </Field>
      <Field name="email" label="Agent email" hint="The Zendesk agent the API token belongs to." errors={errors.email}>
        {(aria) => <Input {...aria} type="email" defaultValue={value("email")} autoComplete="off" required />}
      </Field>
      <Field
        name="token"
        label={mode === "create" ? "API token" : "New API token"}
        hint={mode === "create" ? "Stored encrypted and never shown again." : "Leave empty to keep the current token. The stored token is never shown."}
        errors={errors.token}
      >
        {(aria) => <Input {...aria} type="password" defaultValue="" autoComplete="new-password" required={mode === "create"} />}
      </Field>
      <div className="grid gap-5 sm:grid-cols-3">
        <Field name="waitIntervalSeconds" label="Seconds between syncs" errors={errors.waitIntervalSeconds}>
          {(aria) => <Input {...aria} type="number" inputMode="numeric" min={10} defaultValue={value("waitIntervalSeconds")} />}
        </Field>
        <Field name="rateLimitPerMinute" label="Plan limit (requests/min)" hint="Empty: read from Zendesk." errors={errors.rateLimitPerMinute}>
          {(aria) => <Input {...aria} type="number" inputMode="numeric" min={10} defaultValue={value("rateLimitPerMinute")} />}
        </Field>
        <Field name="rateLimitShare" label="Share for this collector (%)" errors={errors.rateLimitShare}>
          {(aria) => <Input {...aria} type="number" inputMode="numeric" min={1} max={100} defaultValue={value("rateLimitShare")} />}
        </Field>
      </div>
      {mode === "create" && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="active" defaultChecked={state.values ? state.values.active === "on" : true} className="size-4 accent-primary" /> Start syncing right away
        </label>
      )}
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
