"use client";

// The real-time buttons and the export-limit form of the desk page, each showing its action's answer.
import { Save, Zap, ZapOff } from "lucide-react";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { FormOutcome } from "@/components/ui/form-outcome";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { ActionResult } from "@/lib/validations/action-result";

type Action = () => Promise<ActionResult>;

type Run = { state: ActionResult; run: () => void; pending: boolean };

function useRun(action: Action): Run {
  const [state, run, pending] = useActionState<ActionResult>(action, {});
  return { state, run, pending };
}

function RunButton({ run, onRun, label, busy, icon, variant = "outline", disabled }: {
  run: Run;
  onRun: () => void;
  label: string;
  busy: string;
  icon: React.ReactNode;
  variant?: "outline" | "default" | "ghost";
  disabled?: boolean;
}) {
  return (
    <form action={run.run} onSubmit={onRun}>
      <Button type="submit" variant={variant} disabled={run.pending || disabled} className="w-full justify-start sm:w-fit">
        {icon} {run.pending ? busy : label}
      </Button>
    </form>
  );
}

/**
 * On: turn off (or only here), or set the webhook up again; off: turn on. The answers live here, not
 * in the buttons, so "Real-time is on" stays on screen when the page redraws with the other buttons.
 */
export function RealtimeButtons(props: { on: boolean; canTurnOn: boolean; enable: Action; disable: Action; forget: Action }) {
  const runs = { enable: useRun(props.enable), disable: useRun(props.disable), forget: useRun(props.forget) };
  const [last, setLast] = useState<keyof typeof runs | null>(null);
  const turnOn = { run: runs.enable, onRun: () => setLast("enable"), busy: "Setting up the webhook…", icon: <Zap aria-hidden />, disabled: !props.canTurnOn };
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        {props.on ? (
          <>
            <RunButton run={runs.disable} onRun={() => setLast("disable")} label="Turn off real-time" busy="Removing the webhook…" icon={<ZapOff aria-hidden />} />
            <RunButton {...turnOn} label="Set up the webhook again" />
            <RunButton run={runs.forget} onRun={() => setLast("forget")} label="Turn off here only" busy="Turning off…" icon={<ZapOff aria-hidden />} variant="ghost" />
          </>
        ) : (
          <RunButton {...turnOn} label="Turn on real-time" variant="default" />
        )}
      </div>
      <div aria-live="polite">{last && <FormOutcome state={runs[last].state} />}</div>
    </div>
  );
}

export function ExportLimitForm({ action, current }: { action: (state: ActionResult, formData: FormData) => Promise<ActionResult>; current: number }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} className="flex flex-col gap-2" noValidate>
      <Label htmlFor="export-limit">Incremental export limit</Label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <NativeSelect
          id="export-limit"
          name="exportLimitPerMinute"
          defaultValue={state.values?.exportLimitPerMinute ?? String(current)}
          className="sm:w-72"
          aria-invalid={Boolean(state.fieldErrors?.exportLimitPerMinute)}
          aria-describedby="export-limit-error"
        >
          <option value="10">10 requests a minute</option>
          <option value="30">30 a minute (High Volume API add-on)</option>
        </NativeSelect>
        <Button type="submit" variant="outline" disabled={pending}>
          <Save aria-hidden /> {pending ? "Saving…" : "Save"}
        </Button>
      </div>
      <FieldError id="export-limit-error" messages={state.fieldErrors?.exportLimitPerMinute} />
      <div aria-live="polite">
        <FormOutcome state={state.fieldErrors ? {} : state} />
      </div>
    </form>
  );
}
