// An attacker guessing an admin's password must not keep the admin out: throttling per address and
// per account, never a lock; and the answers never tell which emails exist.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attemptSignIn } from "@/lib/data/sign-in";
import { createUser } from "@/lib/data/users";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await createUser({ email: "owner@example.com", role: "admin", password: "owner password 1" });
});
afterAll(() => database.drop());

const t0 = Date.UTC(2026, 0, 1);
const at = (seconds: number) => new Date(t0 + seconds * 1000);
const attacker = (email: string, seconds: number) => attemptSignIn({ email, password: "guess", address: "203.0.113.9", perMinute: 10 }, at(seconds));

describe("sign-in throttling", () => {
  it("slows the attacker's address down, while the owner signs in from elsewhere at once", async () => {
    const answers = [];
    // An hour of guessing, one try every 10 s (within the per-address budget, so only back-off stops it).
    for (let s = 0; s < 3600; s += 10) answers.push((await attacker("owner@example.com", s)).ok ? "in" : "refused");
    expect(answers).not.toContain("in");
    const tried = await database.prisma.rateLimit.findUniqueOrThrow({ where: { key: "signin:pair:owner@example.com:203.0.113.9" } });
    // Doubling waits: a handful of real guesses an hour, not 360.
    expect(tried.hits).toBeLessThanOrEqual(16);

    const owner = await attemptSignIn({ email: "owner@example.com", password: "owner password 1", address: "198.51.100.7", perMinute: 10 }, at(3600));
    expect(owner).toMatchObject({ ok: true, user: { email: "owner@example.com" } });
  }, 60_000);

  it("refuses a burst from one address across accounts", async () => {
    const results = [];
    for (let i = 0; i < 12; i++) results.push(await attemptSignIn({ email: `spray${i}@example.com`, password: "guess", address: "192.0.2.50", perMinute: 10 }, at(10_000)));
    expect(results.slice(0, 10).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results.slice(10)).toEqual([expect.objectContaining({ reason: "throttled" }), expect.objectContaining({ reason: "throttled" })]);
  });

  it("answers an unknown email exactly as a known one", async () => {
    const sequence = async (email: string, address: string) => {
      const reasons = [];
      for (let i = 0; i < 6; i++) {
        const r = await attemptSignIn({ email, password: "guess", address, perMinute: 100 }, at(20_000));
        reasons.push(r.ok ? "ok" : r.reason === "throttled" ? `throttled ${r.retryAfterSeconds}` : r.reason);
      }
      return reasons;
    };
    expect(await sequence("nobody@example.com", "192.0.2.60")).toEqual(await sequence("owner@example.com", "192.0.2.61"));
  });
});
