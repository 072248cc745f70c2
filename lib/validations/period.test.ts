import { describe, expect, it } from "vitest";
import { bucketStart, buckets, grainFor, resolvePeriod, type Period } from "@/lib/validations/period";

const TODAY = "2026-11-29";
const period = (result: ReturnType<typeof resolvePeriod>): Period => {
  if (!result.ok) throw new Error(result.error);
  return result.period;
};

describe("the dashboards' period", () => {
  it("ends presets today and compares them with as many days before", () => {
    expect(period(resolvePeriod({ range: "7d" }, TODAY, "2020-01-01"))).toMatchObject({
      from: "2026-11-23",
      to: TODAY,
      days: 7,
      grain: "day",
      previous: { from: "2026-11-16", to: "2026-11-22" },
    });
    expect(period(resolvePeriod({ range: "today" }, TODAY, null))).toMatchObject({ from: TODAY, to: TODAY, previous: { from: "2026-11-28", to: "2026-11-28" } });
    expect(period(resolvePeriod({ range: "all" }, TODAY, "2023-11-30"))).toMatchObject({ from: "2023-11-30", to: TODAY, grain: "month", previous: null });
  });

  it("refuses From after To, and a period that starts after today, with words for the page", () => {
    const reversed = resolvePeriod({ range: "custom", from: "2026-03-05", to: "2026-03-01" }, TODAY, null);
    expect(reversed).toEqual({ ok: false, error: expect.stringContaining("“From” (2026-03-05) is after “To” (2026-03-01)") });
    const future = resolvePeriod({ range: "custom", from: "2030-01-01", to: "2030-12-31" }, TODAY, "2020-01-01");
    expect(future).toEqual({ ok: false, error: expect.stringContaining("after today (2026-11-29)") });
  });

  it("clips a custom period to today and to the first ticket, and says so", () => {
    const wide = period(resolvePeriod({ range: "custom", from: "0001-01-01", to: "9999-12-31" }, TODAY, "2024-02-10"));
    expect(wide).toMatchObject({ from: "2024-02-10", to: TODAY, grain: "month" });
    expect(wide.notes).toEqual(["Shown up to today, 2026-11-29.", "Shown from the first ticket, 2024-02-10."]);
    // Wholly before the first ticket: left as asked, and empty.
    expect(period(resolvePeriod({ range: "custom", from: "2020-01-01", to: "2020-01-31" }, TODAY, "2024-02-10"))).toMatchObject({
      from: "2020-01-01",
      to: "2020-01-31",
      notes: [],
    });
  });

  it("keeps every series to a few hundred points, however wide the range", () => {
    expect([grainFor(1), grainFor(92), grainFor(93), grainFor(731), grainFor(732), grainFor(7000), grainFor(9000)]).toEqual([
      "day",
      "day",
      "week",
      "week",
      "month",
      "month",
      "year",
    ]);
    const everything = period(resolvePeriod({ range: "custom", from: "0001-01-01", to: "9999-12-31" }, TODAY, "0001-01-01"));
    expect(everything.grain).toBe("year");
    expect(buckets(everything).length).toBe(2026);
    expect(buckets(period(resolvePeriod({ range: "custom", from: "1990-01-01" }, TODAY, "1990-01-01"))).length).toBeLessThanOrEqual(440);
  });

  it("cuts a period into buckets clipped to it, weeks from Monday", () => {
    expect(bucketStart("2026-11-29", "week")).toBe("2026-11-23");
    expect(buckets({ from: "2026-11-25", to: "2026-12-09", grain: "week" })).toEqual([
      { from: "2026-11-25", to: "2026-11-29" },
      { from: "2026-11-30", to: "2026-12-06" },
      { from: "2026-12-07", to: "2026-12-09" },
    ]);
    expect(buckets({ from: "2026-01-31", to: "2026-03-01", grain: "month" })).toEqual([
      { from: "2026-01-31", to: "2026-01-31" },
      { from: "2026-02-01", to: "2026-02-28" },
      { from: "2026-03-01", to: "2026-03-01" },
    ]);
  });
});
