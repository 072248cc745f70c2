"use client";

import { useActionState } from "react";
import { FormOutcome } from "@/components/ui/form-outcome";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { ActionResult } from "@/lib/validations/action-result";

type Props = { action: (state: ActionResult, formData: FormData) => Promise<ActionResult> };

export function UserCreateForm({ action }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const errors = state.fieldErrors ?? {};
  const aria = (name: string) => ({
    id: `user-${name}`,
    name,
    "aria-invalid": Boolean(errors[name]?.length),
    "aria-describedby": `user-${name}-error`,
  });
  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <FormOutcome state={state} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="flex flex-col gap-2">
          <Label htmlFor="user-email">Email</Label>
          <Input {...aria("email")} type="email" autoComplete="off" defaultValue={state.values?.email ?? ""} />
          <FieldError id="user-email-error" messages={errors.email} />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="user-name">Name (optional)</Label>
          <Input {...aria("name")} autoComplete="off" defaultValue={state.values?.name ?? ""} />
          <FieldError id="user-name-error" messages={errors.name} />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="user-role">Role</Label>
          <NativeSelect {...aria("role")} defaultValue={state.values?.role ?? "viewer"}>
            <option value="viewer">Viewer (read only)</option>
            <option value="admin">Admin (desks and users)</option>
          </NativeSelect>
          <FieldError id="user-role-error" messages={errors.role} />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="user-password">Password</Label>
          <Input {...aria("password")} type="password" autoComplete="new-password" />
          <FieldError id="user-password-error" messages={errors.password} />
        </div>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add user"}
        </Button>
      </div>
    </form>
  );
}
