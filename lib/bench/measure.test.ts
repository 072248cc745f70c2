import { describe, expect, it } from "vitest";
import { percentile, timeRuns } from "@/lib/bench/measure";

describe("percentile", () => {
  it("takes the nearest rank, so p95 of 50 runs is the third slowest", () => {
    const values = Array.from({ length: 50 }, (_, i) => i + 1);
    expect(percentile(values, 0.5)).toBe(25);
    expect(percentile(values, 0.95)).toBe(48);
    expect(percentile([7], 0.95)).toBe(7);
  });
});

describe("timeRuns", () => {
  it("runs the warm-up first and times only the iterations", async () => {
    const calls: number[] = [];
    const timing = await timeRuns(async (i) => void calls.push(i), 5, 2);
    expect(calls).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(timing.runs).toBe(5);
    expect(timing.p95).toBeGreaterThanOrEqual(timing.p50);
  });

  it("cuts the warm-up short when a run is slow", async () => {
    let calls = 0;
    await timeRuns(async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, calls === 1 ? 3100 : 0));
    }, 2, 5);
    expect(calls).toBe(3);
  });
});
