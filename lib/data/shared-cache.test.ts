import { describe, expect, it } from "vitest";
import { shared } from "@/lib/data/shared-cache";

// Stands for a database client: each has its own entries.
const database = {};

describe("shared", () => {
  it("loads once for concurrent and repeated calls within the TTL, and again after it", async () => {
    let clock = 1_000;
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return `value ${loads}`;
    };
    const first = await Promise.all(Array.from({ length: 20 }, () => shared("test-ttl", 2_000, load, () => clock, database)));
    expect(first).toEqual(Array(20).fill("value 1"));
    clock += 1_999;
    expect(await shared("test-ttl", 2_000, load, () => clock, database)).toBe("value 1");
    clock += 1;
    expect(await shared("test-ttl", 2_000, load, () => clock, database)).toBe("value 2");
    expect(loads).toBe(2);
  });

  it("does not keep a failed load: the next call tries again", async () => {
    let calls = 0;
    const load = async () => {
      calls++;
      if (calls === 1) throw new Error("database down");
      return "back";
    };
    await expect(shared("test-failure", 60_000, load, Date.now, database)).rejects.toThrow("database down");
    expect(await shared("test-failure", 60_000, load, Date.now, database)).toBe("back");
  });

  it("keeps keys and databases apart", async () => {
    expect(await shared("test-a", 60_000, async () => "a", Date.now, database)).toBe("a");
    expect(await shared("test-b", 60_000, async () => "b", Date.now, database)).toBe("b");
    expect(await shared("test-a", 60_000, async () => "other database", Date.now, {})).toBe("other database");
  });
});
