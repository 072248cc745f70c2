"use server";

import { AuthError } from "next-auth";
import { AccountLockedError, signIn } from "@/lib/auth";
import { createFirstAdmin, LOCK_MINUTES } from "@/lib/data/users";
import { echoValues, fieldErrorsOf, type ActionResult } from "@/lib/validations/action-result";
import { credentialsSchema, userCreateSchema } from "@/lib/validations/user";

/** Only same-site paths, so the login page cannot be used to send people elsewhere. */
function safeRedirect(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "/";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

async function signInOrExplain(email: string, password: string, redirectTo: string, values: Record<string, string>): Promise<ActionResult> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    if (error instanceof AccountLockedError) {
      return { ok: false, values, error: `Too many failed attempts: this account is locked for ${LOCK_MINUTES} minutes. An admin can unlock it by resetting the password.` };
    }
    if (error instanceof AuthError) return { ok: false, values, error: "Wrong email or password." };
    throw error;
  }
  return { ok: true };
}

export async function login(_state: ActionResult, formData: FormData): Promise<ActionResult> {
  const values = echoValues(formData, ["password"]);
  const parsed = credentialsSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) return { ok: false, values, error: "Enter your email and password." };
  return signInOrExplain(parsed.data.email, parsed.data.password, safeRedirect(formData.get("callbackUrl")), values);
}

export async function setupFirstAdmin(_state: ActionResult, formData: FormData): Promise<ActionResult> {
  const values = echoValues(formData, ["password"]);
  const parsed = userCreateSchema.omit({ role: true }).safeParse({
    email: formData.get("email"),
    name: formData.get("name") || undefined,
    password: formData.get("password"),
  });
  if (!parsed.success) return { ok: false, values, fieldErrors: fieldErrorsOf(parsed.error) };
  const created = await createFirstAdmin(parsed.data);
  if (!created) return { ok: false, error: "An admin already exists: sign in instead." };
  return signInOrExplain(parsed.data.email, parsed.data.password, "/", values);
}
