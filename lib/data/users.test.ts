import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createFirstAdmin,
  createUser,
  LOCK_MINUTES,
  MAX_FAILED_ATTEMPTS,
  removeUser,
  resetPassword,
  setUserRole,
  signInWithPassword,
} from "@/lib/data/users";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

// A fresh database per test: several tests need an installation with no users at all.
let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.drop());

describe("users", () => {
  it("stores an argon2id hash, never the password", async () => {
    await createUser({ email: "Hash@Example.com", role: "viewer", password: "a long password" });
    const row = await database.prisma.adminUser.findUniqueOrThrow({ where: { email: "hash@example.com" } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("a long password");
  });

  it("refuses a second user with the same email", async () => {
    await createUser({ email: "dup@example.com", role: "viewer", password: "a long password" });
    await expect(createUser({ email: "DUP@example.com", role: "admin", password: "another password" })).rejects.toThrow(/already exists/);
  });

  it("signs in with the right password only, case-insensitively on the email", async () => {
    await createUser({ email: "ok@example.com", role: "admin", password: "right password" });
    expect(await signInWithPassword("OK@example.com", "right password")).toMatchObject({ ok: true, user: { email: "ok@example.com", role: "admin" } });
    expect(await signInWithPassword("ok@example.com", "wrong password")).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword("nobody@example.com", "right password")).toEqual({ ok: false, reason: "invalid" });
  });

  it(`locks after ${MAX_FAILED_ATTEMPTS} failures, even concurrent ones, until the lock expires or the password is reset`, async () => {
    await createUser({ email: "lock@example.com", role: "viewer", password: "right password" });
    const now = new Date();
    const results = await Promise.all(Array.from({ length: MAX_FAILED_ATTEMPTS }, () => signInWithPassword("lock@example.com", "wrong", now)));
    expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(1);
    // Locked: even the right password is refused now.
    const locked = await signInWithPassword("lock@example.com", "right password", now);
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    const until = (locked as { lockedUntil: Date }).lockedUntil.getTime();
    expect(until - now.getTime()).toBe(LOCK_MINUTES * 60_000);
    // After the lock expires the right password works again.
    expect(await signInWithPassword("lock@example.com", "right password", new Date(until + 1000))).toMatchObject({ ok: true });

    await Promise.all(Array.from({ length: MAX_FAILED_ATTEMPTS }, () => signInWithPassword("lock@example.com", "wrong", now)));
    await resetPassword("lock@example.com", "a new password");
    expect(await signInWithPassword("lock@example.com", "a new password", now)).toMatchObject({ ok: true });
  });

  it("never leaves the installation without an admin", async () => {
    const admin = await createUser({ email: "only@example.com", role: "admin", password: "a long password" });
    await expect(removeUser(admin.id)).rejects.toThrow(/last admin/);
    await expect(setUserRole("only@example.com", "viewer")).rejects.toThrow(/last admin/);
    await createUser({ email: "second@example.com", role: "admin", password: "a long password" });
    await setUserRole("only@example.com", "viewer");
    expect((await database.prisma.adminUser.findUniqueOrThrow({ where: { email: "only@example.com" } })).role).toBe("viewer");
  });

  it("creates the first admin once, even when two people race for it", async () => {
    const [a, b] = await Promise.all([
      createFirstAdmin({ email: "a@example.com", password: "a long password" }),
      createFirstAdmin({ email: "b@example.com", password: "a long password" }),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(await database.prisma.adminUser.count()).toBe(1);
    expect((await database.prisma.adminUser.findFirstOrThrow()).role).toBe("admin");
  });
});
