"use server";

// Real-time server actions for the desk page: the shared wrapper around the use cases `desk realtime`
// calls too (lib/desks/realtime.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { disableRealtime, enableRealtime, setExportLimit, type RealtimeOutcome } from "@/lib/desks";
import { formAction, serverAction } from "@/lib/server-action";
import { formText, type ActionResult } from "@/lib/validations/action-result";

const ADMINS = { adminsOnly: "change desks" };
const deskId = z.number().int().positive();

function refresh(id: number) {
  revalidatePath(`/desks/${id}`);
  revalidatePath("/sync");
  revalidatePath(`/sync/${id}`);
  revalidatePath("/tickets");
}

const answer = ({ message, warning }: RealtimeOutcome): ActionResult => (warning ? { ok: false, error: `${message} ${warning}` } : { ok: true, message });

export const enableRealtimeAction = serverAction(ADMINS, deskId, async (caller, id) => {
  const outcome = await enableRealtime(caller, id);
  refresh(id);
  return answer(outcome);
});

export const disableRealtimeAction = serverAction(ADMINS, z.object({ id: deskId, forget: z.boolean() }), async (caller, { id, forget }) => {
  const outcome = await disableRealtime(caller, id, { forget });
  refresh(id);
  return answer(outcome);
});

const exportLimitForm = z.object({ exportLimitPerMinute: z.coerce.number().int() });

export async function exportLimitAction(id: number, state: ActionResult, formData: FormData): Promise<ActionResult> {
  const save = formAction(
    ADMINS,
    (data) => exportLimitForm.safeParse({ exportLimitPerMinute: formText(data, "exportLimitPerMinute") }),
    async (caller, { exportLimitPerMinute }) => {
      const outcome = await setExportLimit(caller, deskId.parse(id), exportLimitPerMinute);
      refresh(id);
      return answer(outcome);
    },
  );
  return save(state, formData);
}
