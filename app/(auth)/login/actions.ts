"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { SignInThrottledError, signIn } from "@/lib/auth";
import { clientAddress } from "@/lib/client-address";
import { context } from "@/lib/context";
import { takeSetupAttempt } from "@/lib/data/sign-in";
import { createFirstAdmin } from "@/lib/data/users";
import { echoValues, fieldErrorsOf, formText, type ActionResult } from "@/lib/validations/action-result";
import { safeRedirectPath } from "@/lib/validations/redirect";
import { credentialsSchema, userCreateSchema } from "@/lib/validations/user";

const wait = (seconds: number) => (seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`);

async function signInOrExplain(email: string, password: string, redirectTo: string, values: Record<string, string>): Promise<ActionResult> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    // The same words for every email, existing or not.
    if (error instanceof SignInThrottledError) {
      return { ok: false, values, error: `Too many sign-in attempts. Wait ${wait(error.retryAfterSeconds)} and try again.` };
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
  return signInOrExplain(parsed.data.email, parsed.data.password, safeRedirectPath(formData.get("callbackUrl")), values);
}

export async function setupFirstAdmin(_state: ActionResult, formData: FormData): Promise<ActionResult> {
  const values = echoValues(formData, ["password", "setupCode"]);
  const { env } = context();
  // Guessing the code is throttled like guessing a password.
  const budget = await takeSetupAttempt(clientAddress(await headers(), env.TRUST_PROXY), env.LOGIN_RATE_PER_MINUTE);
  if (!budget.ok) return { ok: false, values, error: `Too many attempts. Wait ${wait(budget.retryAfterSeconds)} and try again.` };
  const parsed = userCreateSchema.omit({ role: true }).safeParse({
    email: formData.get("email"),
    name: formData.get("name") || undefined,
    password: formData.get("password"),
  });
  if (!parsed.success) return { ok: false, values, fieldErrors: fieldErrorsOf(parsed.error) };
  const code = formText(formData, "setupCode")?.trim() ?? "";
  if (!code) return { ok: false, values, fieldErrors: { setupCode: ["Enter the setup code the server printed in its console."] } };
  const created = await createFirstAdmin(parsed.data, code.slice(0, 40));
  if (created === "admin-exists") return { ok: false, error: "An admin already exists: sign in instead." };
  if (created === "bad-code") {
    return { ok: false, values, fieldErrors: { setupCode: ["This is not the current setup code. Use the latest one the server printed (a restart prints a new one)."] } };
  }
  return signInOrExplain(parsed.data.email, parsed.data.password, "/", values);
}
