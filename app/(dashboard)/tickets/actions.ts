"use server";
// The ticket list's own settings: the time zone times are shown in, and saved views. Each acts for the
// signed-in user only (the wrapper re-reads who that is).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Actor } from "@/lib/desks";
import { deleteView, saveView } from "@/lib/data/saved-views";
import { setTimeZoneSetting } from "@/lib/data/user-settings";
import { serverAction } from "@/lib/server-action";
import { savedViewSchema } from "@/lib/validations/saved-view";
import { timeZoneSchema } from "@/lib/validations/time-zone";

// serverAction("signed-in") runs handlers only for a signed-in user; anyone else owns no settings.
const userIdOf = (actor: Actor) => (actor.kind === "user" ? actor.id : "");

/** An empty zone goes back to the browser's. */
export const setTimeZoneAction = serverAction("signed-in", z.union([z.literal(""), timeZoneSchema]), async ({ actor }, zone) => {
  await setTimeZoneSetting(userIdOf(actor), zone === "" ? null : zone);
  revalidatePath("/tickets", "layout");
  return { ok: true, message: zone ? `Times are shown in ${zone}.` : "Times follow your browser's time zone." };
});

export const saveViewAction = serverAction("signed-in", savedViewSchema, async ({ actor }, input) => {
  const view = await saveView(userIdOf(actor), input);
  revalidatePath("/tickets");
  return { ok: true, message: `Saved the view “${view.name}”.` };
});

export const deleteViewAction = serverAction("signed-in", z.number().int().positive(), async ({ actor }, viewId) => {
  const view = await deleteView(userIdOf(actor), viewId);
  revalidatePath("/tickets");
  return { ok: true, message: `Deleted the view “${view.name}”.` };
});
