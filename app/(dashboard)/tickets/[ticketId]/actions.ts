"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { repairComments } from "@/lib/desks";
import { serverAction } from "@/lib/server-action";
import { isInt8Id } from "@/lib/validations/pg-safe";

/** Re-reads the ticket's comments from Zendesk; any signed-in user may, as it only refreshes a copy. */
export const refreshCommentsAction = serverAction("signed-in", z.string().refine(isInt8Id), async (caller, ticketId) => {
  const message = await repairComments(caller, ticketId);
  revalidatePath(`/tickets/${ticketId}`);
  return { ok: true, message };
});
