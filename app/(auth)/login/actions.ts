"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { createFirstAdmin, LOCK_MINUTES } from "@/lib/data/users";
import { credentialsSchema, userCreateSchema } from "@/lib/validations/user";

export type LoginState = { error?: string; fieldErrors?: Record<string, string[] | undefined> };

/** Only same-site paths, so the login page cannot be used to send people elsewhere. */
function safeRedirect(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "/";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

async function signInOrExplain(email: string, password: string, redirectTo: string): Promise<LoginState> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "locked") {
      return { error: `Too many failed attempts: this account is locked for ${LOCK_MINUTES} minutes. An admin can unlock it by resetting the password.` };
    }
    if (error instanceof AuthError) return { error: "Wrong email or password." };
    throw error;
  }
  return {};
}

export async function login(_state: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = credentialsSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) return { error: "Enter your email and password." };
  return signInOrExplain(parsed.data.email, parsed.data.password, safeRedirect(formData.get("callbackUrl")));
}

export async function setupFirstAdmin(_state: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = userCreateSchema.omit({ role: true }).safeParse({
    email: formData.get("email"),
    name: formData.get("name") || undefined,
    password: formData.get("password"),
  });
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const created = await createFirstAdmin(parsed.data);
  if (!created) return { error: "An admin already exists: sign in instead." };
  return signInOrExplain(parsed.data.email, parsed.data.password, "/");
}
