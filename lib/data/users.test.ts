import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { issueSetupCode } from "@/lib/data/setup-code";
import { createFirstAdmin, createUser, endSessions, findSessionUser, removeUser, resetPassword, setUserRole, signInWithPassword } from "@/lib/data/users";
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

  it("ends every session on sign-out, a password reset or a role change (session_version)", async () => {
    const user = await createUser({ email: "sv@example.com", role: "admin", password: "right password" });
    await createUser({ email: "other@example.com", role: "admin", password: "right password" });
    const version = async () => (await findSessionUser(String(user.id)))!.sessionVersion;
    const start = await version();
    await endSessions(String(user.id));
    expect(await version()).toBe(start + 1);
    await resetPassword(user.id, "a new password");
    expect(await version()).toBe(start + 2);
    await setUserRole(user.id, "viewer");
    expect(await version()).toBe(start + 3);
    // Cookies with ids no user can have never reach the database.
    expect(await findSessionUser("99999999999999999999")).toBeNull();
    await expect(removeUser("99999999999999999999")).rejects.toThrow(/No user/);
  });

  it("never leaves the installation without an admin", async () => {
    const admin = await createUser({ email: "only@example.com", role: "admin", password: "a long password" });
    await expect(removeUser(admin.id)).rejects.toThrow(/last admin/);
    await expect(setUserRole("only@example.com", "viewer")).rejects.toThrow(/last admin/);
    await createUser({ email: "second@example.com", role: "admin", password: "a long password" });
    await setUserRole("only@example.com", "viewer");
    expect((await database.prisma.adminUser.findUniqueOrThrow({ where: { email: "only@example.com" } })).role).toBe("viewer");
  });

  it("creates the first admin only with the current setup code", async () => {
    const stale = await issueSetupCode();
    const code = await issueSetupCode();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await createFirstAdmin({ email: "a@example.com", password: "a long password" }, "")).toBe("bad-code");
    expect(await createFirstAdmin({ email: "a@example.com", password: "a long password" }, stale!)).toBe("bad-code");
    expect(await database.prisma.adminUser.count()).toBe(0);
    const created = await createFirstAdmin({ email: "a@example.com", password: "a long password" }, code!.toLowerCase());
    expect(created).toMatchObject({ email: "a@example.com", role: "admin" });
    // Spent, and no new one while a user exists.
    expect(await issueSetupCode()).toBeNull();
    expect(await database.prisma.setupCode.count()).toBe(0);
  });

  it("creates the first admin once, even when two people race for it", async () => {
    const code = (await issueSetupCode())!;
    const [a, b] = await Promise.all([
      createFirstAdmin({ email: "a@example.com", password: "a long password" }, code),
      createFirstAdmin({ email: "b@example.com", password: "a long password" }, code),
    ]);
    expect([a, b].filter((r) => typeof r === "object")).toHaveLength(1);
    expect(await database.prisma.adminUser.count()).toBe(1);
    expect((await database.prisma.adminUser.findFirstOrThrow()).role).toBe("admin");
  });
});
