// The page's JSON parameter: what PostgreSQL's jsonb cannot hold (NUL, unpaired surrogates) is fixed in
// the text, with the same values as cleaning every string first, and nothing else changes.
import { describe, expect, it } from "vitest";
import { json } from "@/lib/sync/upsert";

/** The reference: every string cleaned before stringifying (unpaired surrogates first, so a NUL between two halves does not pair them). */
const cleaned = (rows: unknown[]) =>
  JSON.stringify(rows, (_key, value: unknown) => (typeof value === "string" ? value.toWellFormed().replaceAll("\u0000", "") : value));

describe("json", () => {
  it("drops NUL, turns unpaired surrogates into U+FFFD and keeps escaped look-alikes and emoji", () => {
    const rows = [{ subject: "a\u0000b \ud83d lone, \ude00 lone low, 😀 pair", body: "\\u0000 and \\\\u0000 and \\ud83d typed by a person", n: 1 }];
    const text = json(rows);
    expect(JSON.parse(text)).toEqual([{ subject: "ab \ufffd lone, \ufffd lone low, 😀 pair", body: "\\u0000 and \\\\u0000 and \\ud83d typed by a person", n: 1 }]);
    expect(JSON.parse(text)).toEqual(JSON.parse(cleaned(rows)));
  });

  it("agrees with cleaning every string on random text made of the awkward characters", () => {
    const alphabet = ["\\", "u", "0", "d", "8", "3", "f", "\u0000", "\ud83d", "\ude00", "x", '"', "\n"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
      const rows = [{ [`k${i}`]: text, nested: [text] }];
      expect(JSON.parse(json(rows))).toEqual(JSON.parse(cleaned(rows)));
    }
  });
});
