import "server-only";
// People who sign in to the dashboard. Passwords are argon2id hashes; repeated failures lock the
// account for a while, counted in the database so every server process sees the same count.
import { db } from "@/lib/db/client";
import { Prisma, type UserRole } from "@/lib/generated/prisma/client";
import { decoyHash, hashPassword, verifyPassword } from "@/lib/data/passwords";
import { UserError } from "@/lib/data/errors";
import type { UserCreate } from "@/lib/validations/user";

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

const publicFields = {
  id: true,
  email: true,
  name: true,
  role: true,
  lockedUntil: true,
  failedAttempts: true,
  lastLoginAt: true,
  createdAt: true,
} satisfies Prisma.AdminUserSelect;

export type User = Prisma.AdminUserGetPayload<{ select: typeof publicFields }>;
export type SessionUser = { id: string; email: string; name: string | null; role: UserRole };

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; lockedUntil: Date };

/** Emails are compared case-insensitively, so they are stored in one case. */
const normalizeEmail = (email: string) => email.trim().toLowerCase();

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
  const where = typeof ref === "number" || /^\d+$/.test(String(ref)) ? { id: Number(ref) } : { email: normalizeEmail(String(ref)) };
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
  return db().adminUser.update({ select: publicFields, where: { id: user.id }, data: { role } });
}

/** Sets a new password and lifts any lock. */
export async function resetPassword(ref: string | number, password: string): Promise<User> {
  const user = await getUser(ref);
  return db().adminUser.update({
    select: publicFields,
    where: { id: user.id },
    data: { passwordHash: await hashPassword(password), failedAttempts: 0, lockedUntil: null },
  });
}

export async function signInWithPassword(email: string, password: string, now = new Date()): Promise<SignInResult> {
  const user = await db().adminUser.findUnique({ where: { email: normalizeEmail(email) } });
  if (!user) {
    await verifyPassword(await decoyHash(), password);
    return { ok: false, reason: "invalid" };
  }
  if (user.lockedUntil && user.lockedUntil > now) return { ok: false, reason: "locked", lockedUntil: user.lockedUntil };

  if (await verifyPassword(user.passwordHash, password)) {
    await db().adminUser.update({
      where: { id: user.id },
      data: { failedAttempts: 0, lockedUntil: null, lastLoginAt: now },
    });
    return { ok: true, user: { id: String(user.id), email: user.email, name: user.name, role: user.role } };
  }

  // One statement, so concurrent wrong guesses cannot both read the old count.
  const [row] = await db().$queryRaw<{ failed_attempts: number; locked_until: Date | null }[]>`
    UPDATE admin_users
    SET failed_attempts = CASE WHEN locked_until IS NOT NULL AND locked_until <= ${now} THEN 1 ELSE failed_attempts + 1 END,
        locked_until = CASE
          WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= ${now} THEN 1 ELSE failed_attempts + 1 END) >= ${MAX_FAILED_ATTEMPTS}
          THEN ${now}::timestamptz + make_interval(mins => ${LOCK_MINUTES})
          ELSE NULL END
    WHERE id = ${user.id}
    RETURNING failed_attempts, locked_until`;
  if (row?.locked_until) return { ok: false, reason: "locked", lockedUntil: row.locked_until };
  return { ok: false, reason: "invalid" };
}

/** The current role of a session's user, or null when the user was removed since sign-in. */
export async function findSessionUser(id: string): Promise<SessionUser | null> {
  if (!/^\d+$/.test(id)) return null;
  const user = await db().adminUser.findUnique({ where: { id: Number(id) }, select: { id: true, email: true, name: true, role: true } });
  return user ? { ...user, id: String(user.id) } : null;
}

/**
 * The first admin of a fresh installation, from the sign-in page. Refused as soon as any user exists;
 * the table lock makes two simultaneous first sign-ups create one admin, not two.
 */
export async function createFirstAdmin(input: Omit<UserCreate, "role">): Promise<User | null> {
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`LOCK TABLE admin_users IN EXCLUSIVE MODE`;
    if ((await tx.adminUser.count()) > 0) return null;
    return tx.adminUser.create({
      select: publicFields,
      data: { email: normalizeEmail(input.email), name: input.name || null, role: "admin", passwordHash },
    });
  });
}
