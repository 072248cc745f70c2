"use client";
// Whether viewers see this desk's personal data (requester names and emails, comment bodies). Admins
// always do; the masking happens on the server, so masked values never reach a viewer's browser.
import { ShieldCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useOptimistic, useState, useTransition } from "react";
import { FormOutcome } from "@/components/ui/form-outcome";
import type { ActionResult } from "@/lib/validations/action-result";

export function DeskPrivacy({ deskId, maskPii, action }: { deskId: number; maskPii: boolean; action: (input: { deskId: number; maskPii: boolean }) => Promise<ActionResult> }) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<ActionResult>({});
  const [pending, startTransition] = useTransition();
  const [checked, setChecked] = useOptimistic(maskPii);
  return (
    <section aria-labelledby="privacy-heading" className="flex flex-col gap-3 rounded-lg border border-border bg-card p-5">
      <h2 id="privacy-heading" className="flex items-center gap-2 text-sm font-medium text-muted-foreground">
        <ShieldCheck className="size-4" aria-hidden /> Privacy
      </h2>
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          className="mt-0.5"
          checked={checked}
          disabled={pending}
          onChange={(e) => {
            const next = e.target.checked;
            startTransition(async () => {
              setChecked(next);
              setOutcome(await action({ deskId, maskPii: next }));
              router.refresh();
            });
          }}
        />
        <span>
          <span className="font-medium">Mask personal data from viewers</span>
          <span className="block text-muted-foreground">
            Viewers see “(hidden)” instead of requester names and emails, descriptions and comment bodies, on every page and in CSV exports.
            Admins, and analysts querying the database, see everything.
          </span>
        </span>
      </label>
      <FormOutcome state={outcome} />
    </section>
  );
}
