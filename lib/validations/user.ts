import { z } from "zod";

export const roleSchema = z.enum(["admin", "viewer"], { error: "Role must be admin or viewer" });

export const passwordSchema = z
  .string()
  .min(10, "The password needs at least 10 characters")
  .max(200, "The password is too long");

export const userCreateSchema = z.object({
  email: z.email({ error: "Enter a valid email address" }).trim().toLowerCase(),
  name: z.string().trim().max(100).optional(),
  role: roleSchema,
  password: passwordSchema,
});

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().min(1),
  password: z.string().min(1).max(200),
});

export type UserCreate = z.output<typeof userCreateSchema>;
