"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ActionResult } from "@/lib/validations/action-result";
import { login, setupFirstAdmin } from "./actions";

export function LoginForm({ callbackUrl, firstAdmin }: { callbackUrl: string; firstAdmin: boolean }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(firstAdmin ? setupFirstAdmin : login, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error && <Alert>{state.error}</Alert>}
      {firstAdmin && (
        <>
          <div className="flex flex-col gap-2">
            <Label htmlFor="setupCode">Setup code</Label>
            <Input
              id="setupCode"
              name="setupCode"
              autoComplete="off"
              spellCheck={false}
              placeholder="XXXX-XXXX-XXXX"
              aria-invalid={Boolean(errors.setupCode)}
              aria-describedby="setupCode-hint setupCode-error"
            />
            <p id="setupCode-hint" className="text-xs text-muted-foreground">
              Printed in the server&apos;s console when it started (or add an admin with <code>npm run cli -- user add</code>).
            </p>
            <FieldError id="setupCode-error" messages={errors.setupCode} />
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor="name">Name</Label>
            <Input id="name" name="name" autoComplete="name" defaultValue={state.values?.name} />
          </div>
        </>
      )}
      <div className="flex flex-col gap-2">
        <Label htmlFor="email">Email</Label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          autoFocus
          defaultValue={state.values?.email}
          aria-invalid={Boolean(errors.email)} aria-describedby="email-error" />
        <FieldError id="email-error" messages={errors.email} />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="password">Password</Label>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete={firstAdmin ? "new-password" : "current-password"}
          required
          aria-invalid={Boolean(errors.password)}
          aria-describedby="password-error"
        />
        <FieldError id="password-error" messages={errors.password} />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : firstAdmin ? "Create admin and sign in" : "Sign in"}
      </Button>
    </form>
  );
}
