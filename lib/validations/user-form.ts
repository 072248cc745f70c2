// The users admin forms, on top of the shared user schemas (lib/validations/user.ts).
import { z } from "zod";
import { passwordSchema, roleSchema, userCreateSchema } from "@/lib/validations/user";
import { formText } from "@/lib/validations/action-result";

const userId = z.coerce.number().int().positive();

export function parseUserCreateForm(formData: FormData) {
  return userCreateSchema.safeParse({
    email: formText(formData, "email") ?? "",
    name: formText(formData, "name")?.trim() || undefined,
    role: formText(formData, "role"),
    password: formText(formData, "password") ?? "",
  });
}

export const userRoleFormSchema = z.object({ userId, role: roleSchema });
export const userPasswordFormSchema = z.object({ userId, password: passwordSchema });
export const userRefSchema = z.object({ userId });
