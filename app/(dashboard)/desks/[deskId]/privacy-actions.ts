"use server";
// The desk page's privacy toggle, apart from the desk form: the same use case as `desk privacy`.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setDeskPrivacy } from "@/lib/desks";
import { serverAction } from "@/lib/server-action";

const input = z.object({ deskId: z.number().int().positive(), maskPii: z.boolean() });

export const setDeskPrivacyAction = serverAction({ adminsOnly: "change what viewers may see" }, input, async (caller, { deskId, maskPii }) => {
  const outcome = await setDeskPrivacy(caller, deskId, maskPii);
  revalidatePath(`/desks/${deskId}`);
  revalidatePath("/tickets", "layout");
  return { ok: true, message: outcome.message };
});
