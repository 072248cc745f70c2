"use client";

// The admin's one-click operations on a desk: test connection, sync now, backfill, (de)activate and
// delete. Each posts to its own server action and shows that action's answer beside it.
import { Activity, DatabaseBackup, PlugZap, Power, RefreshCw, Trash2 } from "lucide-react";
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
import type { ActionResult } from "@/lib/validations/action-result";

type Action = () => Promise<ActionResult>;
type FormAction = (state: ActionResult, formData: FormData) => Promise<ActionResult>;

type DeskOperationsProps = {
  domain: string;
  active: boolean;
  testConnection: Action;
  syncNow: Action;
  setActive: Action;
  backfill: FormAction;
  remove: Action;
};

function OneClick({ action, label, busy, icon }: { action: Action; label: string; busy: string; icon: React.ReactNode }) {
  const [state, formAction, pending] = useActionState<ActionResult>(action, {});
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <Button type="submit" variant="outline" disabled={pending} className="justify-start sm:w-fit">
        {icon} {pending ? busy : label}
      </Button>
      <div aria-live="polite">
        <FormOutcome state={state} />
      </div>
    </form>
  );
}

function Backfill({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-col gap-2" noValidate>
      <Label htmlFor="backfill-since">Backfill from date</Label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id="backfill-since"
          name="since"
          type="date"
          className="sm:w-48"
          defaultValue={state.values?.since ?? ""}
          max={new Date().toISOString().slice(0, 10)}
          aria-invalid={Boolean(state.fieldErrors?.since)}
          aria-describedby="backfill-since-error"
        />
        <Button type="submit" variant="outline" disabled={pending}>
          <DatabaseBackup aria-hidden /> {pending ? "Starting…" : "Backfill"}
        </Button>
      </div>
      <FieldError id="backfill-since-error" messages={state.fieldErrors?.since} />
      <div aria-live="polite">
        <FormOutcome state={state.fieldErrors ? {} : state} />
      </div>
    </form>
  );
}

function Remove({ action, domain }: { action: Action; domain: string }) {
  const [state, formAction, pending] = useActionState<ActionResult>(action, {});
  return (
    <div className="flex flex-col gap-2">
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button variant="destructive" className="justify-start sm:w-fit">
            <Trash2 aria-hidden /> Delete desk
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogTitle>Delete {domain}?</AlertDialogTitle>
          <AlertDialogDescription>
            This removes the desk and every ticket, comment and sync run synced from it. Zendesk itself is not touched.
          </AlertDialogDescription>
          <form action={formAction}>
            <AlertDialogFooter>
              <AlertDialogCancel>Cancel</AlertDialogCancel>
              <Button type="submit" variant="destructive" disabled={pending}>
                {pending ? "Deleting…" : "Delete desk and its data"}
              </Button>
            </AlertDialogFooter>
          </form>
          <div aria-live="polite">
            <FormOutcome state={state} />
          </div>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}

export function DeskOperations(props: DeskOperationsProps) {
  return (
    <div className="flex flex-col gap-5">
      <div className="grid gap-4 sm:grid-cols-3">
        <OneClick action={props.testConnection} label="Test connection" busy="Testing…" icon={<PlugZap aria-hidden />} />
        <OneClick action={props.syncNow} label="Sync now" busy="Starting…" icon={<RefreshCw aria-hidden />} />
        <OneClick
          action={props.setActive}
          label={props.active ? "Deactivate" : "Activate"}
          busy={props.active ? "Deactivating…" : "Activating…"}
          icon={props.active ? <Power aria-hidden /> : <Activity aria-hidden />}
        />
      </div>
      <Backfill action={props.backfill} />
      <Remove action={props.remove} domain={props.domain} />
    </div>
  );
}
