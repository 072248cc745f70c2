import { describe, expect, it } from "vitest";
import { shared } from "@/lib/shared-cache";

describe("shared", () => {
  it("loads once for concurrent and repeated calls within the TTL, and again after it", async () => {
    let clock = 1_000;
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return `value ${loads}`;
    };
    const first = await Promise.all(Array.from({ length: 20 }, () => shared("test-ttl", 2_000, load, () => clock)));
    expect(first).toEqual(Array(20).fill("value 1"));
    clock += 1_999;
    expect(await shared("test-ttl", 2_000, load, () => clock)).toBe("value 1");
    clock += 1;
    expect(await shared("test-ttl", 2_000, load, () => clock)).toBe("value 2");
    expect(loads).toBe(2);
  });

  it("does not keep a failed load: the next call tries again", async () => {
    let calls = 0;
    const load = async () => {
      calls++;
      if (calls === 1) throw new Error("database down");
      return "back";
    };
    await expect(shared("test-failure", 60_000, load)).rejects.toThrow("database down");
    expect(await shared("test-failure", 60_000, load)).toBe("back");
  });

  it("keeps keys apart", async () => {
    expect(await shared("test-a", 60_000, async () => "a")).toBe("a");
    expect(await shared("test-b", 60_000, async () => "b")).toBe("b");
  });
});
