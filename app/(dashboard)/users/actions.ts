"use server";

// User admin. Each action is the shared wrapper (session, admin role, parsing, one answer shape)
// around lib/data/users, where the last-admin rule lives, so the CLI obeys it too.
import { revalidatePath } from "next/cache";
import { UserError } from "@/lib/data/errors";
import { createUser, removeUser, resetPassword, setUserRole } from "@/lib/data/users";
import type { Actor } from "@/lib/desks";
import { formAction } from "@/lib/server-action";
import { formText, type ActionResult } from "@/lib/validations/action-result";
import { parseUserCreateForm, userPasswordFormSchema, userRefSchema, userRoleFormSchema } from "@/lib/validations/user-form";

const ADMINS = { adminsOnly: "manage users" };

const isSelf = (actor: Actor, userId: number) => actor.kind === "user" && actor.id === String(userId);

const create = formAction(
  ADMINS,
  parseUserCreateForm,
  async (_caller, input) => {
    try {
      const user = await createUser(input);
      revalidatePath("/users");
      return { ok: true, message: `Added ${user.email} as ${user.role}.` };
    } catch (error) {
      // A duplicate email belongs beside the email field.
      if (error instanceof UserError && !error.field) throw new UserError(error.message, "email");
      throw error;
    }
  },
  ["password"],
);

export async function createUserAction(state: ActionResult, formData: FormData): Promise<ActionResult> {
  return create(state, formData);
}

const changeRole = formAction(
  ADMINS,
  (data) => userRoleFormSchema.safeParse({ userId: formText(data, "userId"), role: formText(data, "role") }),
  async ({ actor }, { userId, role }) => {
    if (isSelf(actor, userId) && role !== "admin") throw new UserError("You cannot demote yourself; ask another admin.");
    const user = await setUserRole(userId, role);
    revalidatePath("/users");
    return { ok: true, message: `${user.email} is now ${user.role}.` };
  },
);

export async function changeRoleAction(state: ActionResult, formData: FormData): Promise<ActionResult> {
  return changeRole(state, formData);
}

const newPassword = formAction(
  ADMINS,
  (data) => userPasswordFormSchema.safeParse({ userId: formText(data, "userId"), password: formText(data, "password") }),
  async (_caller, { userId, password }) => {
    const user = await resetPassword(userId, password);
    revalidatePath("/users");
    return { ok: true, message: `New password set for ${user.email}; their sessions are ended.` };
  },
  ["password"],
);

export async function resetPasswordAction(state: ActionResult, formData: FormData): Promise<ActionResult> {
  return newPassword(state, formData);
}

const remove = formAction(
  ADMINS,
  (data) => userRefSchema.safeParse({ userId: formText(data, "userId") }),
  async ({ actor }, { userId }) => {
    if (isSelf(actor, userId)) throw new UserError("You cannot remove yourself; ask another admin.");
    const user = await removeUser(userId);
    revalidatePath("/users");
    return { ok: true, message: `Removed ${user.email}.` };
  },
);

export async function removeUserAction(state: ActionResult, formData: FormData): Promise<ActionResult> {
  return remove(state, formData);
}
