// The desk forms' raw values, mapped onto the shared desk schema (lib/validations/desk.ts). The same
// mapping runs in the browser before submit and in the server action, so both report the same errors.
import { z } from "zod";
import { deskCreateSchema, deskUpdateSchema } from "@/lib/validations/desk";
import { formText } from "@/lib/validations/action-result";
import { sinceSchema } from "@/lib/validations/since";

/** Empty number inputs mean "not set", which the schema's coercion would otherwise read as 0. */
function optionalNumber(value: string | undefined): string | undefined {
  return value?.trim() ? value.trim() : undefined;
}

function settingsFrom(formData: FormData) {
  const rateLimit = optionalNumber(formText(formData, "rateLimitPerMinute"));
  return {
    name: formText(formData, "name")?.trim() || undefined,
    email: formText(formData, "email") ?? "",
    waitIntervalSeconds: optionalNumber(formText(formData, "waitIntervalSeconds")),
    rateLimitPerMinute: rateLimit ?? null,
    rateLimitShare: optionalNumber(formText(formData, "rateLimitShare")),
  };
}

export function parseDeskCreateForm(formData: FormData) {
  return deskCreateSchema.safeParse({
    address: formText(formData, "address") ?? "",
    token: formText(formData, "token") ?? "",
    active: formData.get("active") === "on",
    ...settingsFrom(formData),
  });
}

/**
 * An empty token field keeps the stored token: the form never holds the current one. Activation is
 * not part of the edit form; it has its own action, which also stops running syncs.
 */
export function parseDeskUpdateForm(formData: FormData) {
  const token = formText(formData, "token")?.trim();
  return deskUpdateSchema.safeParse({
    address: formText(formData, "address") ?? "",
    ...(token ? { token } : {}),
    ...settingsFrom(formData),
  });
}

/** "Backfill from date": a calendar day (UTC) from 1970 on, not in the future. */
export const backfillSchema = z.object({
  since: z.string({ error: "Pick the day to re-export from" }).min(1, "Pick the day to re-export from").pipe(sinceSchema),
});
