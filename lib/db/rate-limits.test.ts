import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkBackOff, clearKey, recordFailure, takeToken } from "@/lib/db/rate-limits";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);

describe("takeToken", () => {
  it("allows a burst, then one per interval, shared by concurrent callers", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => takeToken("t:burst", 6, 5, at(0))));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const refused = results.find((r) => !r.ok) as { retryAfterSeconds: number };
    expect(refused.retryAfterSeconds).toBe(10);
    expect((await takeToken("t:burst", 6, 5, at(9))).ok).toBe(false);
    expect((await takeToken("t:burst", 6, 5, at(10))).ok).toBe(true);
    expect((await takeToken("t:burst", 6, 5, at(11))).ok).toBe(false);
    // Keys are independent.
    expect((await takeToken("t:other", 6, 5, at(11))).ok).toBe(true);
  });
});

describe("failure back-off", () => {
  const policy = { free: 3, baseSeconds: 2, maxSeconds: 60, forgetSeconds: 3600 };

  it("lets the free failures through, then doubles the wait up to the cap; concurrent failures all count", async () => {
    await Promise.all(Array.from({ length: 3 }, () => recordFailure("b:x", policy, at(0))));
    expect((await checkBackOff("b:x", policy, at(0))).ok).toBe(true);
    await recordFailure("b:x", policy, at(0));
    expect(await checkBackOff("b:x", policy, at(0))).toEqual({ ok: false, retryAfterSeconds: 2 });
    await recordFailure("b:x", policy, at(2));
    expect(await checkBackOff("b:x", policy, at(2))).toEqual({ ok: false, retryAfterSeconds: 4 });
    for (let i = 0; i < 10; i++) await recordFailure("b:x", policy, at(10));
    expect(await checkBackOff("b:x", policy, at(10))).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect((await checkBackOff("b:x", policy, at(70))).ok).toBe(true);
    await clearKey("b:x");
    await recordFailure("b:x", policy, at(71));
    expect((await checkBackOff("b:x", policy, at(71))).ok).toBe(true);
  });

  it("forgets old failures", async () => {
    for (let i = 0; i < 6; i++) await recordFailure("b:old", policy, at(0));
    await recordFailure("b:old", policy, at(4000));
    expect((await checkBackOff("b:old", policy, at(4000))).ok).toBe(true);
  });
});
