"use server";

// User admin. Each action checks the caller is an admin itself; the last-admin rule lives in
// lib/data/users, so the CLI obeys it too.
import { revalidatePath } from "next/cache";
import { currentUser } from "@/lib/auth";
import { UserError } from "@/lib/data/errors";
import { createUser, removeUser, resetPassword, setUserRole } from "@/lib/data/users";
import { echoValues, fieldErrorsOf, formText, type FormState } from "@/lib/validations/form-state";
import { parseUserCreateForm, userPasswordFormSchema, userRefSchema, userRoleFormSchema } from "@/lib/validations/user-form";

type Admin = { id: string };

async function adminOrRefusal(): Promise<Admin | FormState> {
  const user = await currentUser();
  if (!user) return { error: "Your session has ended: sign in again." };
  if (user.role !== "admin") return { error: "Only admins can manage users." };
  return { id: user.id };
}

const isAdmin = (value: Admin | FormState): value is Admin => "id" in value;

/** Turns the rules lib/data enforces (last admin, duplicate email, removed user) into form errors. */
async function explained(work: () => Promise<FormState>): Promise<FormState> {
  try {
    const state = await work();
    revalidatePath("/users");
    return state;
  } catch (error) {
    if (error instanceof UserError) return { error: error.message };
    throw error;
  }
}

export async function createUserAction(_state: FormState, formData: FormData): Promise<FormState> {
  const admin = await adminOrRefusal();
  if (!isAdmin(admin)) return admin;
  const values = echoValues(formData, ["password"]);
  const parsed = parseUserCreateForm(formData);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    const user = await createUser(parsed.data);
    revalidatePath("/users");
    return { message: `Added ${user.email} as ${user.role}.` };
  } catch (error) {
    if (error instanceof UserError) return { fieldErrors: { email: [error.message] }, values };
    throw error;
  }
}

export async function changeRoleAction(_state: FormState, formData: FormData): Promise<FormState> {
  const admin = await adminOrRefusal();
  if (!isAdmin(admin)) return admin;
  const parsed = userRoleFormSchema.safeParse({ userId: formText(formData, "userId"), role: formText(formData, "role") });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  const { userId, role } = parsed.data;
  if (String(userId) === admin.id && role !== "admin") return { error: "You cannot demote yourself; ask another admin." };
  return explained(async () => {
    const user = await setUserRole(userId, role);
    return { message: `${user.email} is now ${user.role}.` };
  });
}

export async function resetPasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  const admin = await adminOrRefusal();
  if (!isAdmin(admin)) return admin;
  const parsed = userPasswordFormSchema.safeParse({ userId: formText(formData, "userId"), password: formText(formData, "password") });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  const { userId, password } = parsed.data;
  return explained(async () => {
    const user = await resetPassword(userId, password);
    return { message: `New password set for ${user.email}; any lockout is lifted.` };
  });
}

export async function removeUserAction(_state: FormState, formData: FormData): Promise<FormState> {
  const admin = await adminOrRefusal();
  if (!isAdmin(admin)) return admin;
  const parsed = userRefSchema.safeParse({ userId: formText(formData, "userId") });
  if (!parsed.success) return { error: "Unknown user." };
  if (String(parsed.data.userId) === admin.id) return { error: "You cannot remove yourself; ask another admin." };
  return explained(async () => {
    const user = await removeUser(parsed.data.userId);
    return { message: `Removed ${user.email}.` };
  });
}
