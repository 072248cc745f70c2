import { describe, expect, it } from "vitest";
import { formatInZone, isTimeZone, todayInZone, zoneOffset } from "@/lib/validations/time-zone";

describe("times in a zone", () => {
  it("formats an instant as the zone's wall-clock time, daylight saving time included", () => {
    expect(formatInZone("2026-01-05T23:30:00Z", "UTC")).toBe("2026-01-05 23:30");
    expect(formatInZone("2026-01-05T23:30:00Z", "Europe/Berlin")).toBe("2026-01-06 00:30");
    expect(formatInZone("2026-07-05T23:30:00Z", "Europe/Berlin")).toBe("2026-07-06 01:30");
    expect(formatInZone("2026-01-05T23:30:05Z", "America/New_York", { seconds: true })).toBe("2026-01-05 18:30:05");
    expect(formatInZone(null, "UTC")).toBe("");
    expect(formatInZone("not a time", "UTC")).toBe("");
  });

  it("names the offset and today's date there", () => {
    expect(zoneOffset("Asia/Kolkata", new Date("2026-01-01T00:00:00Z"))).toBe("UTC+05:30");
    expect(zoneOffset("UTC")).toBe("UTC+00:00");
    expect(todayInZone("Pacific/Kiritimati", new Date("2026-01-05T12:00:00Z"))).toBe("2026-01-06");
  });

  it("knows real zones only", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});
