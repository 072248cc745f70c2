import { describe, expect, it } from "vitest";
import { BusyError, limitExpensive } from "@/lib/work-limit";

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("limitExpensive", () => {
  it("runs at most `max` at once, in order, and turns away what cannot even wait in line", async () => {
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const job = (i: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await later(2);
      order.push(i);
      running--;
      return i;
    };
    const results = await Promise.allSettled(Array.from({ length: 210 }, (_, i) => limitExpensive(job(i), 2)));
    expect(peak).toBe(2);
    const done = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    // 2 running + 200 waiting; the other 8 are told at once that the server is busy.
    expect(done).toHaveLength(202);
    expect(refused.every((r) => r.reason instanceof BusyError)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("frees the slot when the work fails", async () => {
    await expect(limitExpensive(async () => Promise.reject(new Error("boom")), 1)).rejects.toThrow("boom");
    await expect(limitExpensive(async () => "ok", 1)).resolves.toBe("ok");
  });
});
