"use server";

// The SLA dashboard's one action: an admin sets a desk's targets (lib/desks setDeskSla, which the
// CLI calls too), then the dashboard recounts with them.
import { revalidatePath } from "next/cache";
import { setDeskSla } from "@/lib/desks";
import { formAction } from "@/lib/server-action";
import type { ActionResult } from "@/lib/validations/action-result";
import { parseDeskSlaForm } from "@/lib/validations/desk-sla";

const save = formAction({ adminsOnly: "change SLA targets" }, parseDeskSlaForm, async (caller, input) => {
  const { message } = await setDeskSla(caller, input.deskId, { firstReplyMinutes: input.firstReplyHours, resolutionMinutes: input.resolutionHours });
  revalidatePath("/sla");
  return { ok: true, message };
});

export async function setSlaTargetsAction(state: ActionResult, formData: FormData): Promise<ActionResult> {
  return save(state, formData);
}
