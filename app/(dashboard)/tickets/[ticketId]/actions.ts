"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth";
import { requestCommentRepair, type RepairOutcome } from "@/lib/data/ticket-repair";

/** Re-reads the ticket's comments from Zendesk; any signed-in user may, as it only refreshes a copy. */
export async function refreshCommentsAction(ticketId: string): Promise<RepairOutcome> {
  await requireUser();
  try {
    const outcome = await requestCommentRepair(ticketId);
    revalidatePath(`/tickets/${ticketId}`);
    return outcome;
  } catch (error) {
    console.error("refresh comments failed", error);
    return { ok: false, message: `Zendesk could not be reached: ${error instanceof Error ? error.message : String(error)}` };
  }
}
