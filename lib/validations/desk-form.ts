// The desk forms' raw values, mapped onto the shared desk schemas (lib/validations/desk.ts). The same
// mapping runs in the browser before submit and in the server action, so both report the same errors.
// Only the fields of the chosen sign-in method are read: the others may hold leftovers of a switch.
import { z } from "zod";
import { deskCreateSchema, deskSignInSchema, deskUpdateSchema } from "@/lib/validations/desk";
import { formText } from "@/lib/validations/action-result";
import { sinceSchema } from "@/lib/validations/since";

/** Fields that never come back to the browser, not even after a refused submit. */
export const DESK_SECRET_FIELDS = ["token", "clientSecret"] as const;

/** The submit button that saves a desk whose connection test failed, inactive. */
export const SAVE_INACTIVE = "save-inactive";

/** Empty inputs mean "not set", which the schema's coercion would otherwise read as 0 or "". */
function optionalText(value: string | undefined): string | undefined {
  return value?.trim() ? value.trim() : undefined;
}

function settingsFrom(formData: FormData) {
  const rateLimit = optionalText(formText(formData, "rateLimitPerMinute"));
  return {
    name: formText(formData, "name")?.trim() || undefined,
    waitIntervalSeconds: optionalText(formText(formData, "waitIntervalSeconds")),
    rateLimitPerMinute: rateLimit ?? null,
    rateLimitShare: optionalText(formText(formData, "rateLimitShare")),
  };
}

/** The chosen method's fields; an empty secret is left out (required on create, "keep" on edit). */
function signInFrom(formData: FormData) {
  const authMethod = formText(formData, "authMethod") ?? "client_credentials";
  if (authMethod === "api_token") {
    return { authMethod, email: formText(formData, "email") ?? "", token: optionalText(formText(formData, "token")) };
  }
  return { authMethod, clientId: formText(formData, "clientId") ?? "", clientSecret: optionalText(formText(formData, "clientSecret")) };
}

export function parseDeskCreateForm(formData: FormData) {
  return deskCreateSchema.safeParse({
    address: formText(formData, "address") ?? "",
    active: formData.get("active") === "on",
    ...settingsFrom(formData),
    ...signInFrom(formData),
  });
}

/** Whether the admin chose "save anyway (inactive)" after a failed connection test. */
export const savesInactive = (formData: FormData) => formText(formData, "intent") === SAVE_INACTIVE;

/**
 * The settings form of an existing desk. Credentials have their own form (parseDeskSignInForm), and
 * activation its own action, which also stops running syncs.
 */
export function parseDeskUpdateForm(formData: FormData) {
  return deskUpdateSchema.safeParse({
    address: formText(formData, "address") ?? "",
    ...settingsFrom(formData),
  });
}

/** The desk page's sign-in form: switch or renew credentials, or connect with Zendesk. */
export function parseDeskSignInForm(formData: FormData) {
  return deskSignInSchema.safeParse(signInFrom(formData));
}

/** "Backfill from date": a calendar day (UTC) from 1970 on, not in the future. */
export const backfillSchema = z.object({
  since: z.string({ error: "Pick the day to re-export from" }).min(1, "Pick the day to re-export from").pipe(sinceSchema),
});
