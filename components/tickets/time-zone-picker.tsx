"use client";
// Which zone the times on this page are in, and a way to pick another (saved per user) or to follow
// the browser again.
import { Globe } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import type { ActionResult } from "@/lib/validations/action-result";
import { timeZoneNames } from "@/lib/validations/time-zone";

export type ZoneInfo = {
  timeZone: string;
  /** "UTC+01:00" now. */
  offset: string;
  source: "setting" | "browser" | "default";
  browserZone: string | null;
};

/**
 * Every zone the browser knows, listed only once the picker opens: not shipped with every page (a few
 * hundred names). The server checks the choice against its own list when it is saved.
 */
function zoneChoices(info: ZoneInfo): string[] {
  const zones = timeZoneNames();
  return info.source === "setting" && !zones.includes(info.timeZone) ? [info.timeZone, ...zones] : zones;
}

export function TimeZonePicker({ info, save }: { info: ZoneInfo; save: (zone: string) => Promise<ActionResult> }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState(info.source === "setting" ? info.timeZone : "");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const note = info.source === "setting" ? "your setting" : info.source === "browser" ? "your browser's" : "until your browser's zone is known";

  if (!editing) {
    return (
      <span className="inline-flex flex-wrap items-center gap-x-2" data-testid="time-zone">
        <Globe className="size-3.5" aria-hidden />
        <span>
          Times in <strong className="font-medium text-foreground">{info.timeZone}</strong> ({info.timeZone === "UTC" ? note : `${info.offset}, ${note}`})
        </span>
        <Button variant="link" size="sm" className="h-auto p-0" onClick={() => setEditing(true)}>
          Change
        </Button>
      </span>
    );
  }
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await save(choice);
          if (result.ok) {
            setEditing(false);
            setError(null);
            router.refresh();
          } else {
            setError(result.error ?? result.fieldErrors?.[""]?.[0] ?? "That time zone could not be saved.");
          }
        });
      }}
    >
      <label htmlFor="time-zone" className="text-sm">
        Time zone
      </label>
      <NativeSelect id="time-zone" value={choice} onChange={(e) => setChoice(e.target.value)} className="h-8 w-64">
        <option value="">Browser&apos;s zone{info.browserZone ? ` (${info.browserZone})` : ""}</option>
        {zoneChoices(info).map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </NativeSelect>
      <Button type="submit" size="sm" disabled={pending}>
        Save
      </Button>
      <Button type="button" size="sm" variant="ghost" onClick={() => setEditing(false)}>
        Cancel
      </Button>
      {error && (
        <span role="alert" className="text-sm text-destructive">
          {error}
        </span>
      )}
    </form>
  );
}
