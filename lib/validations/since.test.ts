import { describe, expect, it } from "vitest";
import { parseSince } from "@/lib/validations/since";

describe("parseSince", () => {
  it("takes calendar dates and ISO date-times", () => {
    expect(parseSince("2024-02-29")).toEqual(new Date("2024-02-29T00:00:00Z"));
    expect(parseSince("2024-01-31T12:00:00+02:00")).toEqual(new Date("2024-01-31T10:00:00Z"));
  });
  it.each([
    ["2024-02-30", /not a date on the calendar/],
    ["2023-02-29", /not a date on the calendar/],
    ["0000-01-01", /not a date on the calendar|1970/],
    ["1969-12-31", /1970/],
    ["9999-12-31", /future/],
    ["yesterday", /give a date/],
    ["2024-01-31T12:00:00", /give a date/],
  ])("refuses %s", (text, message) => {
    const result = parseSince(text);
    expect(result).toEqual({ error: expect.stringMatching(message) });
  });
});
