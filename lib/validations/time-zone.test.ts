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

  it("reads the same as the formatter's parts, for any instant and zone", () => {
    const formats = new Map<string, Intl.DateTimeFormat>();
    const byParts = (date: Date, timeZone: string, seconds: boolean) => {
      const key = `${timeZone}|${seconds}`;
      if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", ...(seconds ? { second: "2-digit" } : {}), hourCycle: "h23" }));
      const format = formats.get(key)!;
      const p = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${seconds ? `:${p.second}` : ""}`;
    };
    const zones = ["UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham", "europe/berlin"];
    const instants = [Date.UTC(2026, 2, 29, 0, 59, 59), Date.UTC(2026, 9, 25, 1, 0, 1), Date.UTC(1999, 11, 31, 23, 59, 59), Date.UTC(12026, 0, 1), Date.UTC(999, 5, 1), 0];
    for (let i = 0; i < 100; i++) instants.push(Date.UTC(2000, 0, 1) + i * 86_400_000 * 94.7);
    for (const zone of zones) {
      for (const at of instants) {
        for (const seconds of [false, true]) expect(formatInZone(new Date(at), zone, { seconds })).toBe(byParts(new Date(at), zone, seconds));
      }
    }
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
