"use client";
// One desk's SLA targets, in hours, for admins on the SLA dashboard. The server action checks the
// role and the values again; errors appear beside their fields.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { FormOutcome } from "@/components/ui/form-outcome";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ActionResult } from "@/lib/validations/action-result";

type Props = {
  deskId: number;
  deskName: string;
  firstReplyMinutes: number;
  resolutionMinutes: number;
  action: (state: ActionResult, formData: FormData) => Promise<ActionResult>;
};

const hours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);

export function SlaTargetsForm({ deskId, deskName, firstReplyMinutes, resolutionMinutes, action }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const value = (name: string, minutes: number) => state.values?.[name] ?? hours(minutes);
  const field = (name: "firstReplyHours" | "resolutionHours", label: string, minutes: number) => {
    const id = `sla-${deskId}-${name}`;
    const errors = state.fieldErrors?.[name];
    return (
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={id}>{label}</Label>
        <Input
          id={id}
          name={name}
          inputMode="decimal"
          defaultValue={value(name, minutes)}
          key={`${name}-${value(name, minutes)}`}
          aria-invalid={Boolean(errors?.length)}
          aria-describedby={`${id}-error`}
          className="w-28"
        />
        <FieldError id={`${id}-error`} messages={errors} />
      </div>
    );
  };
  return (
    <form action={formAction} aria-label={`SLA targets of ${deskName}`} className="flex flex-col gap-2">
      <input type="hidden" name="deskId" value={deskId} />
      <div className="flex flex-wrap items-end gap-3">
        {field("firstReplyHours", "First reply (hours)", firstReplyMinutes)}
        {field("resolutionHours", "Full resolution (hours)", resolutionMinutes)}
        <Button type="submit" variant="outline" disabled={pending}>
          Save targets
        </Button>
      </div>
      <FormOutcome state={state} />
    </form>
  );
}
