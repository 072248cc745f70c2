"use client";

// How a desk signs in to Zendesk: the method (OAuth client credentials by default, Connect with
// Zendesk, or the legacy API token) and that method's fields. Secret inputs always start empty: a
// stored secret never comes back to the browser, it can only be replaced.
import { DeskField } from "@/components/desks/desk-field";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/validations/action-result";
import type { DeskAuthMethod } from "@/lib/validations/desk";
import { API_TOKEN_SHUTOFF_TEXT } from "@/lib/validations/desk-auth";

export type SignInDefaults = { clientId: string; email: string };

const CHOICES: { method: DeskAuthMethod; label: string; hint: string }[] = [
  {
    method: "client_credentials",
    label: "OAuth client credentials (recommended)",
    hint: "A confidential OAuth client's identifier and secret; the app obtains and renews its access tokens itself.",
  },
  {
    method: "authorization_code",
    label: "OAuth: Connect with Zendesk",
    hint: "A Zendesk admin allows access on Zendesk's own page (authorization code with PKCE); refresh tokens keep it connected.",
  },
  {
    method: "api_token",
    label: "API token (legacy)",
    hint: `Zendesk no longer issues API tokens and turns every one off on ${API_TOKEN_SHUTOFF_TEXT}.`,
  },
];

type Props = {
  mode: "create" | "edit";
  method: DeskAuthMethod;
  onMethodChange: (method: DeskAuthMethod) => void;
  defaults: SignInDefaults;
  errors: FieldErrors;
  /** The desk's current method (edit): an empty secret keeps its stored one. */
  current?: DeskAuthMethod;
  /** The callback URL to register on the OAuth client, shown for Connect with Zendesk. */
  redirectUri?: string;
};

export function SignInFields({ mode, method, onMethodChange, defaults, errors, current, redirectUri }: Props) {
  const keeps = mode === "edit" && current === method;
  return (
    <fieldset className="flex min-w-0 flex-col gap-4" aria-describedby="desk-authMethod-error">
      <legend className="mb-2 text-sm font-medium">{mode === "edit" ? "Change how this desk signs in" : "How this desk signs in to Zendesk"}</legend>
      <div className="flex flex-col gap-2">
        {CHOICES.map((choice) => (
          <label key={choice.method} className="flex cursor-pointer items-start gap-2 rounded-md border border-border p-3 text-sm has-[:checked]:border-primary">
            {/* Uncontrolled: React resets a form after its action, and a reset must land on the method shown. */}
            <input
              type="radio"
              name="authMethod"
              value={choice.method}
              defaultChecked={method === choice.method}
              onChange={() => onMethodChange(choice.method)}
              className="mt-0.5 size-4 shrink-0 accent-primary"
            />
            <span className="min-w-0">
              <span className="font-medium">{choice.label}</span>
              {current === choice.method && <span className="text-muted-foreground"> (current)</span>}
              <span className="block text-xs text-muted-foreground">{choice.hint}</span>
            </span>
          </label>
        ))}
        {errors.authMethod && (
          <p id="desk-authMethod-error" className="text-sm text-destructive">
            {errors.authMethod.join(" ")}
          </p>
        )}
      </div>
      {method === "api_token" ? (
        <>
          <DeskField name="email" label="Agent email" hint="The Zendesk agent the API token belongs to." errors={errors.email}>
            {(aria) => <Input {...aria} type="email" defaultValue={defaults.email} autoComplete="off" />}
          </DeskField>
          <DeskField
            name="token"
            label={mode === "create" ? "API token" : "New API token"}
            hint={keeps ? "Leave empty to keep the current token. The stored token is never shown." : "Stored encrypted and never shown again."}
            errors={errors.token}
          >
            {(aria) => <Input {...aria} type="password" defaultValue="" autoComplete="new-password" />}
          </DeskField>
        </>
      ) : (
        <>
          <DeskField
            name="clientId"
            label="OAuth client identifier"
            hint="The client's unique identifier in Zendesk Admin Center → Apps and integrations → APIs → OAuth clients."
            errors={errors.clientId}
          >
            {(aria) => <Input {...aria} defaultValue={defaults.clientId} autoComplete="off" spellCheck={false} />}
          </DeskField>
          <DeskField
            name="clientSecret"
            label={method === "authorization_code" ? "Client secret (confidential clients)" : "Client secret"}
            hint={
              keeps || (mode === "edit" && method === "authorization_code")
                ? "Leave empty to keep the stored secret of the same client. Stored encrypted and never shown."
                : method === "authorization_code"
                  ? "Leave empty for a public client (PKCE only). Stored encrypted and never shown again."
                  : "Shown once when the client is created in Zendesk. Stored encrypted and never shown again."
            }
            errors={errors.clientSecret}
          >
            {(aria) => <Input {...aria} type="password" defaultValue="" autoComplete="new-password" />}
          </DeskField>
          {method === "authorization_code" && redirectUri && (
            <p className="text-xs break-all text-muted-foreground">
              Register this redirect URL on the OAuth client: <code className="text-foreground">{redirectUri}</code>
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}
