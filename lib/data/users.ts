import "server-only";
// People who sign in to the dashboard. Passwords are argon2id hashes. Repeated failures are slowed
// down by lib/data/sign-in.ts (per address and account), never by locking the account: a lock is a
// way for anyone to keep its owner out.
import { db } from "@/lib/db/client";
import { Prisma, type UserRole } from "@/lib/generated/prisma/client";
import { decoyHash, hashPassword, verifyPassword } from "@/lib/data/passwords";
import { UserError } from "@/lib/data/errors";
import { spendSetupCode } from "@/lib/data/setup-code";
import type { UserCreate } from "@/lib/validations/user";

const publicFields = {
  id: true,
  email: true,
  name: true,
  role: true,
  lastLoginAt: true,
  createdAt: true,
} satisfies Prisma.AdminUserSelect;

export type User = Prisma.AdminUserGetPayload<{ select: typeof publicFields }>;
export type SessionUser = { id: string; email: string; name: string | null; role: UserRole; sessionVersion: number };

export type SignInResult = { ok: true; user: SessionUser } | { ok: false; reason: "invalid" };

/** Emails are compared case-insensitively, so they are stored in one case. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function createUser(input: UserCreate): Promise<User> {
  try {
    return await db().adminUser.create({
      select: publicFields,
      data: { email: normalizeEmail(input.email), name: input.name || null, role: input.role, passwordHash: await hashPassword(input.password) },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new UserError(`A user with the email ${input.email} already exists`);
    }
    throw error;
  }
}

export function listUsers(): Promise<User[]> {
  return db().adminUser.findMany({ select: publicFields, orderBy: { email: "asc" } });
}

export function countUsers(): Promise<number> {
  return db().adminUser.count();
}

async function getUser(ref: string | number): Promise<User> {
  const byId = typeof ref === "number" || /^\d+$/.test(String(ref));
  // Ids are int4: a longer number names no user, and must not reach the database as one.
  if (byId && !(Number.isSafeInteger(Number(ref)) && Number(ref) <= 2_147_483_647)) throw new UserError(`No user ${ref}`);
  const where = byId ? { id: Number(ref) } : { email: normalizeEmail(String(ref)) };
  const user = await db().adminUser.findUnique({ select: publicFields, where });
  if (!user) throw new UserError(`No user ${ref}`);
  return user;
}

/** Refuses to leave the installation without an admin. */
async function assertAnotherAdmin(user: User): Promise<void> {
  if (user.role !== "admin") return;
  const admins = await db().adminUser.count({ where: { role: "admin", id: { not: user.id } } });
  if (admins === 0) throw new UserError("This is the last admin; make someone else admin first");
}

export async function removeUser(ref: string | number): Promise<User> {
  const user = await getUser(ref);
  await assertAnotherAdmin(user);
  await db().adminUser.delete({ where: { id: user.id } });
  return user;
}

export async function setUserRole(ref: string | number, role: UserRole): Promise<User> {
  const user = await getUser(ref);
  if (role !== "admin") await assertAnotherAdmin(user);
  // Sessions carry no role, but a changed role is a moment to make everyone sign in again.
  return db().adminUser.update({ select: publicFields, where: { id: user.id }, data: { role, sessionVersion: { increment: 1 } } });
}

/** Sets a new password and ends the user's sessions everywhere. */
export async function resetPassword(ref: string | number, password: string): Promise<User> {
  const user = await getUser(ref);
  return db().adminUser.update({
    select: publicFields,
    where: { id: user.id },
    data: { passwordHash: await hashPassword(password), sessionVersion: { increment: 1 } },
  });
}

/** Sign-out: every session cookie issued to the user so far stops working. */
export async function endSessions(id: string): Promise<void> {
  if (!/^\d{1,9}$/.test(id)) return;
  await db().adminUser.updateMany({ where: { id: Number(id) }, data: { sessionVersion: { increment: 1 } } });
}

/** Checks the password only; throttling is lib/data/sign-in.ts's job. */
export async function signInWithPassword(email: string, password: string, now = new Date()): Promise<SignInResult> {
  const user = await db().adminUser.findUnique({ where: { email: normalizeEmail(email) } });
  if (!user) {
    await verifyPassword(await decoyHash(), password);
    return { ok: false, reason: "invalid" };
  }
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, reason: "invalid" };
  await db().adminUser.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  return { ok: true, user: { id: String(user.id), email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } };
}

/** The current role of a session's user, or null when the user was removed since sign-in. */
export async function findSessionUser(id: string): Promise<SessionUser | null> {
  // Ids are int4: a longer string in a cookie is not a user, and must not reach the database.
  if (!/^\d{1,9}$/.test(id)) return null;
  const user = await db().adminUser.findUnique({ where: { id: Number(id) }, select: { id: true, email: true, name: true, role: true, sessionVersion: true } });
  return user ? { ...user, id: String(user.id) } : null;
}

/**
 * The first admin of a fresh installation, from the sign-in page, for the holder of the setup code
 * the server printed. Refused as soon as any user exists; the table lock makes two simultaneous
 * first sign-ups create one admin, not two.
 */
export async function createFirstAdmin(input: Omit<UserCreate, "role">, setupCode: string): Promise<User | "admin-exists" | "bad-code"> {
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`LOCK TABLE admin_users IN EXCLUSIVE MODE`;
    if ((await tx.adminUser.count()) > 0) return "admin-exists" as const;
    if (!(await spendSetupCode(tx, setupCode))) return "bad-code" as const;
    return tx.adminUser.create({
      select: publicFields,
      data: { email: normalizeEmail(input.email), name: input.name || null, role: "admin", passwordHash },
    });
  });
}
