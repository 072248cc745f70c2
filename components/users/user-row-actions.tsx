"use client";

// Per-user admin operations: change role, reset password (which also lifts a lockout) and remove.
import { KeyRound, Trash2 } from "lucide-react";
import { useActionState } from "react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { FormOutcome } from "@/components/ui/form-outcome";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { ActionResult } from "@/lib/validations/action-result";

type FormAction = (state: ActionResult, formData: FormData) => Promise<ActionResult>;

type Props = {
  user: { id: number; email: string; role: "admin" | "viewer" };
  isSelf: boolean;
  changeRole: FormAction;
  resetPassword: FormAction;
  remove: FormAction;
};

function RoleForm({ user, action }: { user: Props["user"]; action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-col gap-1">
      <input type="hidden" name="userId" value={user.id} />
      <div className="flex gap-2">
        {/* Keyed by role so a saved change shows: React resets forms to their first default. */}
        <NativeSelect key={user.role} name="role" defaultValue={user.role} aria-label={`Role of ${user.email}`} className="w-28">
          <option value="viewer">viewer</option>
          <option value="admin">admin</option>
        </NativeSelect>
        <Button type="submit" variant="outline" size="sm" className="h-9" disabled={pending}>
          Set role
        </Button>
      </div>
      <div aria-live="polite">
        <FormOutcome state={state} />
      </div>
    </form>
  );
}

function PasswordDialog({ user, action }: { user: Props["user"]; action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Reset password of ${user.email}`}>
          <KeyRound aria-hidden /> Reset password
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>Reset password of {user.email}</AlertDialogTitle>
        <AlertDialogDescription>The new password replaces the old one at once and lifts any lockout.</AlertDialogDescription>
        <form action={formAction} noValidate className="flex flex-col gap-3">
          <input type="hidden" name="userId" value={user.id} />
          <Label htmlFor={`password-${user.id}`}>New password</Label>
          <Input
            id={`password-${user.id}`}
            name="password"
            type="password"
            autoComplete="new-password"
            aria-invalid={Boolean(state.fieldErrors?.password)}
            aria-describedby={`password-${user.id}-error`}
          />
          <FieldError id={`password-${user.id}-error`} messages={state.fieldErrors?.password} />
          <div aria-live="polite">
            <FormOutcome state={state} />
          </div>
          <AlertDialogFooter>
            <AlertDialogCancel>Close</AlertDialogCancel>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Set password"}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}

function RemoveDialog({ user, action }: { user: Props["user"]; action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Remove ${user.email}`}>
          <Trash2 aria-hidden /> Remove
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>Remove {user.email}?</AlertDialogTitle>
        <AlertDialogDescription>They are signed out at their next request and can no longer sign in.</AlertDialogDescription>
        <form action={formAction} className="flex flex-col gap-3">
          <input type="hidden" name="userId" value={user.id} />
          <div aria-live="polite">
            <FormOutcome state={state} />
          </div>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <Button type="submit" variant="destructive" disabled={pending}>
              {pending ? "Removing…" : "Remove user"}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}

export function UserRowActions({ user, isSelf, changeRole, resetPassword, remove }: Props) {
  return (
    <div className="flex flex-wrap items-start gap-2">
      {!isSelf && <RoleForm user={user} action={changeRole} />}
      <PasswordDialog user={user} action={resetPassword} />
      {!isSelf && <RemoveDialog user={user} action={remove} />}
    </div>
  );
}
